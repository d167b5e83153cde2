/** The pure report model: formatted once, deterministic, and the CSV carries the raw numbers. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../server/report/model.ts';
import { renderCsv } from '../../../server/report/index.ts';
import type { ReportInput, ReportResultInput } from '../../../server/report/types.ts';

const days = ['2020-09-14', '2020-09-15', '2020-09-16', '2020-09-17', '2020-09-18', '2020-09-19', '2020-09-20'];

function result(area: string, substance: string, values: number[], censored: boolean[] = []): ReportResultInput {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    area, substance, n: values.length, nCensored: censored.filter(Boolean).length, shareCensored: censored.filter(Boolean).length / values.length,
    mean, median: [...values].sort((a, b) => a - b)[3], ci95: [mean * 0.8, mean * 1.2], weekdayMean: mean * 0.7, weekendMean: mean * 1.3, weekendRatio: 1.3 / 0.7,
    nWithoutValue: 0, unit: 'mg/day/1000 inh',
    points: values.map((v, i) => ({ date: days[i], value: v, censored: censored[i] ?? false, loqNgL: 2 })),
  };
}

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    lang: 'sv', appVersion: '9.9.9', generatedAt: '2020-09-21T06:30:00.000Z', organisation: 'Exempelstad', period: { from: days[0], to: days[6], name: 'Hösten 2020' },
    censoredMode: 'half_loq', bootstrapResamples: 4000, minPublicPopulation: 5000,
    areas: [
      { code: 'ARV', name: 'Exempelstad ARV', parent: null, population: 24000, populationFrom: null, populationsUsed: [24000], populationFromLabFile: false, source: 'own', children: [], small: false },
      { code: 'BY', name: '=HYPERLINK("x")', parent: 'ARV', population: 1200, populationFrom: '2020-01-01', populationsUsed: [1200], populationFromLabFile: false, source: 'own', children: [], small: true },
    ],
    excludedAreas: [{ code: 'TOM', name: 'Tomt', reason: 'no_data' }],
    substances: [
      { key: 'cocaine', nameSv: 'Kokain', nameEn: 'Cocaine', drug: 'cocaine', residue: 'cocaine', correctionFactor: null, doseMg: null, sourceNote: 'Loads only.', updatedAt: '2020-01-01T00:00:00.000Z' },
      { key: 'benzoylecgonine', nameSv: 'Bensoylekgonin', nameEn: 'Benzoylecgonine', drug: 'cocaine', residue: 'benzoylecgonine', correctionFactor: 2.33, doseMg: 100, sourceNote: 'CF ≈ 2.33', updatedAt: '2020-01-01T00:00:00.000Z' },
    ],
    results: [
      result('ARV', 'cocaine', [30.1, 28.5, 25.2, 27.9, 40.3, 45.6, 38.2]),
      result('BY', 'cocaine', [1.25, 1, 1, 1, 2.5, 3, 1], [false, true, true, true, false, false, true]),
      result('ARV', 'benzoylecgonine', [1234.5, 1100, 1000, 990, 1500, 1600, 1400]),
    ],
    references: [], quality: { periodDays: 7, samplingDays: [{ area: 'ARV', dates: days }], missingValues: [], withoutFlow: [], loqChanges: [], incompleteRollups: [], retracted: [] },
    batches: [{ id: 1, kind: 'lab', fileName: 'lab.csv', sha256: 'a'.repeat(64), importedAt: '2020-09-21T06:00:00.000Z', importedBy: 'samordnare@example.se' }],
    ...over,
  };
}

describe('report model', () => {
  it('is a pure function of its input', () => {
    expect(JSON.stringify(buildReportModel(input()))).toBe(JSON.stringify(buildReportModel(input())));
  });

  it('the generation time appears only in the title block and the metadata', () => {
    const m = buildReportModel(input());
    expect(m.facts.find(([k]) => k === 'Skapad')![1]).toBe('2020-09-21 kl. 08:30');
    expect(m.metadata.generatedAt).toBe('2020-09-21T06:30:00.000Z');
    expect(JSON.stringify(m.sections)).not.toContain('08:30');
    expect(JSON.stringify(m.csv)).not.toContain('2020-09-21');
  });

  it('formats each figure once: the results table shows what the formatter gives for the mean', () => {
    const m = buildReportModel(input());
    const table = m.sections.find((s) => s.id === 'results')!.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no results table');
    const arv = table.table.rows.find((r) => r[1] === 'Exempelstad ARV' && r[0] === 'Kokain')!;
    expect(arv[4]).toBe('33,7'); // mean 33.6857…
    const be = table.table.rows.find((r) => r[0] === 'Bensoylekgonin')!;
    expect(be[4]).toBe('1\u00a0261'); // 1260.64… → whole number with a no-break space
    expect(be[9]).toBe('mg/dygn/1000 inv.');
    // the small area's share below LOQ, and its substance name only on the group's first row
    const by = table.table.rows.find((r) => r[1] === '=HYPERLINK("x")')!;
    expect(by[0]).toBe('');
    expect(by[3]).toBe('57\u00a0%');
  });

  it('English uses the English names, units and number style', () => {
    const m = buildReportModel(input({ lang: 'en' }));
    expect(m.title).toBe('Baseline measurement of drugs in wastewater');
    expect(m.fileBaseName).toBe('lagesbild-baseline-2020-09-14');
    expect(JSON.stringify(m.sections)).toContain('1,261');
    expect(m.csv.human.rows[0][3]).toBe('Cocaine');
  });

  it('the ethics note names the areas under MIN_PUBLIC_POPULATION; excluded areas are listed with the reason', () => {
    const m = buildReportModel(input());
    const ethics = JSON.stringify(m.sections.find((s) => s.id === 'ethics'));
    expect(ethics).toContain('=HYPERLINK(\\"x\\") (BY, 1\u00a0200 personer)');
    expect(ethics).toContain('5\u00a0000');
    expect(JSON.stringify(m.sections.find((s) => s.id === 'areas'))).toContain('Tomt (TOM): inga mätvärden under perioden');
  });

  it('summarises the weekend pattern with the one-week caveat', () => {
    const m = buildReportModel(input());
    const summary = JSON.stringify(m.sections[0]);
    expect(summary).toContain('högre under helgen');
    expect(summary).toContain('en enda vecka');
    expect(summary).toContain('=HYPERLINK');
  });

  it('builds the dashboard chart specs: time series with the baseline, weekday profile, area comparison', () => {
    const m = buildReportModel(input());
    const charts = m.sections.find((s) => s.id === 'charts')!.blocks.filter((b) => b.kind === 'chart');
    expect(charts.map((c) => c.kind === 'chart' && c.spec.usermeta.chart)).toEqual(['timeseries', 'weekday', 'timeseries', 'timeseries', 'weekday']);
    const first = charts[0].kind === 'chart' ? charts[0].spec : null;
    expect(JSON.stringify(first)).toContain('baseline_band');
  });

  it('CSV: raw numbers that parse back exactly; formulas neutralised; Excel flavour with ; , and BOM', () => {
    const m = buildReportModel(input());
    const csv = renderCsv(m, false);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const inp = input().results;
    for (const r of rows) {
      const want = inp.find((x) => x.area === r.area && x.substance === r.substance)!;
      expect(Number(r.mean)).toBe(want.mean);
      expect(Number(r.ci95High)).toBe(want.ci95![1]);
      expect(Number(r.shareCensored)).toBe(want.shareCensored);
    }
    expect(rows.find((r) => r.area === 'BY')!.areaName).toBe(`'=HYPERLINK("x")`);
    const excel = renderCsv(m, true);
    expect(excel.startsWith('\ufeffOmrådeskod;')).toBe(true);
    expect(excel).toContain(`;${String(inp[0].mean).replace('.', ',')};`);
    expect(renderCsv(m, false)).toBe(csv);
  });
});
