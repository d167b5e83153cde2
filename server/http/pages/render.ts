import type { Context } from 'hono';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { jsx, type FC } from 'hono/jsx';
import { clientBundle } from '../../../web/bundle.ts';
import { DEFAULT_LANG, isLang, t, type Lang } from '../../i18n/index.ts';
import { ErrorPage } from '../../../web/pages/error.tsx';
import type { PageContext } from '../../../web/pages/layout.tsx';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';

export const LANG_COOKIE = 'lang';

/** The language of this request: the `lang` cookie, else Swedish. */
export function requestLang(c: Context<AppEnv>): Lang {
  const v = getCookie(c, LANG_COOKIE);
  return isLang(v) ? v : DEFAULT_LANG;
}

/**
 * `next` if it is a path on this site, else `fallback`: a redirect target taken from a query or
 * form must never send the user to another origin (//evil.example, /\evil.example, javascript:).
 */
export function localPath(next: string | undefined | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || /[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const base = 'http://local.invalid';
    const u = new URL(next, base);
    return u.origin === base ? `${u.pathname}${u.search}${u.hash}` : fallback;
  } catch {
    return fallback;
  }
}

export async function pageContext(c: Context<AppEnv>): Promise<PageContext> {
  const bundle = await clientBundle();
  const caller = c.get('caller');
  const url = new URL(c.req.url);
  const lang = requestLang(c);
  c.set('lang', lang);
  return {
    lang,
    user: caller ? { email: caller.email, role: caller.role, county: caller.organisationIds.length > 1 } : null,
    csrfToken: c.get('csrfToken'),
    path: `${url.pathname}${url.search}`,
    assets: { js: bundle.url('app.js'), css: bundle.url('app.css') },
  };
}

/** Renders a page component with the request's PageContext. */
export async function renderPage<P extends { page: PageContext }>(c: Context<AppEnv>, page: FC<P>, props: Omit<P, 'page'>, status: 200 | 400 | 401 | 403 | 404 | 409 | 429 | 503 = 200): Promise<Response> {
  const ctx = await pageContext(c);
  const html = await jsx(page, { ...props, page: ctx }).toString();
  return c.html(html, status);
}

/**
 * A route module for pages: problems its guards or handlers throw (403 for a viewer on a
 * coordinator page, 404) come back as an HTML page, not as JSON. Other errors go on to the
 * app's handler, which logs them.
 */
export function pageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.onError(async (err, c) => {
    if (!(err instanceof HttpProblem)) throw err;
    const lang = requestLang(c);
    const message = err.status === 403 ? t(lang, 'error.forbidden') : err.status === 404 ? t(lang, 'error.notFound') : (err.detail ?? err.title);
    const status = ([400, 401, 403, 404, 409, 429] as const).find((s) => s === err.status) ?? 400;
    const res = await renderPage(c, ErrorPage, { message }, status);
    for (const [k, v] of Object.entries(err.headers)) res.headers.set(k, v);
    return res;
  });
  return r;
}
