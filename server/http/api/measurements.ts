import { Hono } from 'hono';
import { z } from 'zod';
import { CENSORED_MODES } from '../../domain/loads.ts';
import { measurementPage } from '../../usecases/measurements-page.ts';
import type { MeasurementOut } from '../../usecases/measurements.ts';
import { toCsv } from '../../report/csv.ts';
import { requireRole } from '../middleware/auth.ts';
import { notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { isoDate, queryParams } from '../validate.ts';

const query = z.object({
  area: z.string().optional(),
  substance: z.string().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  censored: z.enum(CENSORED_MODES as [string, ...string[]]).default('half_loq'),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  cursor: z.string().regex(/^\d+$/).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

const COLUMNS: (keyof MeasurementOut)[] = ['area', 'substance', 'date', 'sampleStart', 'sampleEnd', 'concentrationNgL', 'censored', 'loqNgL', 'flowM3PerDay', 'population', 'loadMgPerDay', 'normalizedLoad', 'consumption', 'doses', 'batchId'];

export function measurementRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/measurements', requireRole('viewer'), async (c) => {
    const q = queryParams(c, query);
    const res = await measurementPage(c.get('ctx'), c.get('caller')!, {
      areas: q.area ? [q.area] : undefined, substances: q.substance ? [q.substance] : undefined, from: q.from, to: q.to,
      censored: q.censored as never, limit: q.limit, afterId: q.cursor ? Number(q.cursor) : undefined,
    });
    if (!res.ok) throw notFound(`No area "${q.area}".`);
    const { data, nextCursor } = res;
    if (nextCursor) {
      const u = new URL(c.req.url);
      u.searchParams.set('cursor', nextCursor);
      c.header('link', `<${u.pathname}${u.search}>; rel="next"`);
    }
    if (q.format === 'csv') {
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', 'attachment; filename="measurements.csv"');
      return c.body(toCsv(COLUMNS as string[], data.map((m) => COLUMNS.map((k) => m[k] as string | number | boolean | null))));
    }
    return c.json({ data, nextCursor });
  });
  return r;
}
