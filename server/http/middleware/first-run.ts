import type { MiddlewareHandler } from 'hono';
import { setupNeeds } from '../../usecases/first-run.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';

/** Pages a caller with unfinished set-up may still open. */
const OPEN_PAGES = /^\/(setup|login|logout|lang|static\/|healthz)/;
/** API calls the first-run page itself needs. */
const OPEN_API = new Set(['/api/v1/setup', '/api/v1/session', '/api/v1/me']);

/**
 * The first hour: a signed-in user whose password is one-time, or the admin of an organisation with
 * no name yet, is sent to /setup before any other page. A one-time password also stops the API
 * (its holder has not chosen it); an unnamed organisation does not (scripts still work).
 */
export const firstRun: MiddlewareHandler<AppEnv> = async (c, next) => {
  const caller = c.get('caller');
  if (!caller || caller.via !== 'session') return next();
  const path = c.req.path;
  if (path.startsWith('/api/')) {
    if (caller.mustChangePassword && !OPEN_API.has(path)) {
      throw new HttpProblem(403, 'Forbidden', 'Choose a new password first (the first-run page, /setup): the one-time password cannot be used for anything else.');
    }
    return next();
  }
  if (c.req.method !== 'GET' || OPEN_PAGES.test(path)) return next();
  if (!caller.mustChangePassword && caller.role !== 'admin') return next();
  const needs = await setupNeeds(c.get('ctx'), caller);
  if (needs.password || needs.organisationName) return c.redirect(`/setup?next=${encodeURIComponent(path)}`, 303);
  return next();
};
