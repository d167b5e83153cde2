// Parsing an import request (POST /api/v1/imports): its query, and the file, multipart or raw,
// stored under DATA_DIR/uploads with a clean name. The route then calls the use case.
import path from 'node:path';
import type { Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { IMPORT_KINDS, type ImportKind } from '../../import/columns.ts';
import { saveUpload, TooLargeError } from '../../import/files.ts';
import type { OnConflict } from '../../import/report.ts';
import { HttpProblem } from '../problem.ts';
import { MultipartError, multipartBoundary, saveMultipartFile } from '../multipart.ts';
import type { AppEnv } from '../types.ts';

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false', '1', '0', '']).optional().transform((v) => v === 'true' || v === '1'),
  kind: z.enum(IMPORT_KINDS as [ImportKind, ...ImportKind[]]).optional(),
  onConflict: z.enum(['reject', 'replace', 'skip']).optional(),
  fileName: z.string().max(255).optional(),
});

export type ImportQuery = z.infer<typeof importQuery>;

/** The query, validated before the body is read: a 400 problem names each bad parameter. */
export const importQueryValidator = zValidator('query', importQuery, (result) => {
  if (!result.success) {
    throw new HttpProblem(400, 'Bad Request', 'Some query parameters are invalid.', {
      errors: result.error.issues.map((i) => ({ column: i.path.join('.') || undefined, code: 'invalid', message: i.message })),
    });
  }
});

/** Room for multipart framing around a file of the upload limit. */
export const MULTIPART_SLACK_BYTES = 64 * 1024;

export function tooLarge(limit: number): HttpProblem {
  return new HttpProblem(413, 'Payload Too Large', `The file is larger than the upload limit of ${Math.round(limit / 1024 / 1024)} MB (MAX_UPLOAD_MB). Split it, or ask the administrator to raise the limit.`);
}

/** A file name safe to show and to put in a header: no paths, no control characters. */
function cleanFileName(name: string | undefined): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(0, 255) || 'upload.csv';
}

export interface ImportUpload {
  /** The stored upload (the route removes it when the import is done). */
  tmp: string;
  fileName: string;
  kind?: ImportKind;
  dryRun: boolean;
  onConflict?: OnConflict;
}

/** Stores the file of a request whose query passed `importQueryValidator`; problems (400, 413) are thrown as HttpProblem. */
export async function readImportUpload(c: Context<AppEnv>, q: ImportQuery): Promise<ImportUpload> {
  const ctx = c.get('ctx');
  const limit = ctx.config.maxUploadBytes;
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > limit + MULTIPART_SLACK_BYTES) throw tooLarge(limit);
  const type = c.req.header('content-type') ?? '';
  const options = { kind: q.kind, dryRun: q.dryRun, onConflict: q.onConflict };
  try {
    if (type.startsWith('multipart/form-data')) {
      // Streamed to the temp file as it arrives (http/multipart.ts), never whole in memory.
      const boundary = multipartBoundary(type);
      const raw = c.req.raw.body;
      if (!boundary || !raw) throw new HttpProblem(400, 'Bad Request', 'A multipart upload needs a boundary in its Content-Type and a body.');
      let saved: { tmp: string; fileName: string } | null;
      try {
        saved = await saveMultipartFile(ctx.config.dataDir, raw, boundary, 'file', limit);
      } catch (e) {
        if (e instanceof MultipartError) throw new HttpProblem(400, 'Bad Request', e.message);
        throw e;
      }
      if (!saved) throw new HttpProblem(400, 'Bad Request', 'Send the file in a multipart field named "file".', { errors: [{ column: 'file', code: 'missing_value', message: 'No file field.' }] });
      return { ...options, fileName: cleanFileName(saved.fileName), tmp: saved.tmp };
    }
    // Raw body (the upload page streams the file this way): name in ?fileName= or X-File-Name.
    const raw = c.req.raw.body;
    if (!raw) throw new HttpProblem(400, 'Bad Request', 'The request has no file.');
    let headerName = c.req.header('x-file-name') ?? '';
    try {
      headerName = decodeURIComponent(headerName);
    } catch {
      throw new HttpProblem(400, 'Bad Request', 'X-File-Name is not valid percent-encoding.', { errors: [{ column: 'X-File-Name', code: 'invalid', message: 'Malformed percent-encoding.' }] });
    }
    return { ...options, fileName: cleanFileName(q.fileName ?? headerName), tmp: await saveUpload(ctx.config.dataDir, raw, limit) };
  } catch (e) {
    if (e instanceof TooLargeError) throw tooLarge(limit);
    throw e;
  }
}
