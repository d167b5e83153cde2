import fs from 'node:fs';
import { once } from 'node:events';
import { DEMO_SUBSTANCES, demoRows, labLine, LAB_HEADER, type DemoArea, type DemoSubstance } from '../../server/demo/generate.ts';

/** 300 areas × 15 substances × 7 days × 4 campaigns × 10 years ≈ 1.26 M lab rows. */
export const NATIONAL_AREAS: DemoArea[] = Array.from({ length: 300 }, (_, i) => ({
  code: `SE-${String(i + 1).padStart(3, '0')}`, name: `Reningsverk ${i + 1}`, parent: null,
  population: 8000 + ((i * 7919) % 90000), municipality: `Kommun ${i + 1}`, county: `Län ${(i % 21) + 1}`, scale: 0.6 + ((i * 13) % 10) / 10,
}));

/** The catalog's 8 demo substances, 4 more of the catalog, and 3 the bench adds to the catalog. */
export const EXTRA_SUBSTANCES = [
  { key: 'morphine', name: 'Morfin' }, { key: 'codeine', name: 'Kodein' }, { key: 'methadone', name: 'Metadon' },
];
export const NATIONAL_SUBSTANCES: DemoSubstance[] = [
  ...DEMO_SUBSTANCES,
  ...[['eddp', 'EDDP'], ['o-desmethyltramadol', 'ODM-Tramadol'], ['ketamine', 'Ketamin'], ['mephedrone', 'Mefedron'], ...EXTRA_SUBSTANCES.map((s) => [s.key, s.name])]
    .map(([key, labName]) => ({ key, labName, base: 40, weekend: 1.1, trendPerYear: 0.01, loq: 1, sd: 0.3 })),
];
export const NATIONAL_CAMPAIGNS = Array.from({ length: 10 }, (_, y) => ['03-08', '06-07', '09-06', '11-22'].map((md) => `${2014 + y}-${md}`)).flat();

export function nationalAreasCsv(): string {
  return ['code,name,parent,population,municipality,county', ...NATIONAL_AREAS.map((a) => [a.code, a.name, '', a.population, a.municipality, a.county].join(','))].join('\n') + '\n';
}

/**
 * The lab header with the two columns many Swedish lab exports add: the day's flow and the
 * connected population, repeated on every substance row of a sample.
 */
export const LAB_HEADER_FLOW = `${LAB_HEADER};Flöde (m3/d);Anslutna`;

/**
 * Streams the national lab file to disk (Windows-1252, like the samples); returns the row count.
 * `flowAndPopulation` adds `Flöde (m3/d)` and `Anslutna` to every row (same values on each
 * substance row of a sample, as labs send them).
 */
export async function writeNationalLabFile(file: string, opts: { areas?: number; flowAndPopulation?: boolean } = {}): Promise<number> {
  const out = fs.createWriteStream(file);
  const areas = NATIONAL_AREAS.slice(0, opts.areas ?? NATIONAL_AREAS.length);
  const population = new Map(areas.map((a) => [a.code, a.population]));
  out.write(Buffer.from((opts.flowAndPopulation ? LAB_HEADER_FLOW : LAB_HEADER) + '\r\n', 'latin1'));
  let n = 0;
  let buf: string[] = [];
  // Campaigns one at a time keeps the generator's memory small.
  for (const c of NATIONAL_CAMPAIGNS) {
    for (const r of demoRows({ seed: 7 + n, areas, substances: NATIONAL_SUBSTANCES, campaigns: [c] })) {
      const line = labLine(r, `N${++n}`);
      buf.push(opts.flowAndPopulation ? `${line};${r.flow};${population.get(r.area)}` : line);
      if (buf.length >= 5000) {
        if (!out.write(Buffer.from(buf.join('\r\n') + '\r\n', 'latin1'))) await once(out, 'drain');
        buf = [];
      }
    }
  }
  if (buf.length) out.write(Buffer.from(buf.join('\r\n') + '\r\n', 'latin1'));
  out.end();
  await once(out, 'finish');
  return n;
}

export function insertExtraSubstances(sqlite: import('better-sqlite3').Database): void {
  const now = new Date().toISOString();
  for (const [i, s] of EXTRA_SUBSTANCES.entries()) {
    sqlite.prepare(`insert or ignore into substances (key, name_sv, name_en, drug, residue, correction_factor, dose_mg, source_note, sort_order, updated_at) values (?, ?, ?, ?, ?, null, null, 'bench', ?, ?)`)
      .run(s.key, s.name, s.key, s.key, s.key, 100 + i, now);
    sqlite.prepare(`insert or ignore into substance_aliases (substance_key, alias, alias_norm) values (?, ?, ?)`).run(s.key, s.name, s.name.toLowerCase());
  }
}
