import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { IMPORT_KINDS } from '../../import/columns.ts';
import { saveUpload, TooLargeError } from '../../import/files.ts';
import { runImport } from '../../import/importer.ts';
import { retractBatch } from '../../import/retract.ts';
import { listBatches } from '../../import/batches.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { jsonBody, queryParams } from '../validate.ts';

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
        fileName = cleanFileName(q.fileName ?? decodeURIComponent(c.req.header('x-file-name') ?? ''));
        tmp = await saveUpload(ctx.config.dataDir, raw, limit);
      }
    } catch (e) {
      if (e instanceof TooLargeError) throw tooLarge(limit);
      throw e;
    }
    try {
      const outcome = await runImport(ctx, {
        filePath: tmp, fileName, kind: q.kind as never, dryRun: q.dryRun, onConflict: q.onConflict,
        organisationId: caller.organisationId, organisationIds: caller.organisationIds, actor: { userId: caller.userId, email: caller.email },
      });
      if (outcome.status === 409) {
        const p = { type: 'about:blank', title: 'Conflict', status: 409, detail: outcome.report.issues[0]?.message, existingBatchId: outcome.existingBatchId, report: outcome.report };
        return c.body(JSON.stringify(p), 409, { 'content-type': 'application/problem+json; charset=utf-8' });
      }
      if (outcome.status === 422) {
        const errors = outcome.report.issues.filter((i) => i.severity === 'error').map((i) => ({ row: i.row ?? undefined, column: i.column ?? undefined, code: i.code, message: i.message }));
        const p = { title: 'Unprocessable Content', status: 422, detail: `The file has ${errors.length + outcome.report.issuesOmitted} problem(s); nothing was imported.`, errors, report: outcome.report, ...outcome.report };
        return c.body(JSON.stringify(p), 422, { 'content-type': 'application/problem+json; charset=utf-8' });
      }
      return c.json(outcome.report, outcome.status);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });

  r.get('/imports', requireRole('coordinator'), async (c) => c.json(await listBatches(c.get('ctx'), c.get('caller')!)));

  const findBatch = async (c: Context<AppEnv>) => {
    const caller = c.get('caller')!;
    const id = Number(c.req.param('id'));
    const b = await c.get('ctx').db.selectFrom('import_batches').selectAll()
      .where('id', '=', Number.isInteger(id) ? id : -1).where('organisation_id', 'in', caller.organisationIds).executeTakeFirst();
    if (!b) throw notFound('No such import batch.');
    return b;
  };

  r.get('/imports/:id', requireRole('coordinator'), async (c) => {
    const b = await findBatch(c);
    return c.json({ ...JSON.parse(b.report_json), id: b.id, status: b.status, importedBy: b.actor, importedAt: b.created_at, retractedAt: b.retracted_at, retractedBy: b.retracted_by, retractReason: b.retract_reason });
  });

  r.get('/imports/:id/file', requireRole('coordinator'), async (c) => {
    const b = await findBatch(c);
    const file = path.join(c.get('ctx').config.dataDir, b.file_path);
    if (!b.file_path || !fs.existsSync(file)) throw new HttpProblem(410, 'Gone', 'The original file is missing from DATA_DIR/originals.');
    c.header('content-type', 'application/octet-stream');
    c.header('content-disposition', `attachment; filename="${b.file_name.replace(/[^\w.\- ]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(b.file_name)}`);
    c.header('content-length', String(b.size_bytes));
    return stream(c, async (s) => {
      for await (const chunk of fs.createReadStream(file)) await s.write(chunk as Buffer);
    });
  });

  r.delete('/imports/:id', requireRole('coordinator'), async (c) => {
    const b = await findBatch(c);
    let reason = '';
    if ((c.req.header('content-type') ?? '').includes('json')) reason = (await jsonBody(c, z.object({ reason: z.string().trim().max(1000).default('') }))).reason;
    if (!reason) throw new HttpProblem(400, 'Bad Request', 'Give a reason for the retraction ({"reason": "…"}); it is kept in the audit log.', { errors: [{ column: 'reason', code: 'missing_value', message: 'A reason is required.' }] });
    const res = await retractBatch(c.get('ctx'), c.get('caller')!, b.id, reason);
    if (!res.ok) throw new HttpProblem(res.status, res.status === 409 ? 'Conflict' : res.status === 404 ? 'Not Found' : 'Unprocessable Content', res.message);
    return c.body(null, 204);
  });

  return r;
}
