import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { eudaSiteKey, parseEudaSites, parseEudaWastewater } from '../reference/euda.ts';
import { decodedChunks, type FileFacts } from './decode.ts';
import type { ImportRequest } from './importer.ts';
import type { ReportBuilder } from './report.ts';

/**
 * EUDA/SCORE reference data (kind=reference): the multi-city wastewater file, or its sites
 * file (population per city). Stored apart from local measurements; small, so read whole.
 * With `write: false` (a dry run) the report is the same and nothing is inserted.
 */
export async function importReference(db: Kysely<Database>, req: ImportRequest, facts: FileFacts, rb: ReportBuilder, batchId: number, opts: { write: boolean } = { write: true }): Promise<void> {
  let text = '';
  for await (const s of decodedChunks(req.filePath, facts.encoding)) text += s;
  text = text.replace(/^\ufeff/, '');
  const header = (text.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (/(^|,)population(,|$)/.test(header) && /(^|,)city(,|$)/.test(header) && !header.includes('metabolite')) {
    const sites = parseEudaSites(text);
    const rows = [...sites.values()].map((s) => ({ batch_id: batchId, site_key: eudaSiteKey(s.country, s.city), country: s.country, city: s.city, population: s.population, active: 1 }));
    if (opts.write) await insertChunked(db, 'reference_sites', rows);
    rb.report.counts.accepted += rows.length;
    rb.report.counts.rows = rb.report.counts.values = sites.size;
    return;
  }
  const parsed = parseEudaWastewater(text, new Map());
  for (const i of parsed.issues) {
    rb.add({ row: i.row, column: i.column ?? null, severity: i.severity, code: i.code, message: i.message });
  }
  const lines = Math.max(0, text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
  rb.report.counts.rows = lines;
  const values = parsed.rows.map((r) => ({
    batch_id: batchId, year: r.year, substance_key: r.substance, site_id: r.siteId, country: r.country, city: r.city, population: null,
    wed: r.daily.wed, thu: r.daily.thu, fri: r.daily.fri, sat: r.daily.sat, sun: r.daily.sun, mon: r.daily.mon, tue: r.daily.tue,
    weekday_mean: r.weekdayMean, weekend_mean: r.weekendMean, daily_mean: r.dailyMean, active: 1,
  }));
  if (opts.write) await insertChunked(db, 'reference_values', values);
  for (const r of parsed.rows) {
    rb.report.counts.accepted += 1;
    rb.noteValue(r.city, r.substance, `${r.year}-01-01`);
  }
  rb.report.counts.values = parsed.rows.length;
  rb.report.counts.rejected = Math.max(0, lines - parsed.rows.length);
  rb.report.areas = [];
}

/**
 * Multi-row inserts of a few hundred rows each: one statement per chunk instead of one per row
 * (a round trip each on PostgreSQL), under SQLite's 32 766 and PostgreSQL's 65 535 parameters.
 */
async function insertChunked<T extends 'reference_sites' | 'reference_values'>(db: Kysely<Database>, table: T, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await db.insertInto(table).values(rows.slice(i, i + 500) as any).execute();
  }
}
