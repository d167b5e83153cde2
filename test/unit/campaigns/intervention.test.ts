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
