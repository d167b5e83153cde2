import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { createOrganisation, listOrganisations } from '../../usecases/organisations.ts';
import { createUser, disableMember, findUser, listUsers, updateMember, type UserResult } from '../../usecases/users.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { jsonBody } from '../validate.ts';

const roleSchema = z.enum(['viewer', 'coordinator', 'admin']);

/** The e-mail in the path, percent-decoded once from the raw URL; malformed encoding is a 400. */
const emailParam = (c: Context<AppEnv>) => {
  const raw = new URL(c.req.url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpProblem(400, 'Bad Request', 'The e-mail in the path is not valid percent-encoding.', { errors: [{ column: 'email', code: 'invalid', message: 'Malformed percent-encoding.' }] });
  }
};

/**
 * The organisation already has an account with this e-mail (which the admin can list anyway). Accounts
 * are per organisation, so an account of the same e-mail elsewhere never causes this: no enumeration
 * across organisations (issue 16).
 */
const emailTaken = () => {
  const message = 'This organisation already has an account with this e-mail.';
  return new HttpProblem(409, 'Conflict', message, { errors: [{ column: 'email', code: 'exists', message }] });
};

/** The user, or the problem for a failed change. */
function userOrProblem(res: UserResult, passwordColumn = 'password') {
  if (res.ok) return res.user;
  switch (res.reason) {
    case 'weak_password': throw new HttpProblem(400, 'Bad Request', res.message, { errors: [{ column: passwordColumn, code: 'invalid', message: res.message }] });
    case 'organisation_not_found': throw notFound('No such organisation.');
    case 'not_found': throw notFound('No such user.');
    case 'exists': throw emailTaken();
  }
}

/** Users and organisations, for admins. */
export function userRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/users', requireRole('admin'), async (c) => c.json(await listUsers(c.get('ctx'), c.get('caller')!)));

  r.post('/users', requireRole('admin'), async (c) => {
    const body = await jsonBody(c, z.object({ email: z.string().trim().toLowerCase().pipe(z.email()), role: roleSchema, password: z.string(), organisation: z.number().int().optional() }));
    const res = await createUser(c.get('ctx'), c.get('caller')!, body);
    return c.json(userOrProblem(res), 201);
  });

  r.patch('/users/:email', requireRole('admin'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const email = emailParam(c);
    // An unknown user is a 404 before the body is looked at.
    if (!(await findUser(ctx, caller, email))) throw notFound('No such user.');
    const body = await jsonBody(c, z.object({ role: roleSchema.optional(), password: z.string().optional(), disabled: z.boolean().optional() }));
    return c.json(userOrProblem(await updateMember(ctx, caller, email, body)));
  });

  r.delete('/users/:email', requireRole('admin'), async (c) => {
    const res = await disableMember(c.get('ctx'), c.get('caller')!, emailParam(c));
    if (!res.ok && res.reason === 'not_found') throw notFound('No such user.');
    if (!res.ok) throw new HttpProblem(409, 'Conflict', res.reason === 'self' ? 'You cannot disable yourself.' : 'This user is already disabled.');
    return c.body(null, 204);
  });

  r.get('/organisations', requireRole('admin'), async (c) => c.json(await listOrganisations(c.get('ctx'), c.get('caller')!)));

  r.post('/organisations', requireRole('admin'), async (c) => {
    const body = await jsonBody(c, z.object({ name: z.string().trim().min(1).max(200), kind: z.enum(['municipality', 'county']), parent: z.number().int().nullable().optional() }));
    const res = await createOrganisation(c.get('ctx'), c.get('caller')!, body);
    if (!res.ok) throw notFound('No such parent organisation.');
    return c.json(res.organisation, 201);
  });

  return r;
}
