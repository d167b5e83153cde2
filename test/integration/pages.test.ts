import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { ADMIN, SAMPLES, testContext } from '../helpers.ts';
import { addUser, headers, login, sendJson, upload, type Session } from '../http.ts';

const PAGES = ['/', '/upload', '/imports', '/areas', '/substances', '/account'];
const VIEWER = { email: 'viewer@example.se', password: 'viewer password 123' };
const HOSTILE = '<img src=x onerror=alert(1)>';

/** Every tag's attributes, parsed the way a browser tokenises them (values are quoted by hono/jsx). */
function tags(html: string): { name: string; attrs: Map<string, string> }[] {
  const out: { name: string; attrs: Map<string, string> }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of m[2].matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) attrs.set(a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

/** The CSP forbids inline scripts; the pages must not even try. */
function expectNoInlineScript(html: string): void {
  for (const tag of tags(html)) {
    if (tag.name === 'script') expect(tag.attrs.has('src') || tag.attrs.get('type') === 'application/json', `inline <script> in page`).toBe(true);
    for (const name of tag.attrs.keys()) expect(name.startsWith('on'), `<${tag.name} ${name}=…>`).toBe(false);
    for (const [name, value] of tag.attrs) if (name === 'href' || name === 'src' || name === 'action') expect(value.toLowerCase().startsWith('javascript:')).toBe(false);
  }
  // A <script> with a body is inline unless it is JSON data.
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) if (m[2].trim()) expect(m[1]).toContain('type="application/json"');
}

async function page(app: ReturnType<typeof createApp>, url: string, s: Session | null, cookies: string[] = []): Promise<{ status: number; html: string; res: Response }> {
  const cookie = [s?.cookie, ...cookies].filter(Boolean).join('; ');
  const res = await app.request(url, { headers: cookie ? { cookie } : {} });
  return { status: res.status, html: await res.text(), res };
}

