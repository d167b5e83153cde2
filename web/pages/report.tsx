import type { FC } from 'hono/jsx';
import { formatNumber, PAGE_NUMBER, reportPageWords } from '../../server/i18n/index.ts';
import { EmptyState } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { FollowUpReportForm, type CampaignOption } from './report-followup.tsx';

export interface ReportPeriodOption { id: number; name: string; from: string; to: string; baseline: boolean }
export interface ReportAreaOption { code: string; name: string; population: number | null; small: boolean }
export interface ReportSubstanceOption { key: string; name: string }

export interface ReportPageProps {
  page: PageContext;
  periods: ReportPeriodOption[];
  areas: ReportAreaOption[];
  substances: ReportSubstanceOption[];
  minPublicPopulation: number;
  /** Detected campaigns, for the follow-up report and the public summary (issue 12). */
  campaigns?: CampaignOption[];
}


const CHECK = 'width:auto;margin-right:0.4rem';
const INLINE = 'display:flex;align-items:center;font-weight:normal;margin:0.15rem 0';

/** A GET form straight to /api/v1/reports/baseline: the browser downloads the file, no script needed. */
export const ReportPage: FC<ReportPageProps> = ({ page, periods, areas, substances, minPublicPopulation, campaigns }) => {
  const lang = page.lang;
  const t = reportPageWords(lang);
  const baseline = periods.find((p) => p.baseline);
  return (
    <Layout page={page} id="report" title={t.title}>
      <p class="lead">{t.intro}</p>
      {!substances.length ? (
        <EmptyState title={t.empty}><p>{t.emptyHelp}</p></EmptyState>
      ) : (
        <form method="get" action="/api/v1/reports/baseline" class="stack" id="report-form">
          <fieldset class="card">
            <legend>{t.period}</legend>
            <div class="form-grid">
              <div class="field">
                <label for="report-period">{t.chosenPeriod}</label>
                <select id="report-period" name="period">
                  <option value="">{t.noPeriod}</option>
                  {periods.map((p) => (
                    <option value={String(p.id)} selected={p.id === baseline?.id}>
                      {`${p.name} (${p.from} – ${p.to})${p.baseline ? `, ${t.baseline}` : ''}`}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="report-from">{t.from}</label>
                <input id="report-from" name="from" type="date" aria-describedby="report-dates-help" />
              </div>
              <div class="field">
                <label for="report-to">{t.to}</label>
                <input id="report-to" name="to" type="date" aria-describedby="report-dates-help" />
              </div>
            </div>
            <p class="help" id="report-dates-help">{t.ownDates}</p>
          </fieldset>
          <fieldset class="card">
            <legend>{t.areas}</legend>
            <p class="help">{t.noneMeansAll}</p>
            {areas.map((a) => (
              <label style={INLINE}>
                <input type="checkbox" name="areas" value={a.code} style={CHECK} />
                {`${a.name} (${a.code})`}
                {a.small && <span class="muted small">&nbsp;– {t.small(formatNumber(minPublicPopulation, lang, PAGE_NUMBER))}</span>}
              </label>
            ))}
          </fieldset>
          <fieldset class="card">
            <legend>{t.substances}</legend>
            <p class="help">{t.noneMeansAll}</p>
            {substances.map((s) => (
              <label style={INLINE}>
                <input type="checkbox" name="substances" value={s.key} style={CHECK} />
                {s.name}
              </label>
            ))}
          </fieldset>
          <fieldset class="card">
            <legend>{t.lang} · {t.format}</legend>
            <div class="form-grid">
              <div class="field">
                <span style="font-weight:600">{t.lang}</span>
                <label style={INLINE}><input type="radio" name="lang" value="sv" checked={lang === 'sv'} style={CHECK} />{t.sv}</label>
                <label style={INLINE}><input type="radio" name="lang" value="en" checked={lang === 'en'} style={CHECK} />{t.en}</label>
              </div>
              <div class="field">
                <label for="report-format">{t.format}</label>
                <select id="report-format" name="format">
                  {(['pdf', 'html', 'csv', 'csv-excel'] as const).map((f) => <option value={f}>{t.formats[f]}</option>)}
                </select>
              </div>
            </div>
          </fieldset>
          <div class="actions">
            <button type="submit" class="primary">{t.create}</button>
            <button type="submit" name="preview" value="1" formtarget="_blank" aria-describedby="report-preview-help">{t.preview}</button>
          </div>
          <p class="help" id="report-preview-help">{t.previewHelp}</p>
        </form>
      )}
      <FollowUpReportForm lang={lang} campaigns={campaigns ?? []} />
    </Layout>
  );
};
