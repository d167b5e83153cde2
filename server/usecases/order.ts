// The order sheet of a campaign (API.md `/campaigns/:id/order`), logged in the audit like a report export.
import type { AppContext } from '../context.ts';
import { lowestLoqBySubstance } from '../db/repositories/campaigns.repository.ts';
import { findOrganisation } from '../db/repositories/organisations.repository.ts';
import { findSubstances } from '../db/repositories/substances.repository.ts';
import type { Caller, Lang } from '../domain/types.ts';
import { appVersion } from '../report/assemble.ts';
import { renderReport, type RenderedReport } from '../report/index.ts';
import { orderModel } from '../report/order.ts';
import { audit } from './audit.ts';
import { expectedDates, findCampaign } from './campaigns.ts';
import { scopedAreas } from './scope.ts';

export const ORDER_FORMATS = ['pdf', 'html', 'csv'] as const;
export type OrderFormat = (typeof ORDER_FORMATS)[number];

export async function campaignOrder(ctx: AppContext, caller: Caller, id: number, format: OrderFormat, lang: Lang): Promise<{ ok: true; report: RenderedReport } | { ok: false; reason: 'not_found' }> {
  const c = await findCampaign(ctx, caller, id);
  if (!c) return { ok: false, reason: 'not_found' };
  const areas = await scopedAreas(ctx, caller, { includeWithheld: true });
  const catalog = await findSubstances(ctx.db);
  const loqs = await lowestLoqBySubstance(ctx.db, areas.map((a) => a.id));
  const org = await findOrganisation(ctx.db, caller.organisationId);
  const model = orderModel({
    lang, generatedAt: new Date().toISOString(), appVersion: appVersion(), organisation: org?.name || ctx.config.organisationName || 'Lägesbild',
    campaign: { id: c.id, name: c.name, from: c.from, to: c.to, status: c.status, composite: c.design.composite, lab: c.lab, notes: c.notes },
    dates: expectedDates(c),
    areas: c.areas.map((code) => ({ code, name: areas.find((a) => a.code === code)?.name ?? code })),
    substances: c.substances.map((key) => {
      const s = catalog.find((x) => x.key === key);
      return { key, name: s ? (lang === 'en' ? s.name_en : s.name_sv) : key, loqWishedNgL: loqs.get(key) ?? null };
    }),
  });
  const report = await renderReport(model, format);
  await audit(ctx, caller, 'campaign_order_exported', `campaign:${id}`, { format, lang });
  return { ok: true, report };
}
