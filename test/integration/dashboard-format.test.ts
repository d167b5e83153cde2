import { describe, expect, it } from 'vitest';
import { neutralize, tableCsv, wrapLine } from '../../web/client/charts.ts';
import { sortVerdicts, times, verdictWords, Verdicts, type VerdictRow } from '../../web/pages/dashboard-verdicts.tsx';
import { slug } from '../../web/pages/dashboard-parts.tsx';

const row = (r: Partial<VerdictRow>): VerdictRow => ({
  area: 'EXS-ARV', areaName: 'Exempelstad ARV', substance: 'cocaine', substanceName: 'Kokain', verdict: 'increase', ratio: 1.85, ci95: [1.4, 2.4],
  q: 0.01, detectableRatio: 1.38, baselineMean: 40, currentMean: 74, nBaseline: 7, nCurrent: 7, unit: 'mg/dygn/1000 inv.', ...r,
});

describe('the verdicts in words', () => {
  // DOMAIN.md "Corrections" (issue 11): "statistiskt säkerställd", not "säker" (read as "certain").
  it('says increase and decrease with their intervals in per cent, and "statistiskt säkerställd"', () => {
    expect(verdictWords('sv', row({}))).toBe('ökning med 85 % (95 % KI 40–140 %), statistiskt säkerställd');
    expect(verdictWords('en', row({}))).toBe('increase of 85 % (95 % CI 40–140 %), statistically significant');
    // A decrease's interval runs from the smaller decrease to the larger one.
    expect(verdictWords('sv', row({ verdict: 'decrease', ratio: 0.8, ci95: [0.7, 0.95] }))).toBe('minskning med 20 % (95 % KI 5–30 %), statistiskt säkerställd');
  });

  it('explains an interval that excludes "no change" beside an FDR-adjusted "no clear change"', () => {
    // the example: +81 %, 95 % KI +26 % till +169 %, q = 0.08 after Benjamini–Hochberg
    const w = verdictWords('sv', row({ verdict: 'no_clear_change', ratio: 1.81, ci95: [1.26, 2.69], q: 0.08 }));
    expect(w).toBe('ingen statistiskt säkerställd förändring (uppmätt +81 %, 95 % KI +26 % till +169 %): intervallet gäller jämförelsen för sig; när många jämförelser görs samtidigt krävs mer (q = 0,08, måste vara under 0,05)');
  });

  it('"< LOQ, högst X" to three significant digits, refusals in words, and the days scope labelled', () => {
    expect(verdictWords('sv', row({ verdict: 'mostly_below_loq', ratio: null, ci95: null }))).toContain('under rapporteringsgränsen');
    expect(verdictWords('sv', row({ verdict: 'loq_changed', ratio: null, ci95: null }))).toContain('rapporteringsgränsen ändrades');
    const html = String(Verdicts({ lang: 'sv', metric: 'normalized_load', rows: [
      row({ verdict: 'no_clear_change', ratio: 1.01, ci95: [0.8, 1.3], baselineMean: 0.4213, currentMean: 0.4255, scope: 'days' }),
      row({ area: 'EXS-NOR', verdict: 'mostly_below_loq', ratio: null, ci95: null, baselineMean: null, currentMean: null, baselineBelowLoq: true, baselineUpperBound: 0.61349, currentBelowLoq: true, currentUpperBound: 0.5691 }),
    ] }));
    expect(html).toContain('0,421 → 0,426'); // 3 significant digits, not "0,4 → 0,4" for +1 %
    expect(html).toContain('Jämför bara med variationen dag till dag');
    expect(html).toContain('&lt; LOQ, högst 0,613 → &lt; LOQ, högst 0,569');
  });

  it('says "ingen tydlig förändring" with the signed measured change, and "för få mätningar" with the days', () => {
    expect(verdictWords('sv', row({ verdict: 'no_clear_change', ratio: 1.81, ci95: [0.9, 2.69] }))).toBe('ingen tydlig förändring (uppmätt +81 %, 95 % KI \u221210 % till +169 %)');
    expect(verdictWords('sv', row({ verdict: 'too_few_data', nBaseline: 1, nCurrent: 7 }))).toBe('för få mätningar (1 + 7 dagar)');
    expect(verdictWords('sv', row({ verdict: 'no_clear_change', ratio: null, ci95: null }))).toContain('går inte att jämföra');
    expect(times('sv', 1.38)).toBe('×1,38');
    expect(times('en', 1.38)).toBe('×1.38');
  });

  it('lists certain changes first, then by the catalog order', () => {
    const sorted = sortVerdicts([
      row({ substance: 'mdma', verdict: 'no_clear_change' }), row({ substance: 'amphetamine', verdict: 'decrease' }),
      row({ substance: 'cocaine', verdict: 'too_few_data' }), row({ substance: 'mdma', verdict: 'increase' }),
    ], ['cocaine', 'amphetamine', 'mdma']);
    expect(sorted.map((r) => `${r.verdict}:${r.substance}`)).toEqual(['increase:mdma', 'decrease:amphetamine', 'no_clear_change:mdma', 'too_few_data:cocaine']);
  });
});

describe('the chart CSV made in the browser', () => {
  it('neutralises formula cells as server/report/csv.ts does, keeping numbers as numbers', () => {
    for (const evil of ['=HYPERLINK("x")', '+1+1', '-2+3', '@SUM(A1)', '\tx']) expect(neutralize(evil)).toBe(`'${evil}`);
    for (const plain of ['12,5', '-1,25', '1\u00a0234,5', 'Kokain', '< LOQ']) expect(neutralize(plain)).toBe(plain);
  });

  it('writes Swedish with semicolons, English with commas, quoting what needs it, with a BOM', () => {
    const table = { caption: 'x', columns: ['Område', 'Värde'], rows: [['A; B', '1,5'], ['"citat"', '=1+1']] };
    expect(tableCsv(table, 'sv')).toBe('\ufeffOmråde;Värde\r\n"A; B";1,5\r\n"""citat""";\'=1+1\r\n');
    expect(tableCsv({ ...table, rows: [['A, B', '1.5']] }, 'en')).toBe('\ufeffOmråde,Värde\r\n"A, B",1.5\r\n');
  });

  it('puts the columns said once (the fixed area and substance) back first on every CSV line', () => {
    const table = { caption: 'Kokain — Norra PS', fixed: [{ column: 'Område', value: 'Norra PS' }, { column: 'Ämne', value: 'Kokain' }], columns: ['Datum', 'Värde'], rows: [['2024-03-04', '1,5'], ['2024-03-05', '2']] };
    expect(tableCsv(table, 'sv')).toBe('\ufeffOmråde;Ämne;Datum;Värde\r\nNorra PS;Kokain;2024-03-04;1,5\r\nNorra PS;Kokain;2024-03-05;2\r\n');
  });

  it('wraps a long subtitle line at commas and brackets', () => {
    const line = 'Trend (Sen): signifikant ökande, +12,5 mg/dygn/1000 inv. per år (+28,4 % per år) (streckad linje)';
    const lines = wrapLine(line, 60);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    expect(lines.join(' ')).toBe(line);
    expect(wrapLine('kort', 60)).toEqual(['kort']);
    expect(slug('Bensoylekgonin', 'EXS-ARV')).toBe('bensoylekgonin-exs-arv');
    expect(slug('Östra Ågatan')).toBe('ostra-agatan');
  });
});
