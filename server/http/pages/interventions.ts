import type { Hono } from 'hono';
import { InterventionPage, type InterventionRow } from '../../../web/pages/intervention.tsx';
import { chartQuery } from '../../../web/pages/dashboard-parts.tsx';
import { interventionFor } from '../../usecases/interventions.ts';
import { listEvents } from '../../usecases/periods.ts';
import { scopedAreas } from '../../usecases/scope.ts';
import { allSeries } from '../../usecases/series.ts';
import { substanceCatalog } from '../../usecases/dashboard.ts';
import { requireRole } from '../middleware/auth.ts';
import { notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';

/** /events/:id — the event's evaluation per substance (the same use case as /api/v1/stats/intervention). */
export function interventionPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/events/:id', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const lang = requestLang(c);
    const id = Number(c.req.param('id'));
    const event = (await listEvents(ctx, caller)).find((e) => e.id === id);
    if (!event) throw notFound('No such event.');
    const areas = await scopedAreas(ctx, caller);
    const name = (code: string) => areas.find((a) => a.code === code)?.name ?? code;
    const asked = c.req.query('area');
    const treatedCode = asked && areas.some((a) => a.code === asked) ? asked : event.areas.length === 1 ? event.areas[0] : null;
    const controlCode = event.controlArea && event.controlArea !== treatedCode ? event.controlArea : null;
    const rows: InterventionRow[] = [];
    if (treatedCode) {
      const metric = 'normalized_load' as const;
      const { series } = await allSeries(ctx, caller, { metric, censored: 'half_loq' }, { area: treatedCode });
      // Parent cocaine is not a use indicator (benzoylecgonine is); substances in catalogue order.
      for (const s of (await substanceCatalog(ctx, lang)).filter((s) => s.key !== 'cocaine')) {
        if (!series.some((x) => x.substance === s.key && x.points.some((p) => p.value != null))) continue;
        const res = await interventionFor(ctx, caller, { event: id, area: treatedCode, control: controlCode ?? 'none', substance: s.key, metric, censored: 'half_loq' });
        if (!res.ok) continue;
        const chartAreas = controlCode ? `${treatedCode},${controlCode}` : treatedCode;
        rows.push({ substance: s.key, substanceName: s.name, result: res.result, chartUrl: `/api/v1/charts/timeseries?${chartQuery({ area: chartAreas, substance: s.key, metric, lang })}` });
      }
    }
    return renderPage(c, InterventionPage, {
      event: { id: event.id, title: event.title, from: event.from, to: event.to, description: event.description },
      treated: treatedCode ? { code: treatedCode, name: name(treatedCode) } : null,
      control: controlCode ? { code: controlCode, name: name(controlCode) } : null,
      choices: (event.areas.length ? event.areas : areas.map((a) => a.code)).map((code) => ({ code, name: name(code) })),
      rows,
    });
  });
  return r;
}
