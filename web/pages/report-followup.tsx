import type { FC } from 'hono/jsx';

export interface CampaignOption { id: number; name: string; from: string; to: string; baseline: boolean }

const TEXT = {
  sv: {
    heading: 'Uppföljning och sammanfattning för allmänheten',
    intro: 'Uppföljningsrapporten jämför nollvärdet med senare kampanjer, visar trender och insatsernas utvärdering, metod och dagliga data. Sammanfattningen för allmänheten är en A4-sida utan små områden.',
    baseline: 'Nollvärde (kampanj)', campaigns: 'Senare kampanjer', noneMeansAll: 'Ingen markering betyder alla efter nollvärdet.',
    lang: 'Språk', sv: 'Svenska', en: 'Engelska', format: 'Format',
    followUp: 'Skapa uppföljningsrapport', public: 'Skapa sammanfattning för allmänheten',
    methods: 'Provtagning och laboratorium i rapporternas metodavsnitt:', editMethods: 'redigera metoduppgifterna',
    formats: { pdf: 'PDF', html: 'HTML', csv: 'CSV', 'csv-excel': 'CSV för Excel' },
  },
  en: {
    heading: 'Follow-up and public summary',
    intro: 'The follow-up report compares the baseline with later campaigns, shows trends and the evaluation of interventions, methods and daily data. The public summary is one A4 page without small areas.',
    baseline: 'Baseline (campaign)', campaigns: 'Later campaigns', noneMeansAll: 'Nothing ticked means every campaign after the baseline.',
    lang: 'Language', sv: 'Swedish', en: 'English', format: 'Format',
    followUp: 'Create follow-up report', public: 'Create public summary',
    methods: 'Sampling and laboratory in the reports\' methods section:', editMethods: 'edit the methods facts',
    formats: { pdf: 'PDF', html: 'HTML', csv: 'CSV', 'csv-excel': 'CSV for Excel' },
  },
} as const;

const CHECK = 'width:auto;margin-right:0.4rem';
const INLINE = 'display:flex;align-items:center;font-weight:normal;margin:0.15rem 0';

/** A GET form to /api/v1/reports/follow-up or /public (the button's formaction): no script needed. */
export const FollowUpReportForm: FC<{ lang: 'sv' | 'en'; campaigns: CampaignOption[] }> = ({ lang, campaigns }) => {
  const t = TEXT[lang];
  if (campaigns.length < 2) return null;
  const baselineId = (campaigns.find((c) => c.baseline) ?? campaigns[0]).id;
  const label = (c: CampaignOption) => (c.name === `${c.from} – ${c.to}` ? c.name : `${c.name} (${c.from} – ${c.to})`);
  return (
    <form method="get" action="/api/v1/reports/follow-up" class="stack" id="followup-form">
      <h2>{t.heading}</h2>
      <p>{t.intro}</p>
      <p class="help">{t.methods} <a href="/settings/methods">{t.editMethods}</a></p>
      <fieldset class="card">
        <legend>{t.baseline}</legend>
        <select id="followup-baseline" name="baselineCampaign" aria-label={t.baseline}>
          {campaigns.map((c) => <option value={String(c.id)} selected={c.id === baselineId}>{label(c)}</option>)}
        </select>
      </fieldset>
      <fieldset class="card">
        <legend>{t.campaigns}</legend>
        <p class="help">{t.noneMeansAll}</p>
        {campaigns.filter((c) => c.id !== baselineId).map((c) => (
          <label style={INLINE}><input type="checkbox" name="campaigns" value={String(c.id)} style={CHECK} />{label(c)}</label>
        ))}
      </fieldset>
      <fieldset class="card">
        <legend>{t.lang} · {t.format}</legend>
        <label style={INLINE}><input type="radio" name="lang" value="sv" checked={lang === 'sv'} style={CHECK} />{t.sv}</label>
        <label style={INLINE}><input type="radio" name="lang" value="en" checked={lang === 'en'} style={CHECK} />{t.en}</label>
        <select id="followup-format" name="format" aria-label={t.format}>
          {(['pdf', 'html', 'csv', 'csv-excel'] as const).map((f) => <option value={f}>{t.formats[f]}</option>)}
        </select>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" formaction="/api/v1/reports/follow-up">{t.followUp}</button>
        <button type="submit" formaction="/api/v1/reports/public">{t.public}</button>
      </div>
    </form>
  );
};
