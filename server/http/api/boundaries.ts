import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { BoundaryIssue } from '../../domain/boundaries.ts';
import type { Lang } from '../../domain/types.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { listBoundaries, overviewMap, uploadBoundaries } from '../../usecases/boundaries.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { csvList, isoDate, queryParams } from '../validate.ts';
import { MULTIPART_SLACK_BYTES } from './import-upload.ts';
import { rangeOrThrow } from './range.ts';

const mapQuery = z.object({
  area: csvList.optional(),
  substance: z.string().max(64).optional(),
  from: isoDate.optional(), to: isoDate.optional(), period: z.coerce.number().int().optional(),
  baselineFrom: isoDate.optional(), baselineTo: isoDate.optional(), baselinePeriod: z.coerce.number().int().optional(),
  campaign: z.coerce.number().int().optional(), baselineCampaign: z.coerce.number().int().optional(),
  lang: z.enum(['sv', 'en']).optional(),
});

const uploadQuery = z.object({ fileName: z.string().max(255).optional(), codeProperty: z.string().max(100).optional(), lang: z.enum(['sv', 'en']).optional() });

/** The request's language: ?lang=, else the page's cookie, else English (an API client's default). */
const langOf = (c: Context<AppEnv>, asked?: Lang): Lang => asked ?? (c.req.header('cookie')?.match(/(?:^|;\s*)lang=(en|sv)/)?.[1] as Lang | undefined) ?? 'en';

/** One issue as the problem's error: the shape (1-based, as `row`) and the property or path (`column`). */
export function issueError(issue: BoundaryIssue, lang: Lang) {
  const message = t(lang, `boundaries.issue.${issue.code}` as MessageKey, { feature: issue.feature ?? '', where: issue.where ?? '', value: issue.value ?? '' });
  const column = issue.feature ? `features[${issue.feature - 1}]${issue.where ? `.${issue.where === 'geometry' ? 'geometry' : `properties.${issue.where}`}` : ''}` : issue.where;
  return { row: issue.feature, column, code: issue.code, message };
}

/** GET/POST /api/v1/boundaries (the areas' shapes) and GET /api/v1/map (the overview map's Vega-Lite spec). */
export function boundaryRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/boundaries', requireRole('viewer'), async (c) => c.json(await listBoundaries(c.get('ctx'), c.get('caller')!)));

  // An upload (exempt from the 1 MB limit of other bodies in app.ts): refused above MAX_UPLOAD_MB
  // by the declared length, or while reading a body without one.
  const tooLarge = (limit: number) => new HttpProblem(413, 'Payload Too Large', `The file is larger than the upload limit of ${Math.round(limit / 1024 / 1024)} MB (MAX_UPLOAD_MB).`);
  const uploadLimit: MiddlewareHandler<AppEnv> = (c, next) => {
    const limit = c.get('ctx').config.maxUploadBytes;
    return bodyLimit({ maxSize: limit + MULTIPART_SLACK_BYTES, onError: () => { throw tooLarge(limit); } })(c, next);
  };

  r.post('/boundaries', requireRole('coordinator'), uploadLimit, async (c) => {
    const ctx = c.get('ctx');
    const q = queryParams(c, uploadQuery);
    const lang = langOf(c, q.lang);
    const limit = ctx.config.maxUploadBytes;
    let fileName = q.fileName ?? 'boundaries.geojson';
    let codeProperty = q.codeProperty;
    let text: string;
    if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      if (!(body.file instanceof File)) throw new HttpProblem(422, 'Unprocessable Content', 'Send the file in a multipart field named "file".', { errors: [{ column: 'file', code: 'missing_value', message: 'No file field.' }] });
      fileName = body.file.name || fileName;
      if (typeof body.codeProperty === 'string' && body.codeProperty.trim()) codeProperty = body.codeProperty.trim();
      text = await body.file.text();
    } else {
      text = await c.req.text();
    }
    if (text.length > limit) throw tooLarge(limit);
    const res = await uploadBoundaries(ctx, c.get('caller')!, { fileName: fileName.replace(/[\\/]/g, '_').slice(0, 255), text, codeProperty });
    if (!res.ok) {
      const errors = res.issues.map((i) => issueError(i, lang));
      throw new HttpProblem(422, 'Unprocessable Content', `${t(lang, 'boundaries.failed')} ${errors[0].message}`, { errors });
    }
    return c.json(res, 200);
  });

  r.get('/map', requireRole('viewer'), async (c) => {
    const q = queryParams(c, mapQuery);
    const baseline = await rangeOrThrow(c, q.baselineFrom, q.baselineTo, q.baselinePeriod, 'baseline', 'baseline', q.baselineCampaign);
    const current = await rangeOrThrow(c, q.from, q.to, q.period, 'comparison', 'latest', q.campaign);
    const res = await overviewMap(c.get('ctx'), c.get('caller')!, { lang: langOf(c, q.lang), baseline, current, substance: q.substance, areas: q.area });
    if (!res.ok) throw notFound(res.reason === 'no_boundaries' ? 'No area boundaries have been uploaded.' : 'No measurements to draw.');
    return c.json(res.spec);
  });
  return r;
}
