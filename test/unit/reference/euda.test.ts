import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  computeEudaMeans,
  eudaDaySets,
  eudaPlantCount,
  eudaSiteKey,
  parseEudaSites,
  parseEudaWastewater,
  referenceSummary,
  type EudaRow,
} from '../../../server/reference/euda.ts';
import { EUDA_SKIP_NOTE, HAVE_EUDA, REFERENCE_DIR } from '../../helpers.ts';

const WASTEWATER = path.join(REFERENCE_DIR, 'euda-wastewater-2011-2022.csv');
const SITES = path.join(REFERENCE_DIR, 'euda-sites.csv');
const haveFiles = HAVE_EUDA;
if (!haveFiles) console.warn(`euda.test: ${EUDA_SKIP_NOTE}`);

const HEADER =
  'Year,Metabolite,Site ID,Country,City,Wednesday,Thursday,Friday,Saturday,Sunday,Monday,Tuesday,Weekday mean,Weekend mean,Daily mean';
const SITES_TEXT =
  'country,city,location,latitude,longitude,population,institution,website\n' +
  'SE,Gävle,Duvbacken,60.67,17.14,85000.0,"RISE Research Institutes of Sweden, Borås",https://www.ri.se/en\n' +
  'DE,Saarbrucken (2),Saarbrucken 2 plants,49.24,6.99,203643.0,,\n' +
  'DE,Saarbrücken (2),,49.20,7.02,,,\n' +
  'SE,Sandviken,Hedåsen ARV,60.61,16.76,,,\n';

describe('parseEudaSites', () => {
  it('keys by normalised country|city, keeps the entry that has a population, blank population → null', () => {
    const sites = parseEudaSites(SITES_TEXT);
    expect(sites.get(eudaSiteKey('se', 'GAVLE'))).toEqual({ country: 'SE', city: 'Gävle', population: 85000 });
    // "Saarbrucken (2)" (with population) and "Saarbrücken (2)" (without) normalise to one key.
    expect(sites.get(eudaSiteKey('DE', 'Saarbrücken (2)'))?.population).toBe(203643);
    expect(sites.get(eudaSiteKey('SE', 'Sandviken'))?.population).toBeNull();
    expect(eudaSiteKey('DE', 'Munich Gut_Grosslappen')).toBe(eudaSiteKey('DE', 'Munich Gut Großlappen'));
  });
});

