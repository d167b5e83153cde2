import type { FC } from 'hono/jsx';
import { formatFigure, formatNumber, type Lang, PAGE_NUMBER, t } from '../../server/i18n/index.ts';

/** The overview's verdicts in plain words, as the council reads them. */
export type Verdict = 'increase' | 'decrease' | 'no_clear_change' | 'too_few_data' | 'mostly_below_loq' | 'loq_changed';

export interface VerdictRow {
  area: string;
  areaName: string;
  substance: string;
  substanceName: string;
  verdict: Verdict;
  ratio: number | null;
  ci95: [number, number] | null;
  q: number | null;
  detectableRatio: number | null;
  baselineMean: number | null;
  currentMean: number | null;
  nBaseline: number;
  nCurrent: number;
  unit: string;
  /** The area's population is person equivalents: `unit` says "per 1000 pe" (DOMAIN.md "Corrections"). */
  pe?: boolean;
  /** 'days': no campaign-to-campaign variation known; the comparison covers day-to-day variation only. */
  scope?: 'campaigns' | 'days';
  seasonDiffers?: boolean;
  /** "< LOQ, at most X" for a side mostly below LOQ (its mean is then null). */
  baselineUpperBound?: number | null;
  currentUpperBound?: number | null;
  baselineBelowLoq?: boolean;
  currentBelowLoq?: boolean;
}

const pct = (lang: Lang, x: number) => formatNumber(Math.abs(x), lang, { maxDecimals: 0, missing: '—' });
const signedPct = (lang: Lang, x: number) => `${x > 0 ? '+' : x < 0 ? '\u2212' : ''}${pct(lang, x)} %`;

/** "×1,38" */
export function times(lang: Lang, ratio: number | null): string {
  return ratio == null || !Number.isFinite(ratio) ? '—' : `×${formatNumber(ratio, lang, { maxDecimals: 2, missing: '—' })}`;
}

/**
 * "ökning med 85 % (95 % KI 40–140 %), statistiskt säkerställd" and the like. The interval is the
 * comparison's own 95 % interval; the verdict is FDR-adjusted (q). When the interval excludes 1
 * but q does not reach 0.05 the words say why the two differ.
 */
export function verdictWords(lang: Lang, r: VerdictRow): string {
  if (r.verdict === 'too_few_data') return t(lang, 'dash.verdict.tooFew', { n1: r.nBaseline, n2: r.nCurrent });
  if (r.verdict === 'mostly_below_loq') return t(lang, 'dash.verdict.mostlyBelowLoq');
  if (r.verdict === 'loq_changed') return t(lang, 'dash.verdict.loqChanged');
  if (r.ratio == null || !Number.isFinite(r.ratio)) return t(lang, 'dash.verdict.noRatio');
  const change = (r.ratio - 1) * 100;
  const ci = r.ci95 ? r.ci95.map((x) => (x - 1) * 100) as [number, number] : null;
  if (r.verdict === 'increase' && ci) return t(lang, 'dash.verdict.increase', { pct: pct(lang, change), lo: pct(lang, ci[0]), hi: pct(lang, ci[1]) });
  // A decrease's interval in decrease percentages: the smaller decrease first.
  if (r.verdict === 'decrease' && ci) return t(lang, 'dash.verdict.decrease', { pct: pct(lang, change), lo: pct(lang, ci[1]), hi: pct(lang, ci[0]) });
  if (!ci) return t(lang, 'dash.verdict.noClearShort');
  if (r.q != null && (ci[0] > 0 || ci[1] < 0)) return t(lang, 'dash.verdict.noClearFdr', { change: signedPct(lang, change), lo: signedPct(lang, ci[0]), hi: signedPct(lang, ci[1]), q: formatNumber(r.q, lang, { maxDecimals: 3 }) });
  return t(lang, 'dash.verdict.noClear', { change: signedPct(lang, change), lo: signedPct(lang, ci[0]), hi: signedPct(lang, ci[1]) });
}

const ORDER: Record<Verdict, number> = { increase: 0, decrease: 1, no_clear_change: 2, too_few_data: 3, loq_changed: 4, mostly_below_loq: 5 };

/** A side's mean to three significant digits, or "< LOQ, högst X". */
function sideFigure(lang: Lang, mean: number | null, belowLoq: boolean | undefined, upper: number | null | undefined): string {
  if (belowLoq) return upper != null ? t(lang, 'dash.belowLoq', { upper: formatFigure(lang, upper) }) : '< LOQ';
  return formatFigure(lang, mean);
}

export function sortVerdicts(rows: VerdictRow[], substanceOrder: string[]): VerdictRow[] {
  const pos = (k: string) => { const i = substanceOrder.indexOf(k); return i < 0 ? 999 : i; };
  return [...rows].sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || pos(a.substance) - pos(b.substance) || a.areaName.localeCompare(b.areaName, 'sv'));
}

