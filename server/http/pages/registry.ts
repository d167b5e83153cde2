import type { Hono } from 'hono';
import { AreasPage } from '../../../web/pages/areas.tsx';
import { SubstancesPage, type SubstanceRow } from '../../../web/pages/substances.tsx';
import { isInstanceAdmin, scopedAreas, withheldCount } from '../../usecases/scope.ts';
import { listSubstances } from '../../usecases/substances.ts';
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
    const substances = (await listSubstances(c.get('ctx'), c.get('caller')!)).map((s): SubstanceRow => ({
      key: s.key, nameSv: s.nameSv, nameEn: s.nameEn, drug: s.drug, correctionFactor: s.correctionFactor, doseMg: s.doseMg,
      sourceNote: s.sourceNote, aliases: [...s.aliases].sort(), override: s.override, defaultCorrectionFactor: s.default.correctionFactor,
    }));
    return renderPage(c, SubstancesPage, { substances, sharedEditor: await isInstanceAdmin(c.get('ctx'), c.get('caller')!) });
  });

  return r;
}
