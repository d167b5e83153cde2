import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../auth/sessions.ts';
import { completeSetup, renameOrganisation, setupNeeds } from '../../usecases/first-run.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { jsonBody } from '../validate.ts';

const badField = (column: string, code: string, message: string) =>
  new HttpProblem(400, 'Bad Request', message, { errors: [{ column, code, message }] });

/** The first-run set-up (organisation name, one-time password) and renaming the organisation. */
export function setupRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/setup', requireRole('viewer'), async (c) => c.json(await setupNeeds(c.get('ctx'), c.get('caller')!)));

  r.post('/setup', requireRole('viewer'), async (c) => {
    const body = await jsonBody(c, z.object({
      organisationName: z.string().trim().min(1).max(200).optional(),
      kind: z.enum(['municipality', 'county']).optional(),
      newPassword: z.string().max(1024).optional(),
    }));
    const res = await completeSetup(c.get('ctx'), c.get('caller')!, { ...body, currentCookie: getCookie(c, SESSION_COOKIE) });
    if (!res.ok) {
      if (res.reason === 'name_required') throw badField('organisationName', 'required', 'Name the municipality or county.');
      if (res.reason === 'password_required') throw badField('newPassword', 'required', 'Choose a new password.');
      if (res.reason === 'weak_password') throw badField('newPassword', 'invalid', res.message);
    }
    return c.json(await setupNeeds(c.get('ctx'), { ...c.get('caller')!, mustChangePassword: false }));
  });

  r.patch('/organisations/:id', requireRole('admin'), async (c) => {
    const id = Number(c.req.param('id'));
    const caller = c.get('caller')!;
    if (!Number.isInteger(id) || !caller.organisationIds.includes(id)) throw notFound('No such organisation.');
    const body = await jsonBody(c, z.object({ name: z.string().trim().min(1).max(200) }));
    const res = await renameOrganisation(c.get('ctx'), caller, id, body.name);
    if (!res.ok) throw notFound('No such organisation.');
    return c.json({ id, name: body.name });
  });

  return r;
}