describe('parseEudaWastewater (synthetic text)', () => {
  const sites = parseEudaSites(SITES_TEXT);

  it('handles BOM and CRLF, keeps 0 as 0 and white space as null, joins population accent-insensitively', () => {
    const text =
      '\uFEFF' + HEADER + '\r\n' +
      '2022,cocaine,SE001,SE,GAVLE, ,69.51,96.31,196.21,0,99.46,98.11,82.53,150.01,121.09\r\n' +
      '2022,Cannabis,DE099,DE,Saarbrücken (2),1,2,3,4,5,6,7,,,4\r\n';
    const { rows, issues } = parseEudaWastewater(text, sites);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(2);
    const [a, b] = rows;
    expect(a.line).toBe(2);
    expect(a.substance).toBe('benzoylecgonine');
    expect(a.metabolite).toBe('cocaine');
    expect(a.population).toBe(85000);
    expect(a.daily.wed).toBeNull();
    expect(a.daily.sun).toBe(0);
    expect(a.dailyMean).toBe(121.09);
    expect(b.substance).toBe('thc-cooh');
    expect(b.population).toBe(203643);
    expect(b.plants).toBe(2);
    expect(b.weekdayMean).toBeNull();
    expect(b.weekendMean).toBeNull();
  });

  it('reports a non-numeric daily value with its line and column, and skips the row', () => {
    const text =
      HEADER + '\n' +
      '2022,MDMA,SE001,SE,Gävle,11.9,7.67,abc,9.06,12.5,7.42,7.47,9.01,8.86,8.93\n' +
      '2022,MDMA,SE003,SE,Sandviken, ,0.86,0.94,1.01,0.98,6.86,0.88,0.87,2.45,1.92\n';
    const { rows, issues } = parseEudaWastewater(text, sites);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 2, column: 'Friday', code: 'not_a_number', severity: 'error' });
    expect(issues[0].message).toContain('abc');
    expect(rows.map((r) => r.city)).toEqual(['Sandviken']);
    expect(rows[0].line).toBe(3);
    expect(rows[0].population).toBeNull(); // the sites text leaves Sandviken's population blank
  });

  it('warns about unknown metabolites and skips them; flags missing columns and short rows', () => {
    const unknown = parseEudaWastewater(HEADER + '\n2022,heroin,SE001,SE,Gävle,1,1,1,1,1,1,1,1,1,1\n', sites);
    expect(unknown.rows).toEqual([]);
    expect(unknown.issues).toEqual([
      expect.objectContaining({ row: 2, column: 'Metabolite', code: 'unknown_substance', severity: 'warning' }),
    ]);

    const short = parseEudaWastewater(HEADER + '\n\n2022,MDMA,SE001,SE,Gävle,1,1\n', sites);
    expect(short.rows).toEqual([]);
    expect(short.issues).toEqual([expect.objectContaining({ row: 3, column: null, code: 'field_count' })]);

    const noHeader = parseEudaWastewater('Year,Metabolite\n2022,MDMA\n', sites);
    expect(noHeader.issues.some((i) => i.code === 'missing_column' && i.column === 'Daily mean' && i.row === 1)).toBe(true);
  });
});

describe('computeEudaMeans', () => {
  it('uses EUDA day sets: Tue–Thu / Fri–Mon, but Tue–Fri / Sat–Mon in 2021', () => {
    expect(eudaDaySets(2022)).toEqual({ weekday: ['tue', 'wed', 'thu'], weekend: ['fri', 'sat', 'sun', 'mon'] });
    expect(eudaDaySets(2021)).toEqual({ weekday: ['tue', 'wed', 'thu', 'fri'], weekend: ['sat', 'sun', 'mon'] });
    const daily = { wed: 1, thu: 2, fri: 3, sat: 4, sun: 5, mon: 6, tue: 7 };
    expect(computeEudaMeans({ daily }, 2022)).toEqual({ weekdayMean: 10 / 3, weekendMean: 18 / 4, dailyMean: 4 });
    expect(computeEudaMeans({ daily }, 2021)).toEqual({ weekdayMean: 13 / 4, weekendMean: 15 / 3, dailyMean: 4 });
  });

  it('leaves missing days out and keeps 0 as 0', () => {
    const daily = { wed: null, thu: 0, fri: null, sat: null, sun: null, mon: null, tue: 3 };
    expect(computeEudaMeans({ daily }, 2020)).toEqual({ weekdayMean: 1.5, weekendMean: null, dailyMean: 1.5 });
  });

  it('counts plants from the city name', () => {
    expect(eudaPlantCount('Berlin (4)')).toBe(4);
    expect(eudaPlantCount('Istanbul (II-VII)')).toBe(6);
    expect(eudaPlantCount('Ruisbroek (Puurs)')).toBe(1);
    expect(eudaPlantCount('Gävle')).toBe(1);
  });
});

