/**
 * The same data in other realistic shapes imports to the same figures.
 *
 * Every file here is generated in the test from test/fixtures/samples/truth.json (concentration in
 * ng/L with one decimal, flow in m³/day, LOQ, censored flag). For a censored entry the files
 * only ever write "<LOQ"-style text; the generator's hidden value below the LOQ is never used.
 * Each shape is imported, together with areas.csv, into a fresh app on a fresh SQLite database,
 * and /api/v1/measurements (all pages) is compared with truth.json value by value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { allMeasurements, login, upload, type Session } from '../http.ts';

interface TruthRow { area: string; date: string; key: string; flow: number; pop: number; loq: number; censored: boolean; conc: number }
const truth: TruthRow[] = JSON.parse(fs.readFileSync(path.join(SAMPLES, 'truth.json'), 'utf8')).rows;

/** A lab name per substance key, as Swedish labs write them (catalog aliases). */
const LAB_NAME: Record<string, string> = {
  benzoylecgonine: 'Bensoylekgonin (BzE)', cocaine: 'Kokain', amphetamine: 'Amfetamin', methamphetamine: 'Metamfetamin',
  mdma: 'MDMA', 'thc-cooh': 'Cannabis (THCA-metabolit)', tramadol: 'Tramadol', '6-mam': '6-MAM (Heroin-metabolit)',
};
const KEYS = Object.keys(LAB_NAME);

// ---- writing numbers and dates the way other deliveries do -------------------------------

/** One-decimal value as text with the given decimal separator: 402.2 → "402,2". */
const dec = (x: number, sep: '.' | ',', decimals = 1) => x.toFixed(decimals).replace('.', sep);

/**
 * ng/L (one decimal) → µg/L text with four decimals, by shifting the decimal point in the
 * digits (no floating-point division): 402.2 ng/L = 4022 tenths → "0,4022" µg/L;
 * 1327.5 → "1,3275"; 2.4 → "0,0024"; LOQ 0.5 → "0,0005".
 */
function ngToUgPerL(x: number, sep: '.' | ','): string {
  const tenths = String(Math.round(x * 10)).padStart(5, '0');
  return `${tenths.slice(0, -4)}${sep}${tenths.slice(-4)}`;
}

/** Thousands grouped with a no-break space (U+00A0): "1029,3" → "1 029,3", "6224" → "6 224". */
function nbsp(text: string): string {
  const [int, frac] = text.split(/(?=[.,])/);
  return int.replace(/\B(?=(\d{3})+$)/g, '\u00a0') + (frac ?? '');
}

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** 2020-09-14 → 14.09.2020 */
const dmyDots = (iso: string) => iso.split('-').reverse().join('.');

/** The truth rows grouped by sample (area + date): one line each in wide and flow files. */
function bySample(rows: TruthRow[]): TruthRow[][] {
  const m = new Map<string, TruthRow[]>();
  for (const t of rows) {
    const k = `${t.area}|${t.date}`;
    m.set(k, [...(m.get(k) ?? []), t]);
  }
  return [...m.values()];
}

const lines = (rows: string[][], delimiter: string, eol = '\n') => rows.map((r) => r.join(delimiter)).join(eol) + eol;

interface GeneratedFile { name: string; bytes: Buffer }
const utf8 = (name: string, text: string): GeneratedFile => ({ name, bytes: Buffer.from(text, 'utf8') });

interface Shape {
  title: string;
  /** Lab and flow files, in upload order (areas.csv goes first, always), from these truth rows. */
  files: (truth: TruthRow[], samples: TruthRow[][]) => GeneratedFile[];
  /** The lab file's report.format. */
  format: { encoding: string; delimiter: string; decimalSeparator: string; layout: string };
  /** Relative tolerance of flowM3PerDay and normalizedLoad against truth. */
  tolerance: number;
  /** The file has a LOQ column, so uncensored values carry their LOQ too. */
  loqOnEveryValue: boolean;
  /** sampleStart as the API returns it (null when the file gives only dates). */
  sampleStart: (t: TruthRow) => string | null;
}

