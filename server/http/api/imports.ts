import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { IMPORT_KINDS } from '../../import/columns.ts';
import { saveUpload, TooLargeError } from '../../import/files.ts';
import { batchDetails, importFile, importIssues, listBatches, listRejected, originalFile, retractBatch, type ImportOutcome, type RetractResult } from '../../usecases/imports.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { jsonBody, queryParams } from '../validate.ts';
import { issueListCsv } from '../../import/issue-list.ts';
import { isLang } from '../../i18n/lang.ts';

const importQuery = z.object({
  dryRun: z.enum(['true', 'false', '1', '0', '']).optional().transform((v) => v === 'true' || v === '1'),
  kind: z.enum(IMPORT_KINDS as [string, ...string[]]).optional(),
  onConflict: z.enum(['reject', 'replace', 'skip']).optional(),
  fileName: z.string().max(255).optional(),
});

function tooLarge(limit: number): HttpProblem {
  return new HttpProblem(413, 'Payload Too Large', `The file is larger than the upload limit of ${Math.round(limit / 1024 / 1024)} MB (MAX_UPLOAD_MB). Split it, or ask the administrator to raise the limit.`);
}

/** A file name safe to show and to put in a header: no paths, no control characters. */
function cleanFileName(name: string | undefined): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(0, 255) || 'upload.csv';
}

/** The HTTP status of each import outcome (a dry run answers 200 even when it finds errors). */
export const IMPORT_STATUS = { committed: 201, dry_run: 200, rejected: 422, already_imported: 409, busy: 409 } as const satisfies Record<ImportOutcome['outcome'], number>;

const RETRACT_PROBLEM: Record<Extract<RetractResult, { ok: false }>['reason'], [409 | 404 | 422, string]> = {
  not_found: [404, 'Not Found'], already_retracted: [409, 'Conflict'], not_retractable: [422, 'Unprocessable Content'],
};

const batchId = (c: Context<AppEnv>) => {
  const id = Number(c.req.param('id'));
  return Number.isInteger(id) ? id : -1;
};

