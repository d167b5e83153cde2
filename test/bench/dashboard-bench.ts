/**
 * Dashboard figures:
 *  - the gzip size of the JavaScript that Lägesbild and an area page load (every script the
 *    browser fetched: app.js and its chunks; target ≤ 400 KB);
 *  - the time from navigation to the first chart drawn in headless Chromium (target ≤ 1 s), on a
 *    server with the sample data imported and, given `importedDir`, on the national database.
 * The server is a separate process (server/main.ts), as in production.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser } from '../e2e/browser.ts';
import { SAMPLES } from '../helpers.ts';
import { startServer, stopServer } from '../server-process.ts';

const BENCH_USER = { email: 'bench@example.se', password: 'bench-password-123' };

interface Session { cookie: string; csrf: string }

async function apiLogin(url: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_USER) });
  if (res.status !== 204) throw new Error(`login: ${res.status} ${await res.text()}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: res.headers.get('x-csrf-token') ?? '' };
}

async function send(url: string, s: Session, method: string, p: string, body: unknown): Promise<Response> {
  return fetch(`${url}${p}`, { method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function importSamples(url: string, s: Session): Promise<void> {
  for (const f of ['areas.csv', 'lab-long-sv.csv', 'flow-sv.csv']) {
    const res = await fetch(`${url}/api/v1/imports`, { method: 'POST', body: new Uint8Array(fs.readFileSync(path.join(SAMPLES, f))), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': f } });
    if (res.status !== 201) throw new Error(`import ${f}: ${res.status}`);
  }
}

/** A baseline and a comparison period (first and last campaign), unless there are periods already. */
async function ensurePeriods(url: string, s: Session, baseline: [string, string], comparison: [string, string]): Promise<void> {
  const existing = (await (await fetch(`${url}/api/v1/periods`, { headers: { cookie: s.cookie } })).json()) as unknown[];
  if (existing.length >= 2) return;
  await send(url, s, 'POST', '/api/v1/periods', { name: 'Nollmätning', from: baseline[0], to: baseline[1], baseline: true });
  await send(url, s, 'POST', '/api/v1/periods', { name: 'Jämförelse', from: comparison[0], to: comparison[1] });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface Visit { firstChartMs: number; allChartsMs: number; charts: number; scripts: Map<string, Buffer> }

/** Opens `pagePath` and times navigation start → first figure[data-rendered="true"] (performance.now() in the page). */
async function visit(browser: Browser, url: string, s: Session, pagePath: string, context?: Awaited<ReturnType<Browser['newContext']>>): Promise<Visit> {
  const ctx = context ?? await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (!context) await ctx.addCookies([{ name: s.cookie.split('=')[0], value: s.cookie.slice(s.cookie.indexOf('=') + 1), url }]);
  const page = await ctx.newPage();
  const scripts = new Map<string, Buffer>();
  const pending: Promise<void>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') pending.push(r.body().then((b) => { scripts.set(new URL(r.url()).pathname, b); }, () => undefined));
  });
  await page.goto(`${url}${pagePath}`);
  await page.waitForSelector('figure[data-rendered="true"]', { state: 'attached', timeout: 180_000 });
  // web/client/charts.ts marks each chart as it is drawn; the marks' times count from navigation start.
  const firstChartMs = await page.evaluate(() => performance.getEntriesByName('chart-drawn')[0]?.startTime ?? performance.now());
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('figure.chart')).every((f) => f.dataset.rendered), undefined, { timeout: 300_000 });
  const allChartsMs = await page.evaluate(() => performance.now());
  const charts = await page.locator('figure[data-rendered="true"]').count();
  await Promise.all(pending);
  await page.close();
  if (!context) await ctx.close();
  return { firstChartMs, allChartsMs, charts, scripts };
}