const SHAPES: Record<string, Shape> = {
  'a: tab-delimited long file (decimal point, ng/L, "<LOQ" + LOQ column)': {
    title: 'tab',
    files: (truth, samples) => [
      utf8('lab-tab.tsv', lines([
        ['Provpunkt', 'Provtagning start', 'Provtagning slut', 'Labbets provnr', 'Analys', 'Halt', 'Enhet', 'Rapporteringsgräns'],
        ...truth.map((t) => [t.area, `${t.date} 07:00`, `${nextDay(t.date)} 07:00`, `P-${t.date}`, LAB_NAME[t.key],
          t.censored ? '<LOQ' : dec(t.conc, '.'), 'ng/L', dec(t.loq, '.')]),
      ], '\t')),
      utf8('flow-tab.tsv', lines([['Provpunkt', 'Datum', 'Flöde (m3/d)'], ...samples.map(([t]) => [t.area, t.date, String(t.flow)])], '\t')),
    ],
    format: { encoding: 'utf-8', delimiter: '\t', decimalSeparator: '.', layout: 'long' },
    tolerance: 1e-9,
    loqOnEveryValue: true,
    sampleStart: (t) => `${t.date}T07:00`,
  },
  'b: µg/L concentrations, flow in a separate file in L/s': {
    title: 'ugL',
    files: (truth, samples) => [
      // Flow first this time: the lab file then finds every day's flow.
      utf8('flow-ls.csv', lines([
        ['Provpunkt', 'Datum', 'Flöde (L/s)'],
        // 6224 m³/d ÷ 86.4 = 72.037037… L/s, written "72,037037".
        ...samples.map(([t]) => [t.area, t.date, dec(t.flow / 86.4, ',', 6)]),
      ], ';')),
      utf8('lab-ugL.csv', lines([
        ['Provpunkt', 'Provtagning start', 'Provtagning slut', 'Analys', 'Halt', 'Enhet', 'Rapporteringsgräns'],
        // 402.2 ng/L = 0,4022 µg/L; censored "<0,0005" µg/L = below 0.5 ng/L; LOQ column in µg/L too.
        ...truth.map((t) => [t.area, `${t.date} 07:00`, `${nextDay(t.date)} 07:00`, LAB_NAME[t.key],
          t.censored ? `<${ngToUgPerL(t.loq, ',')}` : ngToUgPerL(t.conc, ','), 'µg/L', ngToUgPerL(t.loq, ',')]),
      ], ';')),
    ],
    format: { encoding: 'utf-8', delimiter: ';', decimalSeparator: ',', layout: 'long' },
    // The flow went through L/s with 6 decimals: rounding error ≤ 0.5e-6 L/s × 86.4 = 4.3e-5 m³/d,
    // i.e. ≤ 3.1e-8 relative at the smallest flow (1401 m³/d). Flow and normalised load therefore
    // agree with truth to ~1e-6 relative, not exactly; concentrations and LOQs stay exact.
    tolerance: 1e-6,
    loqOnEveryValue: true,
    sampleStart: (t) => `${t.date}T07:00`,
  },
  'c: ISO-8859-1 bytes, "n.d." for censored values with the LOQ in its column': {
    title: 'latin1',
    files: (truth, samples) => [
      {
        name: 'lab-latin1.csv',
        bytes: Buffer.from(lines([
          ['Provtagningsplats', 'Provtagningsdatum', 'Ämne', 'Resultat', 'Enhet', 'Rapporteringsgräns'],
          ...truth.map((t) => [t.area, t.date, LAB_NAME[t.key], t.censored ? 'n.d.' : dec(t.conc, ','), 'µg/m³', dec(t.loq, ',')]),
        ], ';', '\r\n'), 'latin1'),
      },
      { name: 'flow-latin1.csv', bytes: Buffer.from(lines([['Provplats', 'Datum', 'Dygnsflöde (m³/dygn)'], ...samples.map(([t]) => [t.area, t.date, String(t.flow)])], ';'), 'latin1') },
    ],
    format: { encoding: 'windows-1252', delimiter: ';', decimalSeparator: ',', layout: 'long' },
    tolerance: 1e-9,
    loqOnEveryValue: true,
    sampleStart: () => null,
  },
  'd: DD.MM.YYYY dates and DD.MM.YYYY HH:MM start/end': {
    title: 'dotted',
    files: (truth, samples) => [
      utf8('lab-dotted.csv', lines([
        ['Provpunkt', 'Provtagning start', 'Provtagning slut', 'Analys', 'Halt', 'Enhet', 'LOQ'],
        ...truth.map((t) => [t.area, `${dmyDots(t.date)} 07:00`, `${dmyDots(nextDay(t.date))} 07:00`, LAB_NAME[t.key],
          t.censored ? `< ${dec(t.loq, ',')}` : dec(t.conc, ','), 'µg/m³', dec(t.loq, ',')]),
      ], ';')),
      utf8('flow-dotted.csv', lines([['Provpunkt', 'Datum', 'Flöde (m3/d)'], ...samples.map(([t]) => [t.area, dmyDots(t.date), String(t.flow)])], ';')),
    ],
    format: { encoding: 'utf-8', delimiter: ';', decimalSeparator: ',', layout: 'long' },
    tolerance: 1e-9,
    loqOnEveryValue: true,
    sampleStart: (t) => `${t.date}T07:00`,
  },
  'e: no-break-space thousands separators ("1 029,3", flows "6 224", population "24 000")': {
    title: 'nbsp',
    files: (truth, samples) => [
      utf8('lab-nbsp.csv', lines([
        ['Provpunkt', 'Provtagning start', 'Analys', 'Halt', 'Enhet', 'Rapporteringsgräns', 'Anslutna personer'],
        ...truth.map((t) => [t.area, `${t.date} 07:00`, LAB_NAME[t.key], t.censored ? '<LOQ' : nbsp(dec(t.conc, ',')), 'µg/m³', dec(t.loq, ','), nbsp(String(t.pop))]),
      ], ';')),
      utf8('flow-nbsp.csv', lines([['Provpunkt', 'Datum', 'Flöde (m3/d)'], ...samples.map(([t]) => [t.area, t.date, nbsp(String(t.flow))])], ';')),
    ],
    format: { encoding: 'utf-8', delimiter: ';', decimalSeparator: ',', layout: 'long' },
    tolerance: 1e-9,
    loqOnEveryValue: true,
    sampleStart: (t) => `${t.date}T07:00`,
  },
  'f: wide file with Swedish headers, flow and population included, "< 2,0" censored': {
    title: 'wide-sv',
    files: (truth, samples) => [
      utf8('lab-wide-sv.csv', lines([
        ['Provpunkt', 'Datum', 'Flöde (m3/d)', 'Anslutna', 'Bensoylekgonin (µg/m³)', 'Kokain (µg/m³)', 'Amfetamin (µg/m³)', 'Metamfetamin (µg/m³)',
          'MDMA (µg/m³)', 'THC-COOH (µg/m³)', 'Tramadol (µg/m³)', '6-MAM (µg/m³)'],
        ...samples.map((day) => {
          const byKey = new Map(day.map((t) => [t.key, t]));
          const [t0] = day;
          return [t0.area, t0.date, String(t0.flow), String(t0.pop),
            ...KEYS.map((k) => { const t = byKey.get(k)!; return t.censored ? `< ${dec(t.loq, ',')}` : dec(t.conc, ','); })];
        }),
      ], ';')),
    ],
    format: { encoding: 'utf-8', delimiter: ';', decimalSeparator: ',', layout: 'wide' },
    tolerance: 1e-9,
    loqOnEveryValue: false, // no LOQ column: only "< 2,0" cells carry a limit
    sampleStart: () => null,
  },
  'g: UTF-8 with BOM and CRLF line endings (comma-delimited, English headers)': {
    title: 'bom-crlf',
    files: (truth, samples) => [
      utf8('lab-bom.csv', '\ufeff' + lines([
        ['Site', 'Sampling start', 'Sampling end', 'Substance', 'Concentration', 'Unit', 'LOQ'],
        ...truth.map((t) => [t.area, `${t.date} 07:00`, `${nextDay(t.date)} 07:00`, LAB_NAME[t.key], t.censored ? `<${t.loq}` : dec(t.conc, '.'), 'ng/L', String(t.loq)]),
      ], ',', '\r\n')),
      utf8('flow-bom.csv', '\ufeff' + lines([['Site', 'Date', 'Flow (m3/day)'], ...samples.map(([t]) => [t.area, t.date, String(t.flow)])], ',', '\r\n')),
    ],
    format: { encoding: 'utf-8', delimiter: ',', decimalSeparator: '.', layout: 'long' },
    tolerance: 1e-9,
    loqOnEveryValue: true,
    sampleStart: (t) => `${t.date}T07:00`,
  },
  'h: ISO dates with T ("2020-09-14T07:00"), "ND" for censored values': {
    title: 'iso-t',
    files: (truth, samples) => [
      utf8('lab-iso-t.csv', lines([
        ['Provpunkt', 'Provtagning start', 'Provtagning slut', 'Analys', 'Halt', 'Enhet', 'Rapporteringsgräns'],
        ...truth.map((t) => [t.area, `${t.date}T07:00`, `${nextDay(t.date)}T07:00`, LAB_NAME[t.key], t.censored ? 'ND' : dec(t.conc, ','), 'µg/m³', dec(t.loq, ',')]),
      ], ';')),
      utf8('flow-iso-t.csv', lines([['Provpunkt', 'Datum', 'Flöde (m3/d)'], ...samples.map(([t]) => [t.area, `${t.date}T07:00`, String(t.flow)])], ';')),
    ],
    format: { encoding: 'utf-8', delimiter: ';', decimalSeparator: ',', layout: 'long' },
    tolerance: 1e-9,
    loqOnEveryValue: true,
    sampleStart: (t) => `${t.date}T07:00`,
  },
};

