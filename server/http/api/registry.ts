import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../../usecases/audit.ts';
import { normalizeName } from '../../domain/text.ts';
import { scopedAreas } from '../../usecases/scope.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { isoDate, jsonBody } from '../validate.ts';

const areaBody = z.object({
  name: z.string().trim().min(1).max(200),
  parent: z.string().trim().max(64).nullable().optional(),
  population: z.number().int().positive().nullable().optional(),
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

  r.get('/areas', requireRole('viewer'), async (c) => {
    const areas = await scopedAreas(c.get('ctx'), c.get('caller')!);
    return c.json(areas.map((a) => ({
      code: a.code, name: a.name, parent: a.parent, population: a.population, populationFrom: a.populationFrom,
      municipality: a.municipality, county: a.county, aliases: a.aliases, populationHistory: a.populations,
    })));
  });

  r.put('/areas/:code', requireRole('coordinator'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const code = c.req.param('code').trim();
    if (!code || code.length > 64) throw new HttpProblem(400, 'Bad Request', 'The area code must be 1–64 characters.');
    const body = await jsonBody(c, areaBody);
    const all = await scopedAreas(ctx, caller, { includeWithheld: true });
    if (body.parent && !all.some((a) => a.code === body.parent)) throw new HttpProblem(400, 'Bad Request', `Unknown parent area "${body.parent}".`, { errors: [{ column: 'parent', code: 'unknown_area', message: `Unknown parent area "${body.parent}".` }] });
    if (body.parent === code) throw new HttpProblem(400, 'Bad Request', 'An area cannot be its own parent.');
    const existing = all.find((a) => a.code === code);
    const now = new Date().toISOString();
    const result = await ctx.db.transaction().execute(async (tx) => {
      let id: number;
      if (existing) {
        id = existing.id;
        await tx.updateTable('areas').set({
          name: body.name, parent_code: body.parent === undefined ? existing.parent : body.parent,
          municipality: body.municipality === undefined ? existing.municipality : body.municipality,
          county: body.county === undefined ? existing.county : body.county, updated_at: now,
        }).where('id', '=', id).execute();
      } else {
        id = (await tx.insertInto('areas').values({
          organisation_id: caller.organisationId, code, name: body.name, parent_code: body.parent ?? null,
          municipality: body.municipality ?? null, county: body.county ?? null, created_at: now, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow()).id;
      }
      if (body.population != null && body.population !== existing?.population) {
        await tx.insertInto('area_populations').values({ area_id: id, population: body.population, valid_from: body.populationFrom ?? (existing?.population ? now.slice(0, 10) : '1900-01-01'), created_at: now }).execute();
      }
      if (body.aliases) {
        await tx.deleteFrom('area_aliases').where('area_id', '=', id).execute();
        for (const a of new Set(body.aliases)) {
          await tx.insertInto('area_aliases').values({ area_id: id, alias: a, alias_norm: normalizeName(a) }).onConflict((oc) => oc.doNothing()).execute();
        }
      }
      return id;
    });
    await audit(ctx, caller, existing ? 'area_updated' : 'area_created', `area:${code}`, { ...body, previousPopulation: existing?.population ?? null });
    ctx.dataVersion.value += 1;
    const out = (await scopedAreas(ctx, caller, { includeWithheld: true })).find((a) => a.id === result)!;
    return c.json({ code: out.code, name: out.name, parent: out.parent, population: out.population, populationFrom: out.populationFrom, municipality: out.municipality, county: out.county, aliases: out.aliases }, existing ? 200 : 201);
  });

  r.get('/substances', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const subs = await ctx.db.selectFrom('substances').selectAll().orderBy('sort_order').execute();
    const aliases = await ctx.db.selectFrom('substance_aliases').select(['substance_key', 'alias']).execute();
    return c.json(subs.map((s) => ({
      key: s.key, nameSv: s.name_sv, nameEn: s.name_en, drug: s.drug, residue: s.residue, correctionFactor: s.correction_factor,
      doseMg: s.dose_mg, sourceNote: s.source_note, updatedAt: s.updated_at, aliases: aliases.filter((a) => a.substance_key === s.key).map((a) => a.alias),
    })));
  });

  r.put('/substances/:key', requireRole('coordinator'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const key = c.req.param('key');
    const s = await ctx.db.selectFrom('substances').selectAll().where('key', '=', key).executeTakeFirst();
    if (!s) throw notFound(`No substance "${key}". Substances are the catalog's; ask an administrator to add one.`);
    const body = await jsonBody(c, substanceBody);
    if (body.aliases) {
      const taken = await ctx.db.selectFrom('substance_aliases').select(['alias', 'substance_key', 'alias_norm'])
        .where('alias_norm', 'in', body.aliases.map(normalizeName)).where('substance_key', '!=', key).execute();
      if (taken.length) {
        throw new HttpProblem(409, 'Conflict', `Alias "${taken[0].alias}" already belongs to ${taken[0].substance_key}.`, { errors: taken.map((t) => ({ column: 'aliases', code: 'conflict', message: `"${t.alias}" belongs to ${t.substance_key}.` })) });
      }
    }
    const now = new Date().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('substances').set({
        ...(body.nameSv !== undefined ? { name_sv: body.nameSv } : {}),
        ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
        ...(body.correctionFactor !== undefined ? { correction_factor: body.correctionFactor } : {}),
        ...(body.doseMg !== undefined ? { dose_mg: body.doseMg } : {}),
        ...(body.sourceNote !== undefined ? { source_note: body.sourceNote } : {}),
        updated_at: now,
      }).where('key', '=', key).execute();
      if (body.aliases) {
        await tx.deleteFrom('substance_aliases').where('substance_key', '=', key).execute();
        const seen = new Set<string>();
        for (const a of [key, ...body.aliases]) {
          const n = normalizeName(a);
          if (seen.has(n)) continue;
          seen.add(n);
          await tx.insertInto('substance_aliases').values({ substance_key: key, alias: a, alias_norm: n }).execute();
        }
      }
    });
    await audit(ctx, caller, 'substance_updated', `substance:${key}`, { before: { correctionFactor: s.correction_factor, doseMg: s.dose_mg }, after: body });
    ctx.dataVersion.value += 1;
    return c.json({ key, updatedAt: now });
  });

  return r;
}
