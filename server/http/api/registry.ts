import { Hono } from 'hono';
import { z } from 'zod';
import { listAreas, saveArea } from '../../usecases/areas.ts';
import { listSubstances, resetSubstanceOverride, substanceExists, updateCatalogSubstance } from '../../usecases/substances.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { isoDate, jsonBody } from '../validate.ts';

const areaBody = z.object({
  name: z.string().trim().min(1).max(200),
  parent: z.string().trim().max(64).nullable().optional(),
  population: z.number().int().positive().nullable().optional(),
  populationKind: z.enum(['persons', 'pe']).optional(),
  populationFrom: isoDate.nullable().optional(),
  municipality: z.string().trim().max(200).nullable().optional(),
  county: z.string().trim().max(200).nullable().optional(),
  aliases: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
});

const substanceBody = z.object({
  nameSv: z.string().trim().min(1).max(200).optional(),
  nameEn: z.string().trim().min(1).max(200).optional(),
  correctionFactor: z.number().positive().nullable().optional(),
  doseMg: z.number().positive().nullable().optional(),
  sourceNote: z.string().max(2000).optional(),
  aliases: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
});

export function registryRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/areas', requireRole('viewer'), async (c) => c.json(await listAreas(c.get('ctx'), c.get('caller')!)));

  r.put('/areas/:code', requireRole('coordinator'), async (c) => {
    const code = c.req.param('code').trim();
    if (!code || code.length > 64) throw new HttpProblem(400, 'Bad Request', 'The area code must be 1–64 characters.');
    const body = await jsonBody(c, areaBody);
    const res = await saveArea(c.get('ctx'), c.get('caller')!, code, body);
    if (!res.ok && res.reason === 'unknown_parent') throw new HttpProblem(400, 'Bad Request', `Unknown parent area "${body.parent}".`, { errors: [{ column: 'parent', code: 'unknown_area', message: `Unknown parent area "${body.parent}".` }] });
    if (!res.ok && res.reason === 'code_taken') {
      const message = res.owner ? `Area code "${code}" belongs to ${res.owner}; codes are unique across the county and its municipalities.`
        : `Area code "${code}" is already in use in your county's organisations; choose another code.`;
      throw new HttpProblem(409, 'Conflict', message, { errors: [{ column: 'code', code: 'code_taken', message }] });
    }
    if (!res.ok) throw new HttpProblem(400, 'Bad Request', 'An area cannot be its own parent.');
    return c.json(res.area, res.created ? 201 : 200);
  });

  r.get('/substances', requireRole('viewer'), async (c) => c.json(await listSubstances(c.get('ctx'), c.get('caller')!)));

  // The instance admin edits the shared default; any other coordinator their organisation's override.
  r.put('/substances/:key', requireRole('coordinator'), async (c) => {
    const key = c.req.param('key');
    const missing = () => notFound(`No substance "${key}". Substances are the catalog's; ask an administrator to add one.`);
    if (!(await substanceExists(c.get('ctx'), key))) throw missing();
    const body = await jsonBody(c, substanceBody);
    const res = await updateCatalogSubstance(c.get('ctx'), c.get('caller')!, key, body);
    if (!res.ok && res.reason === 'alias_taken') {
      throw new HttpProblem(409, 'Conflict', `Alias "${res.taken[0].alias}" already belongs to ${res.taken[0].substance}.`, { errors: res.taken.map((t) => ({ column: 'aliases', code: 'conflict', message: `"${t.alias}" belongs to ${t.substance}.` })) });
    }
    if (!res.ok && res.reason === 'names_shared') {
      const message = 'Names are shared by every organisation; only the instance administrator changes them. Your organisation may set its own correction factor, dose, source note and aliases.';
      throw new HttpProblem(403, 'Forbidden', message, { errors: [{ column: 'nameSv', code: 'forbidden', message }] });
    }
    if (!res.ok) throw missing();
    return c.json({ key, updatedAt: res.updatedAt, scope: res.scope });
  });

  r.delete('/substances/:key/override', requireRole('coordinator'), async (c) => {
    const key = c.req.param('key');
    const res = await resetSubstanceOverride(c.get('ctx'), c.get('caller')!, key);
    if (!res.ok) throw notFound(`Your organisation has no values of its own for "${key}".`);
    return c.body(null, 204);
  });

  return r;
}
