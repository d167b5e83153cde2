import { Hono } from 'hono';
import { getMethodSettings, saveMethodSettings } from '../../usecases/method-settings.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { unprocessable } from './interventions.ts';

/** GET / PUT /api/v1/settings/methods: the sampling and lab facts the reports' methods section prints (issue 12). */
export function methodSettingsRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/settings/methods', requireRole('coordinator'), async (c) => c.json(await getMethodSettings(c.get('ctx'), c.get('caller')!)));
  r.put('/settings/methods', requireRole('coordinator'), async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HttpProblem(400, 'Bad Request', 'The request body must be JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unprocessable('The body must be a JSON object.', [{ column: '', code: 'invalid', message: 'Expected an object of fields.' }]);
    const res = await saveMethodSettings(c.get('ctx'), c.get('caller')!, body as Record<string, unknown>);
    if (!res.ok) throw unprocessable('Some fields are invalid.', res.errors);
    return c.json(res.settings);
  });
  return r;
}
