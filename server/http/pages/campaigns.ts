import type { Hono } from 'hono';
import { CampaignsPage, type AdvisorRow } from '../../../web/pages/campaigns.tsx';
import { advise } from '../../usecases/advisor.ts';
import { listCampaigns } from '../../usecases/campaigns.ts';
import { substanceCatalog } from '../../usecases/dashboard.ts';
import { scopedAreas } from '../../usecases/scope.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';

/** The advisor table stays readable (and quick) with this many areas; the API answers for any. */
const ADVISOR_MAX_AREAS = 8;

/** /campaigns — timeline, list with delivery and orders, planning form and the sampling advisor. */
export function campaignPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/campaigns', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const lang = requestLang(c);
    const campaigns = await listCampaigns(ctx, caller);
    const areas = await scopedAreas(ctx, caller);
    const catalog = await substanceCatalog(ctx, lang);
    const measured = new Set(campaigns.filter((x) => x.status === 'detected' || x.delivery.delivered > 0).flatMap((x) => x.substances));
    const days = Math.min(28, Math.max(1, Number(c.req.query('days')) || 7));
    const advisor: AdvisorRow[] = [];
    for (const a of areas.slice(0, ADVISOR_MAX_AREAS)) {
      for (const s of catalog.filter((x) => measured.has(x.key))) {
        const res = await advise(ctx, caller, { area: a.code, substance: s.key, power: 0.8, alpha: 0.05, days, campaigns: 5, spacingYears: 0.5, metric: 'normalized_load' });
        if (res.ok) advisor.push({ area: a.code, areaName: a.name, substance: s.key, substanceName: s.name, ...res.advice });
      }
    }
    return renderPage(c, CampaignsPage, {
      campaigns, areas: areas.map((a) => ({ code: a.code, name: a.name })), substances: catalog.map((s) => ({ key: s.key, name: s.name })),
      advisor, advisorDays: days, advisorCapped: areas.length > ADVISOR_MAX_AREAS,
    });
  });
  return r;
}
