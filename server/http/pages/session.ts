import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Hono } from 'hono';
import { SESSION_COOKIE } from '../../auth/sessions.ts';
import { endSession, startSession } from '../../usecases/auth.ts';
import { DEFAULT_LANG, isLang, t } from '../../i18n/index.ts';
import { LoginPage } from '../../../web/pages/login.tsx';
import { clientIp, loginStatus, setSessionCookie } from '../api/auth.ts';
import { publicRoute, requireRole } from '../middleware/auth.ts';
import { isHttps } from '../middleware/security.ts';
import type { AppEnv } from '../types.ts';
import { LANG_COOKIE, localPath, pageRoutes, renderPage, requestLang } from './render.ts';

const field = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

/** Login and logout through forms, and the language switch. */
export function sessionPages(): Hono<AppEnv> {
  const r = pageRoutes();

  r.get('/login', publicRoute(), async (c) => {
    const next = localPath(c.req.query('next'));
    if (c.get('caller')) return c.redirect(next, 303);
    return renderPage(c, LoginPage, { next });
  });

  r.post('/login', publicRoute(), async (c) => {
    const ctx = c.get('ctx');
    const body = await c.req.parseBody();
    const email = field(body.email, 320).trim();
    const password = field(body.password, 1024);
    const next = localPath(field(body.next, 2000));
    const lang = requestLang(c);
    // A new login ends whatever session this browser had; the page then renders as anonymous.
    const old = getCookie(c, SESSION_COOKIE);
    if (old) {
      await endSession(ctx, old);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    c.set('caller', null);
    c.set('csrfToken', null);
    if (!email || !password) return renderPage(c, LoginPage, { next, email, error: t(lang, 'login.failed') }, 400);
    const result = await startSession(ctx, { email, password, ip: clientIp(c) });
    if (!result.ok) {
      const retryAfter = result.reason === 'throttled' || result.reason === 'busy' ? result.retryAfter : null;
      const error = result.reason === 'busy' ? t(lang, 'login.busy', { seconds: result.retryAfter })
        : retryAfter !== null ? t(lang, 'login.tooMany', { seconds: retryAfter }) : t(lang, 'login.failed');
      const res = await renderPage(c, LoginPage, { next, email, error }, loginStatus(result));
      if (retryAfter !== null) res.headers.set('retry-after', String(retryAfter));
      return res;
    }
    setSessionCookie(c, result.cookieValue);
    return c.redirect(next, 303);
  });

  r.post('/logout', requireRole('viewer'), async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await endSession(c.get('ctx'), cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  r.get('/lang', publicRoute(), (c) => {
    const to = c.req.query('to');
    setCookie(c, LANG_COOKIE, isLang(to) ? to : DEFAULT_LANG, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', httpOnly: true, secure: isHttps(c) });
    return c.redirect(localPath(c.req.query('next')), 303);
  });

  return r;
}
