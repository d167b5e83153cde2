import { describe, expect, it } from 'vitest';
import { evaluateIntervention, welchTTest } from '../../../server/stats/intervention.ts';
import { fixtures, expectClose, expectMatches } from './fixtures.ts';

describe('welchTTest vs scipy.stats.ttest_ind(equal_var=False)', () => {
  it.each(fixtures.welch.map((c, i) => ({ a: c.a, b: c.b, t: c.t, df: c.df, p: c.p, i })))('case $i', ({ a, b, t, df, p }) => {
    const r = welchTTest(a, b);
    if (!Number.isFinite(t)) return expect(r).toBeNull();
    expectClose(r!.t, t, 't');
    expectClose(r!.df, df, 'df');
    expectClose(r!.p, p, 'p');
  });
});

describe('evaluateIntervention vs ttest_ind and its confidence_interval', () => {
  it.each(fixtures.intervention)('$name', (c) => {
    expectMatches(evaluateIntervention({ treated: c.treated, control: c.control, controlArea: c.controlArea, from: c.from, to: c.to }), c.expected);
  });
});

describe('evaluateIntervention by hand', () => {
  const day = (d: number) => new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10);
  it('days: d before (0, 0.2), after (−0.5, −0.3): effect −0.5, SE = √(0.02/2 + 0.02/2) = √0.02, df 2', () => {
    const treated = [0, 0.2, -0.5, -0.3].map((l, i) => ({ date: day(i < 2 ? i : 50 + i), value: 10 * Math.exp(l) }));
    const control = treated.map((t) => ({ date: t.date, value: 10 }));
    const r = evaluateIntervention({ treated, control, controlArea: 'C', from: day(20) });
    expect(r.unit).toBe('days');
    expectClose(r.effectLog, -0.5);
    expectClose(r.welch!.t, -0.5 / Math.sqrt(0.02));
    expectClose(r.welch!.df, 2);
    // t = −3.5355 on 2 df: p = 2·P(T > 3.5355) = 0.07152 (tables: t₀.₉₇₅,₂ = 4.3027)
    expect(r.welch!.p).toBeCloseTo(0.07152, 4);
    expectClose(r.ci95![0], Math.exp(-0.5 - 4.302652729749464 * Math.sqrt(0.02)), 'low');
    expect(r.verdict).toBe('no_measurable_effect');
  });
  it('no control: before/after of the treated logs, controlArea null', () => {
    const treated = [1, 1.2, 1.1, 2, 2.2, 2.1].map((v, i) => ({ date: day(i < 3 ? i : 60 + i), value: v }));
    const r = evaluateIntervention({ treated, control: null, controlArea: 'IGNORED', from: day(30) });
    expect(r.controlArea).toBeNull();
    expect(r.before.n).toBe(3);
    expect(r.verdict).toBe('consistent_with_increase');
  });
  it('event days themselves are left out; one value a side is too few', () => {
    const treated = [0, 5, 10, 11].map((d) => ({ date: day(d), value: 2 + d }));
    const r = evaluateIntervention({ treated, control: null, controlArea: null, from: day(5), to: day(10) });
    expect([r.before.n, r.after.n]).toEqual([1, 1]);
    expect(r.verdict).toBe('too_few_data');
  });
});

describe('issue 12 acceptance on generated data', () => {
  // 6 campaigns of 7 days, 4 months apart; a common +10 %/year trend and a common day effect in
  // both areas; the treated area drops ×0.7 after the event between campaigns 3 and 4. The
  // treated area's own noise is a fixed day pattern plus a campaign offset (logs), so the test is
  // deterministic. By hand: campaign means of d − ln(5/3) are (0.05, −0.04, 0.02) before and
  // ln 0.7 + (−0.03, 0.06, −0.05) after: effect = ln 0.7 − 0.0167, Welch SE = √(0.0007 + 0.001144)
  // = 0.0429 on ≈ 3.8 df ⇒ interval ≈ ×0.61 … ×0.78.
  const start = Date.UTC(2020, 8, 14) / 86_400_000;
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const noise = [0.12, -0.08, 0.03, -0.15, 0.1, -0.02, 0.05]; // sums to 0.05 over a campaign
  const offset = [0.05, -0.04, 0.02, -0.03, 0.06, -0.05].map((o) => o - 0.05 / 7);
  function series(effect: number) {
    const treated: { date: string; value: number }[] = [];
    const control: { date: string; value: number }[] = [];
    for (let c = 0; c < 6; c++) {
      for (let k = 0; k < 7; k++) {
        const day = start + 120 * c + k;
        const common = Math.exp((0.1 * (day - start)) / 365.25) * Math.exp(0.3 * Math.sin(day));
        control.push({ date: iso(day), value: 30 * common });
        treated.push({ date: iso(day), value: 50 * common * (c >= 3 ? effect : 1) * Math.exp(noise[(k + c) % 7] + offset[c]) });
      }
    }
    return { treated, control, event: iso(start + 120 * 2 + 40) };
  }

  it('planted ×0.7: interval contains 0.7, consistent with decrease, campaigns as units', () => {
    const { treated, control, event } = series(0.7);
    const r = evaluateIntervention({ treated, control, controlArea: 'EXS-NOR', from: event });
    expect(r.unit).toBe('campaigns');
    expect(r.ci95![0]).toBeLessThan(0.7);
    expect(r.ci95![1]).toBeGreaterThan(0.7);
    expect(r.ci95![0]).toBeCloseTo(0.61, 1);
    expect(r.ci95![1]).toBeCloseTo(0.78, 1);
    expect(r.verdict).toBe('consistent_with_decrease');
    expect(r.controlArea).toBe('EXS-NOR');
  });

  it('no effect planted: no measurable effect', () => {
    const { treated, control, event } = series(1);
    expect(evaluateIntervention({ treated, control, controlArea: 'EXS-NOR', from: event }).verdict).toBe('no_measurable_effect');
  });
});
