import type { Hono } from 'hono';
import { HomePage } from '../../../web/pages/home.tsx';
import { scopedAreas } from '../../scope.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** The landing page (the dashboard comes here later). */
export function homePages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const areas = await scopedAreas(ctx, c.get('caller')!);
    const summary = { count: 0, areas: 0, substances: 0, from: null as string | null, to: null as string | null };
    if (areas.length) {
      const row = await ctx.db.selectFrom('measurements')
        .select((eb) => [
          eb.fn.countAll<number>().as('count'), eb.fn.min('date').as('from'), eb.fn.max('date').as('to'),
          eb.fn.count<number>('area_id').distinct().as('areas'), eb.fn.count<number>('substance_key').distinct().as('substances'),
        ])
        .where('active', '=', 1).where('area_id', 'in', areas.map((a) => a.id)).executeTakeFirstOrThrow();
      Object.assign(summary, { count: Number(row.count), areas: Number(row.areas), substances: Number(row.substances), from: row.from, to: row.to });
    }
    return renderPage(c, HomePage, { summary });
  });
  return r;
}