/** Cold (new browser profile: empty cache) and warm (same profile, median of `n`) visits of each page. */
async function timePages(browser: Browser, url: string, s: Session, pages: Record<string, string>, n: number, label: string, out: Record<string, string>): Promise<Map<string, Buffer>> {
  const scripts = new Map<string, Buffer>();
  // "Cold" is the browser's first visit, not the server's: it builds the client bundle and fills
  // its caches at the first requests, so those are made once beforehand.
  for (const p of Object.values(pages)) {
    const html = await (await fetch(`${url}${p}`, { headers: { cookie: s.cookie } })).text();
    const charts = [...html.matchAll(/data-chart-url="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    await Promise.all(charts.map(async (c) => (await fetch(`${url}${c}`, { headers: { cookie: s.cookie } })).arrayBuffer()));
  }
  for (const [name, p] of Object.entries(pages)) {
    const cold = await visit(browser, url, s, p);
    for (const [k, v] of cold.scripts) scripts.set(k, v);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addCookies([{ name: s.cookie.split('=')[0], value: s.cookie.slice(s.cookie.indexOf('=') + 1), url }]);
    await visit(browser, url, s, p, ctx); // fills the browser cache
    const warm: Visit[] = [];
    for (let i = 0; i < n; i++) warm.push(await visit(browser, url, s, p, ctx));
    await ctx.close();
    out[`${label}: ${name} (${p}), navigation → first chart`] =
      `cold ${Math.round(cold.firstChartMs)} ms, warm ${Math.round(median(warm.map((w) => w.firstChartMs)))} ms (median of ${n}; target ≤ 1000 ms)`;
    out[`${label}: ${name}, navigation → all ${cold.charts} charts`] = `cold ${Math.round(cold.allChartsMs)} ms, warm ${Math.round(median(warm.map((w) => w.allChartsMs)))} ms`;
  }
  return scripts;
}

export async function benchDashboard(o: { importedDir?: string; quick: boolean; out: string }): Promise<Record<string, string>> {
  if (!hasChromium) return { skipped: 'no Chromium at /usr/bin/chromium' };
  const out: Record<string, string> = {};
  const n = o.quick ? 3 : 7;
  const browser = await launchBrowser();
  const dir = fs.mkdtempSync(path.join(o.out, 'dashboard-'));
  try {
    const server = await startServer(dir, { LAGESBILD_ADMIN_EMAIL: BENCH_USER.email, LAGESBILD_ADMIN_PASSWORD: BENCH_USER.password, LOG_LEVEL: 'error' });
    try {
      const s = await apiLogin(server.url);
      await importSamples(server.url, s);
      await ensurePeriods(server.url, s, ['2020-09-14', '2020-09-20'], ['2023-03-13', '2023-03-19']);
      const scripts = await timePages(browser, server.url, s, { 'Lägesbild': '/', 'area page': '/areas/EXS-ARV', 'substance page': '/substances/cocaine/overview' }, n, 'sample data', out);
      let raw = 0;
      let gz = 0;
      const parts: string[] = [];
      for (const [name, body] of [...scripts].sort((a, b) => b[1].length - a[1].length)) {
        const g = zlib.gzipSync(body, { level: 9 }).length;
        raw += body.length;
        gz += g;
        parts.push(`${path.basename(name)} ${kb(g)}`);
      }
      out['JavaScript of Lägesbild + area + substance pages, gzip -9'] = `${kb(gz)} in ${scripts.size} files (${kb(raw)} minified; target ≤ 400 KB): ${parts.join(', ')}`;
    } finally {
      await stopServer(server);
    }
    if (o.importedDir) {
      const national = await startServer(o.importedDir, { LAGESBILD_ADMIN_EMAIL: BENCH_USER.email, LAGESBILD_ADMIN_PASSWORD: BENCH_USER.password, LOG_LEVEL: 'error' });
      try {
        const s = await apiLogin(national.url);
        await ensurePeriods(national.url, s, ['2014-03-08', '2014-03-14'], ['2023-11-22', '2023-11-28']);
        await timePages(browser, national.url, s, { 'Lägesbild': '/', 'area page': '/areas/SE-001' }, o.quick ? 1 : 3, 'national database', out);
      } finally {
        await stopServer(national);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
