// Did a measure work? (DOMAIN.md "Interventions"): the treated area against a control area on the
// log scale, after vs before, by Welch's t-test; without a control, before/after of the treated
// area alone (which cannot separate the measure from everything else that changed).
import { detectCampaigns } from '../domain/campaigns.ts';
import { epochDay } from './isoDate.ts';
import { studentTCdf, studentTQuantile } from './studentT.ts';
import { SIGNIFICANCE_LEVEL } from './verdicts.ts';

export interface DailyValue {
  date: string;
  /** Positive values only enter (log scale); others are dropped. */
  value: number;
}

export interface WelchResult {
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  p: number;
  /** mean(a) − mean(b) and its standard error √(v_a/n_a + v_b/n_b). */
  difference: number;
  se: number;
}

/**
 * Welch's t-test of a against b, as scipy.stats.ttest_ind(a, b, equal_var=False):
 * t = (ā − b̄)/SE, SE² = v_a/n_a + v_b/n_b (ddof 1), df = SE⁴ / ((v_a/n_a)²/(n_a−1) + (v_b/n_b)²/(n_b−1)),
 * p = 2·P(T_df > |t|). Null when a side has < 2 values or SE = 0 (SciPy: NaN or ±inf).
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult | null {
  if (a.length < 2 || b.length < 2) return null;
  const stats = (xs: readonly number[]) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
    return { m, q: v / xs.length, n: xs.length };
  };
  const A = stats(a);
  const B = stats(b);
  const se2 = A.q + B.q;
  if (!(se2 > 0)) return null;
  const se = Math.sqrt(se2);
  const difference = A.m - B.m;
  const t = difference / se;
  const df = (se2 * se2) / ((A.q * A.q) / (A.n - 1) + (B.q * B.q) / (B.n - 1));
  const p = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  return { t, df, p, difference, se };
}

export type InterventionVerdict = 'consistent_with_decrease' | 'consistent_with_increase' | 'no_measurable_effect' | 'too_few_data';

export interface InterventionInput {
  treated: readonly DailyValue[];
  /** Null: before/after on the treated series alone. */
  control: readonly DailyValue[] | null;
  controlArea: string | null;
  /** The event's first day; before = dates < from. */
  from: string;
  /** The event's last day (default from); after = dates > to (the event's own days are left out). */
  to?: string | null;
  /** Units become campaign means when each side holds at least this many campaigns (default 3). */
  minCampaignsPerSide?: number;
}

export interface InterventionResult {
  before: { n: number; from: string | null; to: string | null };
  after: { n: number; from: string | null; to: string | null };
  unit: 'days' | 'campaigns';
  effectLog: number | null;
  ratio: number | null;
  ci95: [number, number] | null;
  welch: { t: number; df: number; p: number } | null;
  controlArea: string | null;
  verdict: InterventionVerdict;
}

interface Unit { date: string; d: number }

/** dₜ = log(treated) − log(control) on days with both positive; without control, log(treated). */
function differences(treated: readonly DailyValue[], control: readonly DailyValue[] | null): Unit[] {
  const positive = (xs: readonly DailyValue[]) => new Map(xs.filter((x) => x.value > 0).map((x) => [x.date, Math.log(x.value)]));
  const t = positive(treated);
  const c = control ? positive(control) : null;
  const out: Unit[] = [];
  for (const [date, logT] of t) {
    if (!c) out.push({ date, d: logT });
    else if (c.has(date)) out.push({ date, d: logT - c.get(date)! });
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Means of d per campaign (detectCampaigns on the side's dates). */
function campaignMeans(units: Unit[]): number[] {
  return detectCampaigns(units.map((u) => u.date)).map((run) => {
    const inRun = new Set(run.dates);
    const ds = units.filter((u) => inRun.has(u.date)).map((u) => u.d);
    return ds.reduce((a, b) => a + b, 0) / ds.length;
  });
}

/**
 * effect = mean(d after) − mean(d before), ratio = exp(effect), interval exp(effect ± t₀.₉₇₅,df·SE)
 * with the Welch SE and df. Units are days, or campaign means of d when each side has ≥ 3
 * campaigns. Verdict: p < 0.05 ⇒ consistent_with_decrease/increase by the sign of the effect,
 * else no_measurable_effect; too_few_data when the Welch test cannot be computed.
 */
export function evaluateIntervention(input: InterventionInput): InterventionResult {
  const fromDay = epochDay(input.from);
  const toDay = epochDay(input.to ?? input.from);
  const units = differences(input.treated, input.control);
  const before = units.filter((u) => epochDay(u.date) < fromDay);
  const after = units.filter((u) => epochDay(u.date) > toDay);
  const span = (us: Unit[]) => ({ n: us.length, from: us[0]?.date ?? null, to: us[us.length - 1]?.date ?? null });
  const minCampaigns = input.minCampaignsPerSide ?? 3;
  const beforeCampaigns = campaignMeans(before);
  const afterCampaigns = campaignMeans(after);
  const byCampaign = beforeCampaigns.length >= minCampaigns && afterCampaigns.length >= minCampaigns;
  const a = byCampaign ? afterCampaigns : after.map((u) => u.d);
  const b = byCampaign ? beforeCampaigns : before.map((u) => u.d);
  const welch = welchTTest(a, b);
  const result = { before: span(before), after: span(after), unit: (byCampaign ? 'campaigns' : 'days') as InterventionResult['unit'], controlArea: input.control ? input.controlArea : null };
  if (!welch) return { ...result, effectLog: null, ratio: null, ci95: null, welch: null, verdict: 'too_few_data' };
  const q = studentTQuantile(0.975, welch.df);
  const effect = welch.difference;
  const verdict: InterventionVerdict = welch.p < SIGNIFICANCE_LEVEL ? (effect < 0 ? 'consistent_with_decrease' : 'consistent_with_increase') : 'no_measurable_effect';
  return {
    ...result,
    effectLog: effect,
    ratio: Math.exp(effect),
    ci95: [Math.exp(effect - q * welch.se), Math.exp(effect + q * welch.se)],
    welch: { t: welch.t, df: welch.df, p: welch.p },
    verdict,
  };
}
