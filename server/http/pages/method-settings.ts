import type { Hono } from 'hono';
import { MethodSettingsPage } from '../../../web/pages/method-settings.tsx';
import { getMethodSettings, saveMethodSettings } from '../../usecases/method-settings.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

const FIELDS = ['samplingMode', 'compositeHours', 'cooling', 'storage', 'labName', 'labMethod', 'accreditation', 'interlaboratory', 'populationUnit', 'populationSource', 'notes'];

/** /settings/methods: the reports' sampling and lab facts, a form that works without script (issue 12). */
export function methodSettingsPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/settings/methods', requireRole('coordinator'), async (c) => renderPage(c, MethodSettingsPage, {
    settings: await getMethodSettings(c.get('ctx'), c.get('caller')!), saved: c.req.query('saved') === '1', errors: [],
  }));
  r.post('/settings/methods', requireRole('coordinator'), async (c) => {
    const form = await c.req.parseBody();
    const input: Record<string, unknown> = {};
    for (const k of FIELDS) {
      const v = form[k];
      if (typeof v !== 'string') continue;
      if (k === 'compositeHours') {
        const t = v.trim().replace(',', '.');
        input[k] = t === '' ? null : Number(t);
      } else input[k] = v;
    }
    const res = await saveMethodSettings(c.get('ctx'), c.get('caller')!, input);
    if (res.ok) return c.redirect('/settings/methods?saved=1', 303);
    return renderPage(c, MethodSettingsPage, { settings: { ...(await getMethodSettings(c.get('ctx'), c.get('caller')!)) }, saved: false, errors: res.errors }, 400);
  });
  return r;
}
