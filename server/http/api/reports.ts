import { Hono } from 'hono';
import { z } from 'zod';
import { exportBaselineReport, REPORT_FILE_FORMATS, ReportInputError } from '../../report/index.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { isoDate } from '../validate.ts';

/** `areas=A,B` or `areas=A&areas=B` (what a form with checkboxes sends). */
const list = z.array(z.string().max(64)).max(1000).optional()
  .transform((xs) => (xs ? [...new Set(xs.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean))] : undefined))
  .transform((xs) => (xs && xs.length ? xs : undefined));

const query = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  period: z.coerce.number().int().positive().optional(),
  areas: list,
  substances: list,
  lang: z.enum(['sv', 'en']).default('sv'),
  format: z.enum(REPORT_FILE_FORMATS).default('pdf'),
  /** The page's "Förhandsgranska": the HTML report shown in the browser instead of downloaded. */
  preview: z.enum(['0', '1']).optional(),
});

export function reportRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/reports/baseline', requireRole('coordinator'), async (c) => {
    // A form sends empty fields (from=&to= when a saved period is chosen): empty means not given.
    const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const raw: Record<string, unknown> = { ...given, areas: c.req.queries('areas'), substances: c.req.queries('substances') };
    const parsed = query.safeParse(raw);
    if (!parsed.success) {
      throw new HttpProblem(400, 'Bad Request', 'Some query parameters are invalid.', {
        errors: parsed.error.issues.map((i) => ({ column: i.path.join('.') || undefined, code: 'invalid', message: i.message })),
      });
    }
    const q = parsed.data;
    const format = q.preview === '1' ? 'html' : q.format;
    try {
      const out = await exportBaselineReport(c.get('ctx'), c.get('caller')!, {
        from: q.from, to: q.to, periodId: q.period, areas: q.areas, substances: q.substances, lang: q.lang,
      }, format);
      return c.body(new Uint8Array(out.bytes), 200, {
        'content-type': out.contentType,
        'content-disposition': `${q.preview === '1' ? 'inline' : 'attachment'}; filename="${out.fileName}"`,
        'content-length': String(out.bytes.length),
      });
    } catch (err) {
      if (err instanceof ReportInputError) {
        const title = { 400: 'Bad Request', 404: 'Not Found', 422: 'Unprocessable Content' }[err.status];
        throw new HttpProblem(err.status, title, err.message);
      }
      throw err;
    }
  });

  return r;
}