export function importRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/imports', requireRole('coordinator'), async (c, next) => {
    const limit = c.get('ctx').config.maxUploadBytes;
    return bodyLimit({ maxSize: limit + 64 * 1024, onError: () => { throw tooLarge(limit); } })(c, next);
  }, async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const q = queryParams(c, importQuery);
    const limit = ctx.config.maxUploadBytes;
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > limit + 64 * 1024) throw tooLarge(limit);
    const type = c.req.header('content-type') ?? '';
    let tmp: string;
    let fileName: string;
    try {
      if (type.startsWith('multipart/form-data')) {
        const body = await c.req.parseBody();
        const file = body.file;
        if (!(file instanceof File)) throw new HttpProblem(400, 'Bad Request', 'Send the file in a multipart field named "file".', { errors: [{ column: 'file', code: 'missing_value', message: 'No file field.' }] });
        if (file.size > limit) throw tooLarge(limit);
        fileName = cleanFileName(file.name);
        tmp = await saveUpload(ctx.config.dataDir, Buffer.from(await file.arrayBuffer()), limit);
      } else {
        // Raw body (the upload page streams the file this way): name in ?fileName= or X-File-Name.
        const raw = c.req.raw.body;
        if (!raw) throw new HttpProblem(400, 'Bad Request', 'The request has no file.');
        let headerName = c.req.header('x-file-name') ?? '';
        try {
          headerName = decodeURIComponent(headerName);
        } catch {
          throw new HttpProblem(400, 'Bad Request', 'X-File-Name is not valid percent-encoding.', { errors: [{ column: 'X-File-Name', code: 'invalid', message: 'Malformed percent-encoding.' }] });
        }
        fileName = cleanFileName(q.fileName ?? headerName);
        tmp = await saveUpload(ctx.config.dataDir, raw, limit);
      }
    } catch (e) {
      if (e instanceof TooLargeError) throw tooLarge(limit);
      throw e;
    }
    try {
      const outcome = await importFile(ctx, caller, { filePath: tmp, fileName, kind: q.kind as never, dryRun: q.dryRun, onConflict: q.onConflict });
      const status = IMPORT_STATUS[outcome.outcome];
      if (status === 409) {
        const existingBatchId = outcome.outcome === 'already_imported' ? outcome.existingBatchId : undefined;
        const p = { type: 'about:blank', title: 'Conflict', status: 409, detail: outcome.report.issues[0]?.message, existingBatchId, report: outcome.report };
        return c.body(JSON.stringify(p), 409, { 'content-type': 'application/problem+json; charset=utf-8' });
      }
      if (status === 422) {
        const errors = outcome.report.issues.filter((i) => i.severity === 'error').map((i) => ({ row: i.row ?? undefined, column: i.column ?? undefined, code: i.code, message: i.message }));
        const p = { title: 'Unprocessable Content', status: 422, detail: `The file has ${errors.length + outcome.report.issuesOmitted} problem(s); nothing was imported.`, errors, report: outcome.report, ...outcome.report };
        return c.body(JSON.stringify(p), 422, { 'content-type': 'application/problem+json; charset=utf-8' });
      }
      return c.json(outcome.report, status);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });

  r.get('/imports', requireRole('coordinator'), async (c) => c.json(await listBatches(c.get('ctx'), c.get('caller')!)));

  r.get('/import-attempts', requireRole('coordinator'), async (c) => c.json(await listRejected(c.get('ctx'), c.get('caller')!)));

  const issuesCsv = async (c: Context<AppEnv>, ref: { attempt: number } | { batch: number }) => {
    const found = await importIssues(c.get('ctx'), c.get('caller')!, ref);
    if (!found) throw notFound('attempt' in ref ? 'No such refused import.' : 'No such import batch.');
    const lang = c.req.query('lang');
    const name = `fellista-${found.fileName.replace(/\.[^.]*$/, '')}.csv`;
    c.header('content-disposition', `attachment; filename="${name.replace(/[^\w.\- ]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return c.body(issueListCsv(found.issues, isLang(lang) ? lang : 'sv'), 200, { 'content-type': 'text/csv; charset=utf-8' });
  };
  r.get('/import-attempts/:id/issues', requireRole('coordinator'), async (c) => issuesCsv(c, { attempt: batchId(c) }));
  r.get('/imports/:id/issues', requireRole('coordinator'), async (c) => issuesCsv(c, { batch: batchId(c) }));

  r.get('/imports/:id', requireRole('coordinator'), async (c) => {
    const b = await batchDetails(c.get('ctx'), c.get('caller')!, batchId(c));
    if (!b) throw notFound('No such import batch.');
    return c.json(b);
  });

  r.get('/imports/:id/file', requireRole('coordinator'), async (c) => {
    const f = await originalFile(c.get('ctx'), c.get('caller')!, batchId(c));
    if (!f.ok && f.reason === 'not_found') throw notFound('No such import batch.');
    if (!f.ok) throw new HttpProblem(410, 'Gone', 'The original file is missing from DATA_DIR/originals.');
    c.header('content-type', 'application/octet-stream');
    c.header('content-disposition', `attachment; filename="${f.fileName.replace(/[^\w.\- ]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    c.header('content-length', String(f.sizeBytes));
    return stream(c, async (s) => {
      for await (const chunk of fs.createReadStream(f.path)) await s.write(chunk as Buffer);
    });
  });

  r.delete('/imports/:id', requireRole('coordinator'), async (c) => {
    // The batch must be visible before the body is read (404 before 400), as before.
    if (!(await batchDetails(c.get('ctx'), c.get('caller')!, batchId(c)))) throw notFound('No such import batch.');
    let reason = '';
    if ((c.req.header('content-type') ?? '').includes('json')) reason = (await jsonBody(c, z.object({ reason: z.string().trim().max(1000).default('') }))).reason;
    if (!reason) throw new HttpProblem(400, 'Bad Request', 'Give a reason for the retraction ({"reason": "…"}); it is kept in the audit log.', { errors: [{ column: 'reason', code: 'missing_value', message: 'A reason is required.' }] });
    const res = await retractBatch(c.get('ctx'), c.get('caller')!, batchId(c), reason);
    if (!res.ok) throw new HttpProblem(RETRACT_PROBLEM[res.reason][0], RETRACT_PROBLEM[res.reason][1], res.message);
    return c.body(null, 204);
  });

  return r;
}