const VerdictTable: FC<{ lang: Lang; rows: VerdictRow[]; id: string }> = ({ lang, rows, id }) => (
  <div class="table-wrap">
    <table class="data verdicts" id={id}>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'dash.colSubstance')}</th>
          <th scope="col">{t(lang, 'dash.colArea')}</th>
          <th scope="col">{t(lang, 'dash.colVerdict')}</th>
          <th scope="col" class="means">{t(lang, 'dash.colMeans')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr data-area={r.area} data-substance={r.substance} data-verdict={r.verdict}>
            <td><a href={`/substances/${encodeURIComponent(r.substance)}/overview`}>{r.substanceName}</a></td>
            <td><a href={`/areas/${encodeURIComponent(r.area)}`}>{r.areaName}</a></td>
            <td>
              <span class={`verdict verdict-${r.verdict}`}>{verdictWords(lang, r)}</span>
              {r.verdict === 'no_clear_change' && r.detectableRatio != null && Number.isFinite(r.detectableRatio) && (
                <span class="sub detectable">{t(lang, 'dash.detectable', { ratio: times(lang, r.detectableRatio) })}</span>
              )}
              {r.scope === 'days' && r.verdict !== 'mostly_below_loq' && r.verdict !== 'loq_changed' && <span class="sub scope-days">{t(lang, 'dash.scopeDays')}</span>}
              {r.seasonDiffers && <span class="sub season-differs">{t(lang, 'dash.seasonDiffers')}</span>}
            </td>
            <td class="num">
              {`${sideFigure(lang, r.baselineMean, r.baselineBelowLoq, r.baselineUpperBound)} → ${sideFigure(lang, r.currentMean, r.currentBelowLoq, r.currentUpperBound)}`}
              <span class="small muted">{r.unit}</span>
              <span class="small muted">{t(lang, 'dash.days', { n1: r.nBaseline, n2: r.nCurrent })}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** What the figures are computed on; "per 1000 pe" when every row's area counts pe, a note when some do. */
function metricNote(lang: Lang, rows: VerdictRow[], metric: 'normalized_load' | 'concentration'): string {
  if (metric === 'concentration') return t(lang, 'dash.metricNoteConcentration');
  const pe = rows.filter((r) => r.pe).length;
  if (pe > 0 && pe === rows.length) return t(lang, 'dash.metricNotePe');
  return pe > 0 ? `${t(lang, 'dash.metricNote')} ${t(lang, 'dash.metricNotePeMixed')}` : t(lang, 'dash.metricNote');
}

/** Rows per table: a national database has thousands of comparisons (all are in the chart's CSV). */
const SHOWN = 300;

/** Certain changes first, the rest folded away (a national database has thousands of rows). */
export const Verdicts: FC<{ lang: Lang; rows: VerdictRow[]; metric: 'normalized_load' | 'concentration' }> = ({ lang, rows, metric }) => {
  const safe = rows.filter((r) => r.verdict === 'increase' || r.verdict === 'decrease');
  const others = rows.filter((r) => r.verdict !== 'increase' && r.verdict !== 'decrease');
  const ratios = rows.map((r) => r.detectableRatio).filter((x): x is number => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  const typical = ratios.length ? ratios[Math.floor(ratios.length / 2)] : null;
  return (
    <div class="verdicts-grid">
      <div>
        <h3>{t(lang, 'dash.verdictsSafe')}</h3>
        {safe.length ? <VerdictTable lang={lang} rows={safe.slice(0, SHOWN)} id="verdicts-safe" /> : <p class="lead">{t(lang, 'dash.verdictsNoneSafe')}</p>}
        {safe.length > SHOWN && <p class="help">{t(lang, 'dash.verdictsCapped', { shown: formatNumber(SHOWN, lang, PAGE_NUMBER), count: formatNumber(safe.length, lang, PAGE_NUMBER) })}</p>}
        {others.length > 0 && (
          <details class="verdicts-others" open={safe.length === 0 && others.length <= 40}>
            <summary>{t(lang, 'dash.verdictsOthers', { count: formatNumber(others.length, lang, PAGE_NUMBER) })}</summary>
            <VerdictTable lang={lang} rows={others.slice(0, SHOWN)} id="verdicts-others" />
            {others.length > SHOWN && <p class="help">{t(lang, 'dash.verdictsCapped', { shown: formatNumber(SHOWN, lang, PAGE_NUMBER), count: formatNumber(others.length, lang, PAGE_NUMBER) })}</p>}
          </details>
        )}
      </div>
      <aside class="explain card" aria-labelledby="explain-title">
        <h3 id="explain-title">{t(lang, 'dash.explainTitle')}</h3>
        <p>{t(lang, 'dash.explainSafe')}</p>
        <p>{t(lang, 'dash.explainCi')}</p>
        <p>{t(lang, 'dash.explainNoClear')}</p>
        {typical != null && <p class="detectable"><strong>{t(lang, 'dash.detectableTypical', { ratio: times(lang, typical) })}</strong></p>}
        <p>{t(lang, 'dash.explainTooFew')}</p>
        <p class="help metric-note">{metricNote(lang, rows, metric)}</p>
      </aside>
    </div>
  );
};
