import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { type Lang, type MessageKey, t } from '../../server/i18n/index.ts';

export type Role = 'viewer' | 'coordinator' | 'admin';
const RANK: Record<Role, number> = { viewer: 1, coordinator: 2, admin: 3 };

/** What every page needs to know about the request: who, which language, where, which assets. */
export interface PageContext {
  lang: Lang;
  /** `county`: the caller sees several organisations' areas (a county office): the menu offers /county. */
  user: { email: string; role: Role; county?: boolean } | null;
  csrfToken: string | null;
  /** Path and query of this page, so the language switch can come back here. */
  path: string;
  assets: { js: string; css: string };
}

export function canAct(page: PageContext, role: Role): boolean {
  return page.user !== null && RANK[page.user.role] >= RANK[role];
}

const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b2f52"/><path d="M7 22l6-7 5 4 7-10" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>')}`;

const NAV: { href: string; key: MessageKey; role: Role; county?: boolean }[] = [
  { href: '/', key: 'nav.home', role: 'viewer' },
  { href: '/upload', key: 'nav.upload', role: 'coordinator' },
  { href: '/imports', key: 'nav.imports', role: 'coordinator' },
  { href: '/areas', key: 'nav.areas', role: 'viewer' },
  { href: '/substances', key: 'nav.substances', role: 'viewer' },
  // Viewers read these pages too (linked from Lägesbild); the menu keeps them for those who edit them.
  { href: '/campaigns', key: 'nav.campaigns', role: 'viewer' },
  { href: '/county', key: 'nav.county', role: 'viewer', county: true },
  { href: '/periods', key: 'nav.periods', role: 'coordinator' },
  { href: '/events', key: 'nav.events', role: 'coordinator' },
  { href: '/report', key: 'nav.report', role: 'coordinator' },
  { href: '/account', key: 'nav.account', role: 'viewer' },
];

function currentHref(path: string): string {
  const p = path.split('?')[0];
  return NAV.filter((n) => n.href === p || (n.href !== '/' && p.startsWith(`${n.href}/`)))[0]?.href ?? '';
}

const Header: FC<{ page: PageContext }> = ({ page }) => {
  const { lang, user } = page;
  const other = t(lang, 'lang.otherCode');
  const active = currentHref(page.path);
  return (
    <header class="site-header">
      <a class="brand" href="/">{t(lang, 'app.name')}</a>
      {user && (
        <nav aria-label={t(lang, 'nav.label')} class="site-nav">
          <ul>
            {NAV.filter((n) => canAct(page, n.role) && (!n.county || user.county)).map((n) => (
              <li><a href={n.href} aria-current={n.href === active ? 'page' : undefined}>{t(lang, n.key)}</a></li>
            ))}
          </ul>
        </nav>
      )}
      <div class="site-user">
        {user && <span class="who">{t(lang, 'user.signedInAs', { email: user.email, role: t(lang, `role.${user.role}`) })}</span>}
        {user && <a class="help-link" href="/help">{t(lang, 'help.link')}</a>}
        <a class="lang-switch" href={`/lang?to=${other}&next=${encodeURIComponent(page.path)}`} lang={other} hreflang={other}>
          {t(lang, 'lang.other')}
        </a>
        {user && (
          <form method="post" action="/logout" class="logout">
            <input type="hidden" name="_csrf" value={page.csrfToken ?? ''} />
            <button type="submit" class="link-button">{t(lang, 'nav.logout')}</button>
          </form>
        )}
      </div>
    </header>
  );
};

/**
 * The frame of every page. `id` goes to <body data-page>, which web/client/main.ts dispatches
 * on; the CSRF token is in <meta name="csrf-token"> for the client's API calls. No inline
 * scripts: the CSP allows only /static/ files.
 */
export const Layout: FC<{ page: PageContext; id: string; title: string; bare?: boolean; children?: Child }> = ({ page, id, title, bare, children }) => (
  <>
    {raw('<!DOCTYPE html>')}
    <html lang={page.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The global header says no-referrer, under which browsers send `Origin: null` with form
            posts (login, logout); same-origin keeps the real Origin for our own server only. */}
        <meta name="referrer" content="same-origin" />
        <link rel="icon" href={ICON} />
        {page.csrfToken && <meta name="csrf-token" content={page.csrfToken} />}
        <title>{`${title} · ${t(page.lang, 'app.name')}`}</title>
        <link rel="stylesheet" href={page.assets.css} />
        <script type="module" src={page.assets.js}></script>
      </head>
      <body data-page={id}>
        <a class="skip-link" href="#main">{t(page.lang, 'nav.skip')}</a>
        {!bare && <Header page={page} />}
        <main id="main" tabindex={-1}>
          <h1 class={bare ? 'visually-hidden' : undefined}>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  </>
);
