import type { FC } from 'hono/jsx';
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

const TEXT = {
  sv: {
    title: 'Rapport: nollmätning',
    intro: 'Skapa nollmätningsrapporten som rådet kan bifoga sitt protokoll: samma siffror i PDF, HTML och CSV, med metod, datakvalitet och alla använda importer.',
    period: 'Period', chosenPeriod: 'Sparad period', ownDates: 'Egna datum (används om ingen sparad period är vald)', from: 'Från', to: 'Till',
    noPeriod: '– egna datum –', baseline: 'nollvärdesperiod',
    areas: 'Områden', substances: 'Ämnen', noneMeansAll: 'Ingen markering betyder alla med data under perioden.',
    small: (limit: string) => `under ${limit} personer – se etikavsnittet i rapporten`,
    lang: 'Språk', sv: 'Svenska', en: 'Engelska', format: 'Format',
    formats: { pdf: 'PDF (för protokollet)', html: 'HTML (en fil, går att skriva ut)', csv: 'CSV (komma, decimalpunkt)', 'csv-excel': 'CSV för Excel (semikolon, decimalkomma)' },
    create: 'Skapa rapport', preview: 'Förhandsgranska', previewHelp: 'Förhandsgranskningen öppnar HTML-rapporten i en ny flik.',
    empty: 'Inga mätvärden ännu', emptyHelp: 'Ladda upp laboratoriets fil och flödesfilen först.',
  },
  en: {
    title: 'Report: baseline',
    intro: 'Create the baseline report the council can attach to its minutes: the same figures in PDF, HTML and CSV, with method, data quality and every import used.',
    period: 'Period', chosenPeriod: 'Saved period', ownDates: 'Own dates (used when no saved period is chosen)', from: 'From', to: 'To',
    noPeriod: '– own dates –', baseline: 'baseline period',
    areas: 'Areas', substances: 'Substances', noneMeansAll: 'Nothing ticked means all with data in the period.',
    small: (limit: string) => `below ${limit} people – see the ethics section of the report`,
    lang: 'Language', sv: 'Swedish', en: 'English', format: 'Format',
    formats: { pdf: 'PDF (for the minutes)', html: 'HTML (one file, printable)', csv: 'CSV (comma, decimal point)', 'csv-excel': 'CSV for Excel (semicolon, decimal comma)' },
    create: 'Create report', preview: 'Preview', previewHelp: 'The preview opens the HTML report in a new tab.',
    empty: 'No measurements yet', emptyHelp: 'Upload the laboratory file and the flow file first.',
  },
} as const;

const group = (n: number, lang: 'sv' | 'en') => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? '\u00a0' : ',');
const CHECK = 'width:auto;margin-right:0.4rem';
const INLINE = 'display:flex;align-items:center;font-weight:normal;margin:0.15rem 0';

/** A GET form straight to /api/v1/reports/baseline: the browser downloads the file, no script needed. */
export const ReportPage: FC<ReportPageProps> = ({ page, periods, areas, substances, minPublicPopulation, campaigns }) => {
  const lang = page.lang;
  const t = TEXT[lang];
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
                {a.small && <span class="muted small">&nbsp;– {t.small(group(minPublicPopulation, lang))}</span>}
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