function form(fields: Record<string, string>): { method: string; headers: Record<string, string>; body: string } {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

describe('web pages', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let viewer: Session;

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    viewer = await addUser(app, admin, VIEWER);
  });
  afterAll(async () => ctx.destroy());

  it('sends anonymous visitors to the login page, remembering where they were going', async () => {
    for (const url of PAGES) {
      const { status, res } = await page(app, url, null);
      expect(status, url).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    const login = await page(app, '/login?next=%2Fareas', null);
    expect(login.status).toBe(200);
    expect(login.html).toContain('name="next" value="/areas"');
    expectNoInlineScript(login.html);
  });

  it('shows empty states that lead somewhere before anything is imported', async () => {
    const home = await page(app, '/', admin);
    expect(home.html).toContain('Inga mätvärden ännu');
    expect(home.html).toMatch(/<a class="button primary" href="\/upload\?kind=areas"[^>]*>Ladda upp områdesfilen<\/a>/);
    const viewerHome = await page(app, '/', viewer);
    expect(viewerHome.html).toContain('En samordnare behöver ladda upp labbresultat');
    expect(viewerHome.html).not.toContain('href="/upload"');
    expect((await page(app, '/imports', admin)).html).toContain('Inga importer ännu');
    expect((await page(app, '/areas', admin)).html).toMatch(/href="\/upload\?kind=areas">Ladda upp en områdesfil/);
  });

  it('renders every page for a coordinator-or-better, without inline scripts, with the CSRF token in a meta tag', async () => {
    for (const url of PAGES) {
      const { status, html } = await page(app, url, admin);
      expect(status, url).toBe(200);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<html lang="sv">');
      expect(html).toContain(`<meta name="csrf-token" content="${admin.csrf}"/>`);
      expect(html).toMatch(/<script type="module" src="\/static\/app\.js\?v=[0-9a-f]{16}"><\/script>/);
      expect(html).toContain('admin@example.se');
      expect(html).toContain('administratör');
      expectNoInlineScript(html);
    }
  });

  it('gives viewers the reading pages, hides coordinator links and refuses coordinator pages', async () => {
    for (const url of ['/', '/areas', '/substances', '/account']) {
      const { status, html } = await page(app, url, viewer);
      expect(status, url).toBe(200);
      expect(html).not.toContain('href="/upload"');
      expect(html).not.toContain('href="/imports"');
      expect(html).toContain('läsare');
      expectNoInlineScript(html);
    }
    for (const url of ['/upload', '/imports']) {
      const { status, html, res } = await page(app, url, viewer);
      expect(status, url).toBe(403);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(html).toContain('Du har inte behörighet');
    }
    const account = await page(app, '/account', viewer);
    expect(account.html).not.toContain('API-nycklar');
    expect((await page(app, '/account', admin)).html).toContain('API-nycklar');
  });

  it('escapes hostile names and file names', async () => {
    const res = await sendJson(app, admin, 'PUT', '/api/v1/areas/EVIL-1', { name: HOSTILE, population: 24000, aliases: ['"><script>alert(2)</script>'] });
    expect(res.status).toBe(201);
    for (const s of [admin, viewer]) {
      const { html } = await page(app, '/areas', s);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain(HOSTILE);
      expect(html).not.toContain('<script>alert(2)');
      expectNoInlineScript(html);
    }
    const up = await upload(app, admin, { name: '<svg onload=alert(3)>.csv', bytes: 'code,name,population\nEVIL-2,Ok name,9000\n' }, 'kind=areas');
    expect(up.status).toBe(201);
    const imports = await page(app, '/imports', admin);
    expect(imports.html).toContain('&lt;svg onload=alert(3)&gt;.csv');
    expect(imports.html).not.toContain('<svg');
    expectNoInlineScript(imports.html);
  });

  it('formats numbers per language and switches language by cookie', async () => {
    const sv = await page(app, '/areas', admin);
    expect(sv.html).toContain('24\u00a0000');
    const sw = await app.request('/lang?to=en&next=%2Fareas%3Fx%3D1', {});
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/areas?x=1');
    const cookie = (sw.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toBe('lang=en');
    const en = await page(app, '/areas', admin, [cookie]);
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('<h1>Areas</h1>');
    expect(en.html).toContain('24,000');
    expect(en.html).toContain('href="/lang?to=sv&amp;next=%2Fareas"');
    for (const evil of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/%0d%0aSet-Cookie:x']) {
      const r = await app.request(`/lang?to=en&next=${encodeURIComponent(evil)}`);
      const loc = r.headers.get('location') ?? '';
      expect(loc.startsWith('/') && !loc.startsWith('//') && !loc.includes('\\'), `${evil} → ${loc}`).toBe(true);
      expect(loc).not.toContain('evil');
    }
  });

  it('tells viewers how many small areas are withheld', async () => {
    await sendJson(app, admin, 'PUT', '/api/v1/areas/TINY', { name: 'Liten PS', population: 900 });
    const { html } = await page(app, '/areas', viewer);
    expect(html).toContain('1 område visas inte (färre än 5\u00a0000 invånare)');
    expect(html).not.toContain('Liten PS');
    expect((await page(app, '/areas', admin)).html).toContain('Liten PS');
  });

  it('logs in through the form and redirects to a local next', async () => {
    const res = await app.request('/login', form({ email: ADMIN.email.toUpperCase(), password: ADMIN.password, next: '/areas' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/areas');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^lagesbild_session=/);
    expect((await app.request('/', { headers: { cookie } })).status).toBe(200);
    const away = await app.request('/login', form({ email: ADMIN.email, password: ADMIN.password, next: '//evil.example/' }));
    expect(away.headers.get('location')).toBe('/');
  });

  it('answers a wrong password and an unknown user with the same message, and throttles', async () => {
    const wrong = await app.request('/login', form({ email: ADMIN.email, password: 'not the password', next: '/' }));
    const unknown = await app.request('/login', form({ email: 'nobody@example.se', password: 'not the password', next: '/' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain('Fel e-post eller lösenord.');
    expect(b).toContain('Fel e-post eller lösenord.');
    expect(a).not.toContain('set-cookie');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    let last: Response | null = null;
    for (let i = 0; i < 7; i++) last = await app.request('/login', form({ email: 'throttled@example.se', password: 'wrong wrong wrong' }));
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.text()).toMatch(/För många misslyckade försök\. Vänta \d+ s/);
  });

  it('logs out only with the CSRF token', async () => {
    const s = await login(app);
    const noToken = await app.request('/logout', { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(noToken.status).toBe(403);
    expect((await page(app, '/', s)).status).toBe(200);
    const ok = await app.request('/logout', { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(s.csrf)}` });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/login');
    expect((await page(app, '/', s)).status).toBe(303);
  });

  it('lists imports with counts and shows retracted ones struck through with reason and who', async () => {
    const areas = await upload(app, admin, path.join(SAMPLES, 'areas.csv'));
    expect(areas.status).toBe(201);
    const areasId = (await areas.json()).id as number;
    const flow = await upload(app, admin, path.join(SAMPLES, 'flow-sv.csv'));
    expect(flow.status).toBe(201);
    const id = (await flow.json()).id as number;
    const del = await app.request(`/api/v1/imports/${id}`, { method: 'DELETE', headers: headers(admin, { 'content-type': 'application/json' }), body: JSON.stringify({ reason: 'Fel fil <b>bold</b>' }) });
    expect(del.status).toBe(204);
    const { html } = await page(app, '/imports', admin);
    const row = html.slice(html.indexOf(`id="batch-${id}"`), html.indexOf('</tr>', html.indexOf(`id="batch-${id}"`)));
    expect(row).toContain('class="retracted"');
    expect(row).toContain('<del>flow-sv.csv</del>');
    expect(row).toContain('av admin@example.se: Fel fil &lt;b&gt;bold&lt;/b&gt;');
    expect(row).not.toContain('data-retract');
    expect(row).toContain(`href="/api/v1/imports/${id}/file"`);
    const areasRow = html.slice(html.indexOf(`id="batch-${areasId}"`), html.indexOf('</tr>', html.indexOf(`id="batch-${areasId}"`)));
    expect(areasRow).toContain('Importerad');
    expect(areasRow).not.toContain('data-retract'); // areas are edited, not retracted
    expect(html).toContain('<dialog id="retract-dialog"');
    expect(row).toContain('126 av 126');
  });

  it('serves the client bundle with a content hash, ETag and cache headers', async () => {
    const { html } = await page(app, '/', admin);
    const js = /src="(\/static\/app\.js\?v=([0-9a-f]+))"/.exec(html)!;
    const css = /href="(\/static\/app\.css\?v=([0-9a-f]+))"/.exec(html)!;
    const res = await app.request(js[1]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('etag')).toBe(`"${js[2]}"`);
    const body = await res.text();
    expect(body).toMatch(/import\(/); // page modules are split chunks
    const again = await app.request('/static/app.js', { headers: { 'if-none-match': `"${js[2]}"` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('no-cache');
    const chunk = /"\.\/(upload-[A-Z0-9]+\.js)"/.exec(body)![1];
    const c = await app.request(`/static/${chunk}`);
    expect(c.status).toBe(200);
    expect(c.headers.get('cache-control')).toContain('immutable');
    const cssRes = await app.request(css[1]);
    expect(cssRes.headers.get('content-type')).toContain('text/css');
    expect((await app.request('/static/nope.js')).status).toBe(404);
    // As a browser asks: gzip, the same bytes once unpacked, its own tag (and 304 against it), Vary.
    const gz = await app.request(js[1], { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect(gz.headers.get('etag')).toBe(`"${js[2]}-gz"`);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(body);
    expect((await app.request('/static/app.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': `"${js[2]}-gz"` } })).status).toBe(304);
    expect((await app.request('/static/app.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': `"${js[2]}"` } })).status).toBe(200);
  });
});
