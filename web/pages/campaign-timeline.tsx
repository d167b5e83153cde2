import type { FC } from 'hono/jsx';
import { t, type Lang, type MessageKey } from '../../server/i18n/index.ts';

export interface TimelineCampaign {
  id: number;
  name: string;
  from: string;
  to: string;
  status: 'planned' | 'ordered' | 'delivered' | 'detected';
  baseline: boolean;
  baselineChosen: boolean;
  delivery: { expected: number; delivered: number; missingDays: string[] };
}

/** "levererat 40 av 42 prov", with the missing dates, for planned campaigns; nothing for detected ones. */
export const DeliveryBadge: FC<{ lang: Lang; c: TimelineCampaign }> = ({ lang, c }) => {
  if (c.status === 'detected' || c.status === 'planned') return <></>;
  const complete = c.delivery.delivered >= c.delivery.expected;
  return (
    <span class={`delivery ${complete ? 'delivery-complete' : 'delivery-gaps'}`}>
      {t(lang, 'campaigns.delivered', { delivered: c.delivery.delivered, expected: c.delivery.expected })}
      {c.delivery.missingDays.length > 0 && <span class="sub">{t(lang, 'campaigns.missingDays', { dates: c.delivery.missingDays.join(', ') })}</span>}
    </span>
  );
};

/** The campaigns in time order: status, dates, the baseline marked ("förvald" until chosen). */
export const CampaignTimeline: FC<{ lang: Lang; campaigns: TimelineCampaign[]; link?: boolean }> = ({ lang, campaigns, link = true }) => {
  if (!campaigns.length) return <></>;
  return (
    <section class="campaign-timeline-section" aria-labelledby="campaign-timeline-title">
      <h2 id="campaign-timeline-title">{t(lang, 'campaigns.timeline')}</h2>
      <p class="help">{t(lang, 'campaigns.timelineHelp')}</p>
      <ol class="campaign-timeline" id="campaign-timeline">
        {campaigns.map((c) => (
          <li class={`campaign campaign-${c.status}${c.baseline ? ' campaign-baseline' : ''}`} data-campaign={String(c.id)} data-status={c.status}>
            <span class="campaign-dot" aria-hidden="true"></span>
            <span class="campaign-name">{link ? <a href={`/campaigns#campaign-${c.id}`}>{c.name}</a> : c.name}</span>
            {c.name !== `${c.from} – ${c.to}` && <span class="sub">{`${c.from} – ${c.to}`}</span>}
            <span class={`badge badge-status badge-${c.status}`}>{t(lang, `campaigns.status.${c.status}` as MessageKey)}</span>
            {c.baseline && (
              <span class="badge badge-baseline" title={c.baselineChosen ? undefined : t(lang, 'campaigns.baselineDefaultHelp')}>
                {t(lang, c.baselineChosen ? 'campaigns.baseline' : 'campaigns.baselineDefault')}
              </span>
            )}
            <DeliveryBadge lang={lang} c={c} />
          </li>
        ))}
      </ol>
    </section>
  );
};
