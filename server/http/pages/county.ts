import type { Hono } from 'hono';
import { CountyPage, type CountyRoundRow } from '../../../web/pages/county.tsx';
import { roundsSpec } from '../../charts/rounds.ts';
import { metricInfo } from '../../usecases/charts.ts';
import { parseMetric, substanceCatalog } from '../../usecases/dashboard.ts';
import { countyChoices, roundsOf } from '../../usecases/rounds.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';

/** /county?county&substance&metric — the county's municipalities round by round (issue 13). */
export function countyPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/county', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const lang = requestLang(c);
    let metric = parseMetric(c.req.query('metric'));
    const choices = await countyChoices(ctx, caller);
    const choice = choices.find((x) => x.county === c.req.query('county')) ?? choices[0];
    const catalog = await substanceCatalog(ctx, lang);
    const substances = choice ? catalog.filter((s) => choice.substances.has(s.key)).map((s) => ({ key: s.key, name: s.name })) : [];
    const substance = substances.find((s) => s.key === c.req.query('substance')) ?? substances[0] ?? null;
    const rounds = (m: typeof metric) => roundsOf(ctx, caller, { county: choice!.county, substance: substance!.key, metric: m, censored: 'half_loq' });
    let res = choice && substance ? await rounds(metric) : null;
    // Without daily flows there are no loads: unless a metric was asked for, show the concentrations.
    if (res?.ok && !res.rounds.length && !c.req.query('metric') && metric !== 'concentration') res = await rounds((metric = 'concentration'));
    const info = metricInfo(metric, lang);
    const base = { counties: choices.map((x) => x.county), county: choice?.county ?? null, substances, substance, metric, unit: info.unit, areas: [], rounds: [], spec: null };
    if (!res?.ok || !res.rounds.length) return renderPage(c, CountyPage, base);
    const rows: CountyRoundRow[] = res.rounds.map((x) => ({
      round: x.round, countyValue: x.county.value, coverage: x.county.coverage,
      cells: res.areas.map((a) => x.areas.find((y) => y.area === a.code) ?? null),
    }));
    const spec = roundsSpec({ lang, substanceName: substance.name, countyName: choice.county, metric: info, areas: res.areas, rounds: res.rounds, width: 'container' });
    return renderPage(c, CountyPage, { ...base, areas: res.areas, rounds: rows, spec });
  });
  return r;
}
