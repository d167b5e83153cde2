import { Hono } from 'hono';
import { z } from 'zod';
import { CENSORED_MODES } from '../../domain/loads.ts';
import { listMeasurements, type MeasurementOut } from '../../usecases/measurements.ts';
import { oneSeries } from '../../usecases/series.ts';
import { flaggedDumpingDates } from '../../domain/dumping.ts';
import type { AppContext } from '../../context.ts';
import type { Caller } from '../types.ts';
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

/**
 * For cocaine rows: the day's cocaine/benzoylecgonine ratio and whether it is far above the
 * area's usual ratio (parent drug disposed of rather than consumed; DOMAIN.md).
 */
async function dumpingFlags(ctx: AppContext, caller: Caller, rows: MeasurementOut[]): Promise<Map<string, { cocaineBeRatio: number; dumpingSuspected: boolean }>> {
  const out = new Map<string, { cocaineBeRatio: number; dumpingSuspected: boolean }>();
  const areas = [...new Set(rows.filter((r) => r.substance === 'cocaine').map((r) => r.area))];
  for (const area of areas) {
    const q = { metric: 'concentration' as const, censored: 'half_loq' as const };
    const [coc, be] = await Promise.all([oneSeries(ctx, caller, area, 'cocaine', q), oneSeries(ctx, caller, area, 'benzoylecgonine', q)]);
    if (!coc || !be || coc.source !== 'own' || be.source !== 'own') continue;
    for (const d of flaggedDumpingDates(coc.points, be.points)) out.set(`${area}|${d.date}`, { cocaineBeRatio: d.ratio, dumpingSuspected: d.flagged });
  }
  return out;
}

export function measurementRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/measurements', requireRole('viewer'), async (c) => {
    const q = queryParams(c, query);
    const ctx = c.get('ctx');
    const { rows, areas } = await listMeasurements(ctx, c.get('caller')!, {
      areas: q.area ? [q.area] : undefined, substances: q.substance ? [q.substance] : undefined, from: q.from, to: q.to,
      censored: q.censored as never, limit: q.limit + 1, afterId: q.cursor ? Number(q.cursor) : undefined,
    });
    if (q.area && !areas.some((a) => a.code === q.area)) throw notFound(`No area "${q.area}".`);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const nextCursor = more ? String(page[page.length - 1].id) : null;
    if (nextCursor) {
      const u = new URL(c.req.url);
      u.searchParams.set('cursor', nextCursor);
      c.header('link', `<${u.pathname}${u.search}>; rel="next"`);
    }
    const flags = await dumpingFlags(ctx, c.get('caller')!, page);
    const data = page.map(({ id: _id, ...m }) => (m.substance === 'cocaine' ? { ...m, ...(flags.get(`${m.area}|${m.date}`) ?? { cocaineBeRatio: null, dumpingSuspected: false }) } : m));
    if (q.format === 'csv') {
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', 'attachment; filename="measurements.csv"');
      return c.body(toCsv(COLUMNS as string[], data.map((m) => COLUMNS.map((k) => m[k] as string | number | boolean | null))));
    }
    return c.json({ data, nextCursor });
  });
  return r;
}
