import { Hono } from 'hono';
import { z } from 'zod';
import { exportReport, REPORT_FILE_FORMATS, type ReportResult } from '../../usecases/report.ts';
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

const REPORT_PROBLEM: Record<Extract<ReportResult, { ok: false }>['reason'], [400 | 404 | 422, string]> = {
  invalid_input: [400, 'Bad Request'], not_found: [404, 'Not Found'], no_data: [422, 'Unprocessable Content'],
};

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
    const res = await exportReport(c.get('ctx'), c.get('caller')!, {
      from: q.from, to: q.to, periodId: q.period, areas: q.areas, substances: q.substances, lang: q.lang,
    }, format);
    if (!res.ok) throw new HttpProblem(...REPORT_PROBLEM[res.reason], res.message);
    return c.body(new Uint8Array(res.report.bytes), 200, {
      'content-type': res.report.contentType,
      'content-disposition': `${q.preview === '1' ? 'inline' : 'attachment'}; filename="${res.report.fileName}"`,
      'content-length': String(res.report.bytes.length),
    });
  });

  return r;
}