describe.skipIf(!haveFiles)('EUDA reference files (../shared/reference or LAGESBILD_REFERENCE_DIR)', () => {
  const load = () => {
    const sites = parseEudaSites(readFileSync(SITES, 'utf8'));
    return { sites, ...parseEudaWastewater(readFileSync(WASTEWATER, 'utf8'), sites) };
  };

  it('parses the whole file without issues and joins every city to the sites file', () => {
    const { rows, issues } = load();
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(3073);
    const unjoined = [...new Set(rows.filter((r) => r.population === null).map((r) => `${r.country}|${r.city}`))];
    console.log(`EUDA: ${rows.length} rows; cities without a population in the sites file: ${unjoined.join(', ') || 'none'}`);
    expect(new Set(rows.map((r) => r.substance))).toEqual(
      new Set(['amphetamine', 'thc-cooh', 'benzoylecgonine', 'ketamine', 'mdma', 'methamphetamine']),
    );
  });

  it('reproduces the file’s own weekday, weekend and daily means (±0.01) for ≥95 % of single-site rows', () => {
    const { rows } = load();
    const single = rows.filter((r) => r.plants === 1);
    const cols = [
      ['weekdayMean', 'Weekday mean'],
      ['weekendMean', 'Weekend mean'],
      ['dailyMean', 'Daily mean'],
    ] as const;
    const tally = Object.fromEntries(cols.map(([k]) => [k, { checked: 0, reproduced: 0 }])) as Record<
      (typeof cols)[number][0], { checked: number; reproduced: number }
    >;
    const failures: string[] = [];
    const fmt = (r: EudaRow) =>
      [r.daily.wed, r.daily.thu, r.daily.fri, r.daily.sat, r.daily.sun, r.daily.mon, r.daily.tue]
        .map((v) => (v === null ? '–' : String(v)))
        .join(' ');
    for (const r of single) {
      const m = computeEudaMeans(r, r.year);
      for (const [k, label] of cols) {
        const file = r[k];
        if (file === null) continue;
        tally[k].checked++;
        const calc = m[k];
        if (calc !== null && Math.abs(calc - file) <= 0.01 + 1e-9) tally[k].reproduced++;
        else
          failures.push(
            `  line ${r.line} ${r.year} ${r.metabolite} ${r.city}: ${label} file ${file}, computed ${calc === null ? 'null' : calc.toFixed(3)} [We–Tu: ${fmt(r)}]`,
          );
      }
    }
    const lines = [`EUDA mean reproduction, ${single.length} single-site rows (no "(N)" / "(II-VII)" in the city):`];
    let checked = 0;
    let reproduced = 0;
    for (const [k, label] of cols) {
      const t = tally[k];
      checked += t.checked;
      reproduced += t.reproduced;
      lines.push(
        `  ${label.padEnd(12)} checked ${t.checked}, reproduced ${t.reproduced} (${((100 * t.reproduced) / t.checked).toFixed(1)} %), not reproduced ${t.checked - t.reproduced}`,
      );
    }
    lines.push(`  all          checked ${checked}, reproduced ${reproduced} (${((100 * reproduced) / checked).toFixed(1)} %), not reproduced ${checked - reproduced}`);
    lines.push('Not reproduced:');
    const SHOW = 30;
    lines.push(...failures.slice(0, SHOW));
    if (failures.length > SHOW) lines.push(`  … and ${failures.length - SHOW} more (${failures.length} in all)`);
    console.log(lines.join('\n'));

    for (const [k] of cols) expect(tally[k].reproduced / tally[k].checked).toBeGreaterThanOrEqual(0.95);
  });

  it('hand-checked rows', () => {
    const { rows } = load();
    // Line 95: 2022, amphetamine, SE001, SE, Gävle, 866.67,791,878.2,982.04,763.25,928.81,903.44, 853.7,888.08,873.35
    //   weekday (Tue, Wed, Thu) = (903.44 + 866.67 + 791) / 3 = 2561.11 / 3 = 853.7033 → file 853.70
    //   weekend (Fri–Mon) = (878.2 + 982.04 + 763.25 + 928.81) / 4 = 3552.30 / 4 = 888.075 → file 888.08
    //   daily = 6113.41 / 7 = 873.3443 → file 873.35: 0.0057 off, because EUDA averaged the unrounded
    //   daily loads and rounded afterwards — hence the ±0.01 tolerance.
    const gavle = rows.find((r) => r.line === 95)!;
    expect(gavle).toMatchObject({ year: 2022, substance: 'amphetamine', siteId: 'SE001', city: 'Gävle', population: 85000 });
    const g = computeEudaMeans(gavle, 2022);
    expect(g.weekdayMean).toBeCloseTo(2561.11 / 3, 9);
    expect(g.weekendMean).toBeCloseTo(3552.3 / 4, 9);
    expect(g.dailyMean).toBeCloseTo(6113.41 / 7, 9);
    expect(Math.abs(g.dailyMean! - gavle.dailyMean!)).toBeLessThan(0.01);

    // Line 685 (2021 day sets): 2021, cocaine, Gävle, 100.69,85.95,122.94,267.63,328.93,183.4,105.36, 103.74,259.99,170.7
    //   weekday (Tue–Fri) = (105.36 + 100.69 + 85.95 + 122.94) / 4 = 414.94 / 4 = 103.735 → 103.74
    //   weekend (Sat–Mon) = (267.63 + 328.93 + 183.4) / 3 = 779.96 / 3 = 259.9867 → 259.99
    //   daily = 1194.90 / 7 = 170.70
    const g21 = rows.find((r) => r.line === 685)!;
    expect(g21).toMatchObject({ year: 2021, substance: 'benzoylecgonine', metabolite: 'cocaine', city: 'Gävle' });
    const m21 = computeEudaMeans(g21, 2021);
    expect(m21.weekdayMean).toBeCloseTo(103.735, 9);
    expect(m21.weekendMean).toBeCloseTo(779.96 / 3, 9);
    expect(m21.dailyMean).toBeCloseTo(170.7, 9);

    // Line 96: 2022, amphetamine, Sandviken, Wednesday blank:
    //   weekday = (643.42 + 671.23) / 2 = 657.325 → file 657.32; daily = 4174.24 / 6 = 695.7067 → 695.71
    const sand = rows.find((r) => r.line === 96)!;
    expect(sand.daily.wed).toBeNull();
    const s = computeEudaMeans(sand, 2022);
    expect(s.weekdayMean).toBeCloseTo(657.325, 9);
    expect(s.dailyMean).toBeCloseTo(4174.24 / 6, 9);
  });

  it('Swedish rows and the reference summary', () => {
    const { rows } = load();
    const se = rows.filter((r) => r.country === 'SE');
    expect(se).toHaveLength(106);
    expect(new Set(se.map((r) => r.city))).toEqual(
      new Set(['Gothenburg', 'Umea', 'Stockholm (2)', 'Uppsala', 'Gävle', 'Sandviken', 'Söderhamn']),
    );
    expect(se.every((r) => r.population !== null)).toBe(true);
    expect(se.find((r) => r.city === 'Stockholm (2)')).toMatchObject({ plants: 2, population: 848000 });

    const s21 = referenceSummary(rows, 'benzoylecgonine', 2021);
    expect(s21.swedishCities.map((c) => c.city)).toEqual(['Gävle', 'Sandviken', 'Stockholm (2)', 'Söderhamn', 'Uppsala']);
    expect(s21.swedishCities[0]).toEqual({ city: 'Gävle', siteId: 'SE001', dailyMean: 170.7, population: 85000 });
    // 78 cities; the two middle daily means (checked with sort | awk) average to 164.945.
    expect(s21.nCities).toBe(78);
    expect(s21.europeanMedian).toBeCloseTo(164.945, 9);

    const s22 = referenceSummary(rows, 'benzoylecgonine', 2022);
    expect(s22.nCities).toBe(109);
    expect(s22.europeanMedian).toBe(121.09);
    expect(s22.swedishCities.map((c) => [c.city, c.dailyMean])).toEqual([
      ['Gävle', 121.09],
      ['Sandviken', 106.4],
      ['Söderhamn', 59.92],
    ]);

    expect(referenceSummary(rows, 'benzoylecgonine', 2014)).toMatchObject({ swedishCities: [] });
    expect(referenceSummary(rows, 'benzoylecgonine', 1999)).toEqual({ swedishCities: [], europeanMedian: null, nCities: 0 });
  });
});
