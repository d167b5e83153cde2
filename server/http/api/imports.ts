// Import routes (API.md "Imports"): parse (import-upload.ts) → use case (usecases/imports.ts) →
// shape (import-response.ts).
import fs from 'node:fs';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { batchDetails, importFile, importIssues, listBatches, listRejected, originalFile, retractBatch } from '../../usecases/imports.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { jsonBody } from '../validate.ts';
import { issueListCsv } from '../../import/issue-list.ts';
import { isLang } from '../../i18n/lang.ts';
import { importQueryValidator, MULTIPART_SLACK_BYTES, readImportUpload, tooLarge } from './import-upload.ts';
import { attachmentHeader, importResponse, retractProblem } from './import-response.ts';

export { IMPORT_STATUS } from './import-response.ts';

const retractBody = z.object({ reason: z.string().trim().max(1000).default('') });

const batchId = (c: Context<AppEnv>) => {
  const id = Number(c.req.param('id'));
  return Number.isInteger(id) ? id : -1;
};

export function importRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/imports', requireRole('coordinator'), async (c, next) => {
    const limit = c.get('ctx').config.maxUploadBytes;
    return bodyLimit({ maxSize: limit + MULTIPART_SLACK_BYTES, onError: () => { throw tooLarge(limit); } })(c, next);
  }, importQueryValidator, async (c) => {
    const { tmp, ...input } = await readImportUpload(c, c.req.valid('query'));
    try {
      return importResponse(c, await importFile(c.get('ctx'), c.get('caller')!, { filePath: tmp, ...input }));
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
    c.header('content-disposition', attachmentHeader(`fellista-${found.fileName.replace(/\.[^.]*$/, '')}.csv`));
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
    c.header('content-disposition', attachmentHeader(f.fileName));
    c.header('content-length', String(f.sizeBytes));
    return stream(c, async (s) => {
      for await (const chunk of fs.createReadStream(f.path)) await s.write(chunk as Buffer);
    });
  });

  r.delete('/imports/:id', requireRole('coordinator'), async (c) => {
    // The batch must be visible before the body is read (404 before 400), as before.
    if (!(await batchDetails(c.get('ctx'), c.get('caller')!, batchId(c)))) throw notFound('No such import batch.');
    let reason = '';
    if ((c.req.header('content-type') ?? '').includes('json')) reason = (await jsonBody(c, retractBody)).reason;
    if (!reason) throw new HttpProblem(400, 'Bad Request', 'Give a reason for the retraction ({"reason": "…"}); it is kept in the audit log.', { errors: [{ column: 'reason', code: 'missing_value', message: 'A reason is required.' }] });
    const res = await retractBatch(c.get('ctx'), c.get('caller')!, batchId(c), reason);
    if (!res.ok) throw retractProblem(res);
    return c.body(null, 204);
  });

  return r;
}
