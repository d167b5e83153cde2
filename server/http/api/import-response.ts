// Shaping import results as HTTP answers: a report (201/200), problem+json for a refused file
// (422, naming each row and column) or a conflict (409), and the retraction problems.
import type { Context } from 'hono';
import type { ImportOutcome, RetractResult } from '../../usecases/imports.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';

/** The HTTP status of each import outcome (a dry run answers 200 even when it finds errors). */
export const IMPORT_STATUS = { committed: 201, dry_run: 200, rejected: 422, already_imported: 409, busy: 409 } as const satisfies Record<ImportOutcome['outcome'], number>;

const PROBLEM_JSON = { 'content-type': 'application/problem+json; charset=utf-8' };

export function importResponse(c: Context<AppEnv>, outcome: ImportOutcome): Response {
  const status = IMPORT_STATUS[outcome.outcome];
  if (status === 409) {
    const existingBatchId = outcome.outcome === 'already_imported' ? outcome.existingBatchId : undefined;
    const p = { type: 'about:blank', title: 'Conflict', status: 409, detail: outcome.report.issues[0]?.message, existingBatchId, report: outcome.report };
    return c.body(JSON.stringify(p), 409, PROBLEM_JSON);
  }
  if (status === 422) {
    const errors = outcome.report.issues.filter((i) => i.severity === 'error').map((i) => ({ row: i.row ?? undefined, column: i.column ?? undefined, code: i.code, message: i.message }));
    const p = { title: 'Unprocessable Content', status: 422, detail: `The file has ${errors.length + outcome.report.issuesOmitted} problem(s); nothing was imported.`, errors, report: outcome.report, ...outcome.report };
    return c.body(JSON.stringify(p), 422, PROBLEM_JSON);
  }
  return c.json(outcome.report, status);
}

const RETRACT_PROBLEM: Record<Extract<RetractResult, { ok: false }>['reason'], [409 | 404 | 422, string]> = {
  not_found: [404, 'Not Found'], already_retracted: [409, 'Conflict'], not_retractable: [422, 'Unprocessable Content'],
};

export function retractProblem(res: Extract<RetractResult, { ok: false }>): HttpProblem {
  return new HttpProblem(RETRACT_PROBLEM[res.reason][0], RETRACT_PROBLEM[res.reason][1], res.message);
}

/** `attachment` with a plain-ASCII name and the exact one (RFC 6266). */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\w.\- ]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