const relClose = (actual: number, expected: number, rel: number) => Math.abs(actual - expected) <= rel * Math.abs(expected);

describe('The same data in other realistic shapes imports to the same figures', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('never writes the hidden value of a censored entry', () => {
    // Poison the hidden values: if a generator used `conc` of a censored entry, 98765.4 (or its
    // µg/L form 98,7654) would show up in the file.
    const poisoned = truth.map((t) => (t.censored ? { ...t, conc: 98765.4 } : t));
    expect(poisoned.filter((t) => t.conc === 98765.4)).toHaveLength(135);
    for (const shape of Object.values(SHAPES)) {
      for (const f of shape.files(poisoned, bySample(poisoned))) {
        const text = f.bytes.toString('latin1');
        expect(text, f.name).not.toMatch(/98.?765|NaN|undefined|null/);
      }
    }
  });

  for (const [label, shape] of Object.entries(SHAPES)) {
    describe(label, () => {
      let ctx: AppContext;
      let app: ReturnType<typeof createApp>;
      let s: Session;

      beforeAll(async () => {
        const t = await testContext();
        ctx = t.ctx;
        dirs.push(t.dir);
        app = createApp(ctx);
        s = await login(app);
      });
      afterAll(async () => ctx.destroy());

      it('imports the areas and every generated file with 201', async () => {
        expect((await upload(app, s, path.join(SAMPLES, 'areas.csv'))).status).toBe(201);
        let labReport: any = null;
        for (const f of shape.files(truth, bySample(truth))) {
          const res = await upload(app, s, f);
          const body = await res.json();
          expect(res.status, `${f.name}: ${JSON.stringify(body.issues?.slice(0, 3))}`).toBe(201);
          expect(body.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
          if (body.kind === 'lab') labReport = body;
          else expect(body.kind).toBe('flow');
        }
        expect(labReport.format).toEqual(shape.format);
        expect(labReport.counts).toMatchObject({ values: 1008, accepted: 1008, rejected: 0, duplicates: 0, censored: 135 });
        expect(labReport.counts.rows).toBe(shape.format.layout === 'wide' ? 126 : 1008);
        expect(labReport.period).toEqual({ from: '2020-09-14', to: '2023-03-19' });
      });

      it('gives every value of truth.json through /api/v1/measurements', async () => {
        const rows = await allMeasurements(app, s);
        expect(rows).toHaveLength(1008);
        const byKey = new Map(rows.map((r) => [`${r.area}|${r.date}|${r.substance}`, r]));
        const tol = shape.tolerance;
        for (const t of truth) {
          const where = `${t.area} ${t.date} ${t.key}`;
          const m = byKey.get(`${t.area}|${t.date}|${t.key}`);
          expect(m, where).toBeDefined();
          expect(m.censored, where).toBe(t.censored);
          expect(m.population, where).toBe(t.pop);
          expect(m.sampleStart, where).toBe(shape.sampleStart(t));
          if (tol === 1e-9) expect(m.flowM3PerDay, where).toBe(t.flow);
          else expect(relClose(m.flowM3PerDay, t.flow, tol), `${where}: flow ${m.flowM3PerDay} vs ${t.flow}`).toBe(true);
          if (t.censored) {
            expect(m.concentrationNgL, where).toBeNull();
            expect(m.loqNgL, where).toBe(t.loq);
            // half_loq (default): the load uses LOQ/2.
            const expected = ((t.loq / 2) * t.flow) / t.pop;
            expect(relClose(m.normalizedLoad, expected, tol), `${where}: ${m.normalizedLoad} vs ${expected}`).toBe(true);
          } else {
            expect(m.concentrationNgL, where).toBe(t.conc);
            expect(m.loqNgL, where).toBe(shape.loqOnEveryValue ? t.loq : null);
            // DOMAIN.md: load = C·Q/1000 mg/day; normalised = load·1000/P = C·Q/P.
            const expected = (t.conc * t.flow) / t.pop;
            expect(relClose(m.normalizedLoad, expected, tol), `${where}: ${m.normalizedLoad} vs ${expected}`).toBe(true);
          }
        }
      });
    });
  }

  describe('slashed dates are read per file', () => {
    let ctx: AppContext;
    let app: ReturnType<typeof createApp>;
    let s: Session;

    beforeAll(async () => {
      const t = await testContext();
      ctx = t.ctx;
      dirs.push(t.dir);
      app = createApp(ctx);
      s = await login(app);
      expect((await upload(app, s, path.join(SAMPLES, 'areas.csv'))).status).toBe(201);
    });
    afterAll(async () => ctx.destroy());

    const header = 'Provpunkt;Provtagning start;Provtagning slut;Analys;Halt;Enhet';

    it('one unambiguous 14/09/2020 anywhere in the file makes every slashed date DD/MM', async () => {
      const csv = [
        header,
        'EXS-ARV;02/03/2021 07:00;03/03/2021 07:00;Kokain;100,5;µg/m³', // line 2 → 2 March 2021
        'EXS-CEN;05/04/2021;06/04/2021;Kokain;50,0;µg/m³', //            line 3 → 5 April 2021
        'EXS-ARV;14/09/2020 07:00;15/09/2020 07:00;Kokain;182,2;µg/m³', // line 4: 14 > 12, so day first
      ].join('\n');
      const res = await upload(app, s, { name: 'slashed-dmy.csv', bytes: csv });
      expect(res.status).toBe(201);
      const rows = await allMeasurements(app, s, 'substance=cocaine');
      expect(rows.map((r) => [r.area, r.date, r.sampleStart, r.sampleEnd, r.concentrationNgL])).toEqual([
        ['EXS-ARV', '2021-03-02', '2021-03-02T07:00', '2021-03-03T07:00', 100.5],
        ['EXS-CEN', '2021-04-05', null, null, 50],
        ['EXS-ARV', '2020-09-14', '2020-09-14T07:00', '2020-09-15T07:00', 182.2],
      ]);
    });

    it('one unambiguous 09/14/2020 makes every slashed date MM/DD', async () => {
      const csv = [header, 'EXS-NOR;02/03/2021;;Amfetamin;10,0;µg/m³', 'EXS-NOR;09/14/2020;;Amfetamin;20,0;µg/m³'].join('\n');
      const res = await upload(app, s, { name: 'slashed-mdy.csv', bytes: csv });
      expect(res.status).toBe(201);
      const rows = await allMeasurements(app, s, 'area=EXS-NOR&substance=amphetamine');
      expect(rows.map((r) => [r.date, r.concentrationNgL])).toEqual([['2021-02-03', 10], ['2020-09-14', 20]]);
    });

    it('a file whose slashed dates are all ambiguous is rejected, naming line and column of each', async () => {
      const csv = [
        header,
        'EXS-ARV;02/03/2022 07:00;04/03/2022 07:00;Kokain;100,5;µg/m³',
        'EXS-ARV;2022-04-05 07:00;05/04/2022 07:00;Kokain;100,5;µg/m³',
        'EXS-CEN;05/05/2022 07:00;06/06/2022 07:00;Kokain;10,5;µg/m³', // day = month: the same date either way
      ].join('\n');
      const res = await upload(app, s, { name: 'slashed-ambiguous.csv', bytes: csv });
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.errors.map((e: any) => [e.row, e.column, e.code])).toEqual([
        [2, 'Provtagning start', 'ambiguous_date'],
        [2, 'Provtagning slut', 'ambiguous_date'],
        [3, 'Provtagning slut', 'ambiguous_date'],
      ]);
      // The message names both readings and the way out.
      expect(body.errors[0].message).toContain('2022-03-02');
      expect(body.errors[0].message).toContain('2022-02-03');
      expect(body.errors[0].message).toContain('YYYY-MM-DD');
    });
  });
});
