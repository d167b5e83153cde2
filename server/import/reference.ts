import type SQLite from 'better-sqlite3';
import { eudaSiteKey, parseEudaSites, parseEudaWastewater } from '../reference/euda.ts';
import { decodedChunks, type FileFacts } from './decode.ts';
import type { ImportRequest } from './importer.ts';
import type { ReportBuilder } from './report.ts';

/**
 * EUDA/SCORE reference data (kind=reference): the multi-city wastewater file, or its sites
 * file (population per city). Stored apart from local measurements; small, so read whole.
 */
export async function importReference(db: SQLite.Database, req: ImportRequest, facts: FileFacts, rb: ReportBuilder, batchId: number): Promise<void> {
  let text = '';
  for await (const s of decodedChunks(req.filePath, facts.encoding)) text += s;
  text = text.replace(/^\ufeff/, '');
  const header = (text.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (/(^|,)population(,|$)/.test(header) && /(^|,)city(,|$)/.test(header) && !header.includes('metabolite')) {
    const sites = parseEudaSites(text);
    const insert = db.prepare('insert into reference_sites (batch_id, site_key, country, city, population, active) values (?, ?, ?, ?, ?, 1)');
    for (const s of sites.values()) {
      insert.run(batchId, eudaSiteKey(s.country, s.city), s.country, s.city, s.population);
      rb.report.counts.accepted += 1;
    }
    rb.report.counts.rows = rb.report.counts.values = sites.size;
    return;
  }
  const parsed = parseEudaWastewater(text, new Map());
  for (const i of parsed.issues) {
    rb.add({ row: i.row, column: i.column ?? null, severity: i.severity, code: i.code, message: i.message });
  }
  const lines = Math.max(0, text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
  rb.report.counts.rows = lines;
  const insert = db.prepare(`insert into reference_values (batch_id, year, substance_key, site_id, country, city, population, wed, thu, fri, sat, sun, mon, tue, weekday_mean, weekend_mean, daily_mean, active)
    values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  for (const r of parsed.rows) {
    const d = r.daily;
    insert.run(batchId, r.year, r.substance, r.siteId, r.country, r.city, d.wed, d.thu, d.fri, d.sat, d.sun, d.mon, d.tue, r.weekdayMean, r.weekendMean, r.dailyMean);
    rb.report.counts.accepted += 1;
    rb.noteValue(r.city, r.substance, `${r.year}-01-01`);
  }
  rb.report.counts.values = parsed.rows.length;
  rb.report.counts.rejected = Math.max(0, lines - parsed.rows.length);
  rb.report.areas = [];
}
