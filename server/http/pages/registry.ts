import type { Hono } from 'hono';
import { AreasPage } from '../../../web/pages/areas.tsx';
import { SubstancesPage, type SubstanceRow } from '../../../web/pages/substances.tsx';
import { scopedAreas, withheldCount } from '../../usecases/scope.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** Areas and substances: everyone reads; the pages offer coordinators edit forms. */
export function registryPages(): Hono<AppEnv> {
  const r = pageRoutes();

  r.get('/areas', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const areas = await scopedAreas(ctx, caller);
    return renderPage(c, AreasPage, { areas, withheld: await withheldCount(ctx, caller), minPopulation: ctx.config.minPublicPopulation });
  });

  r.get('/substances', requireRole('viewer'), async (c) => {
    const db = c.get('ctx').db;
    const subs = await db.selectFrom('substances').selectAll().orderBy('sort_order').execute();
    const aliases = await db.selectFrom('substance_aliases').select(['substance_key', 'alias']).orderBy('alias').execute();
    const substances = subs.map((s): SubstanceRow => ({
      key: s.key, nameSv: s.name_sv, nameEn: s.name_en, drug: s.drug, correctionFactor: s.correction_factor, doseMg: s.dose_mg,
      sourceNote: s.source_note, aliases: aliases.filter((a) => a.substance_key === s.key).map((a) => a.alias),
    }));
    return renderPage(c, SubstancesPage, { substances });
  });

  return r;
}
