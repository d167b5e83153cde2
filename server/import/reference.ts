import type SQLite from 'better-sqlite3';
import type { FileFacts } from './decode.ts';
import type { ReportBuilder } from './report.ts';
import type { ImportRequest } from './importer.ts';

/** EUDA/SCORE reference data import; filled in when the EUDA parser lands. */
export async function importReference(_db: SQLite.Database, _req: ImportRequest, _facts: FileFacts, rb: ReportBuilder, _batchId: number): Promise<void> {
  rb.error(null, null, 'unreadable_file', 'Reference imports are not available yet.');
}
