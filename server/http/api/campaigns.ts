import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { METRICS, type Metric } from '../../domain/loads.ts';
import { advise } from '../../usecases/advisor.ts';
import { COMPOSITES, createCampaign, listCampaigns, removeCampaign, updateCampaignOf, type CampaignProblem, type Composite } from '../../usecases/campaigns.ts';
import { campaignOrder, ORDER_FORMATS } from '../../usecases/order.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { isoDate, jsonBody, queryParams } from '../validate.ts';

const design = z.object({
  days: z.number().int().min(1).max(366).optional(),
  composite: z.enum(COMPOSITES as [Composite, ...Composite[]]).optional(),
  dates: z.array(isoDate).max(366).optional(),
}).strict();

const fields = {
  name: z.string().trim().max(200),
  from: isoDate,
  to: isoDate,
  areas: z.array(z.string().max(64)).max(1000),
  substances: z.array(z.string().max(64)).max(100),
  design,
  lab: z.string().max(500),
  notes: z.string().max(5000),
  status: z.enum(['planned', 'ordered', 'delivered']),
  baseline: z.boolean(),
};
const createBody = z.object({ ...fields, name: fields.name.optional(), design: design.optional(), lab: fields.lab.optional(), notes: fields.notes.optional(), status: fields.status.optional(), baseline: fields.baseline.optional() });
const updateBody = z.object(fields).partial();

const idParam = (c: Context<AppEnv>) => {
  const id = Number(c.req.param('id'));
  return Number.isInteger(id) && id > 0 ? id : -1;
};

function problem(res: CampaignProblem): never {
  if (res.reason === 'not_found') throw notFound('No such campaign.');
  throw new HttpProblem(422, 'Unprocessable Content', res.errors.map((e) => e.message).join(' '), { errors: res.errors });
}

const advisorQuery = z.object({
  area: z.string().max(64),
  substance: z.string().max(64),
  ratio: z.coerce.number().gt(1).max(100).optional(),
  power: z.coerce.number().gt(0).lt(1).default(0.8),
  alpha: z.coerce.number().gt(0).lt(1).default(0.05),
  days: z.coerce.number().int().min(1).max(366).default(7),
  campaigns: z.coerce.number().int().min(2).max(200).default(5),
  spacing: z.coerce.number().gt(0).max(10).default(0.5),
  metric: z.enum(METRICS as [Metric, ...Metric[]]).default('normalized_load'),
});

/** Campaigns (planned, ordered, delivered, detected), their order sheet, and the sampling advisor. */
export function campaignRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/campaigns', requireRole('viewer'), async (c) => {
    const q = queryParams(c, z.object({ area: z.string().max(64).optional() }));
    return c.json(await listCampaigns(c.get('ctx'), c.get('caller')!, q));
  });

  r.post('/campaigns', requireRole('coordinator'), async (c) => {
    const res = await createCampaign(c.get('ctx'), c.get('caller')!, await jsonBody(c, createBody));
    if (!res.ok) problem(res);
    return c.json(res.campaign, 201);
  });

  r.put('/campaigns/:id', requireRole('coordinator'), async (c) => {
    const res = await updateCampaignOf(c.get('ctx'), c.get('caller')!, idParam(c), await jsonBody(c, updateBody));
    if (!res.ok) problem(res);
    return c.json(res.campaign, 200);
  });

  r.delete('/campaigns/:id', requireRole('coordinator'), async (c) => {
    const res = await removeCampaign(c.get('ctx'), c.get('caller')!, idParam(c));
    if (!res.ok && res.reason === 'not_found') throw notFound('No such campaign.');
    if (!res.ok) throw new HttpProblem(409, 'Conflict', 'This campaign is already removed.');
    return c.body(null, 204);
  });

  r.get('/campaigns/:id/order', requireRole('coordinator'), async (c) => {
    const q = queryParams(c, z.object({ format: z.enum(ORDER_FORMATS).default('pdf'), lang: z.enum(['sv', 'en']).default('sv') }));
    const res = await campaignOrder(c.get('ctx'), c.get('caller')!, idParam(c), q.format, q.lang);
    if (!res.ok) throw notFound('No such campaign.');
    return c.body(new Uint8Array(res.report.bytes), 200, {
      'content-type': res.report.contentType,
      'content-disposition': `${q.format === 'html' ? 'inline' : 'attachment'}; filename="${res.report.fileName}"`,
    });
  });

  r.get('/advisor', requireRole('viewer'), async (c) => {
    const q = queryParams(c, advisorQuery);
    const res = await advise(c.get('ctx'), c.get('caller')!, { ...q, spacingYears: q.spacing });
    if (!res.ok) throw notFound(res.reason === 'unknown_area' ? `No area "${q.area}".` : `No substance "${q.substance}".`);
    return c.json(res.advice);
  });

  return r;
}
