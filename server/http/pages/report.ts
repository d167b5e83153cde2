import type { Hono } from 'hono';
import { ReportPage } from '../../../web/pages/report.tsx';
import { scopedAreas } from '../../usecases/scope.ts';
import { listPeriods } from '../api/periods.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';

/** The report page: choose period, areas, substances, language and format; the form asks the reports API. */
export function reportPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/report', requireRole('coordinator'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const areas = await scopedAreas(ctx, caller);
    const measured = areas.length
      ? new Set((await ctx.db.selectFrom('measurements').select('substance_key').distinct().where('active', '=', 1).where('area_id', 'in', areas.map((a) => a.id)).execute()).map((m) => m.substance_key))
      : new Set<string>();
    const catalog = await ctx.db.selectFrom('substances').select(['key', 'name_sv', 'name_en']).orderBy('sort_order').orderBy('key').execute();
    const lang = requestLang(c);
    return renderPage(c, ReportPage, {
      periods: await listPeriods(ctx, caller),
      areas: areas.map((a) => ({ code: a.code, name: a.name, population: a.population, small: a.small })),
      substances: catalog.filter((s) => measured.has(s.key)).map((s) => ({ key: s.key, name: lang === 'en' ? s.name_en : s.name_sv })),
      minPublicPopulation: ctx.config.minPublicPopulation,
    });
  });
  return r;
}
