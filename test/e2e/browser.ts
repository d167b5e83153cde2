import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { ADMIN, testContext } from '../helpers.ts';

/**
 * Real-browser test kit: the real server on a free port with a fresh database, Debian's
 * Chromium driven by playwright-core, and a page that records console errors, uncaught
 * exceptions and CSP violations so a test can assert there were none.
 *
 *   const server = await startServer();
 *   const browser = await launchBrowser();
 *   const { page, problems } = await openPage(browser, server);
 *   await loginThroughPage(page, server);
 *   …
 *   expect(await problems()).toEqual({ console: [], pageErrors: [], csp: [] });
 *   (pageReady(page) waits for the page script; screenshot(page, name) writes test/.tmp/name.png)
 *   await browser.close(); await server.close();
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM_PATH);
export const SCREENSHOTS = path.resolve(process.cwd(), 'test/.tmp');

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The same app in-process, for seeding through test/http.ts (login, upload, sendJson). */
  app: ReturnType<typeof createApp>;
  ctx: AppContext;
  dir: string;
  close(): Promise<void>;
}

/** The whole app over HTTP on 127.0.0.1 and a free port, on a fresh DATA_DIR (test/helpers.ts). */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const { ctx, dir } = await testContext(env);
  const app = createApp(ctx);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    ctx,
    dir,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await ctx.destroy();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageProblems {
  console: string[];
  pageErrors: string[];
  csp: string[];
}

/**
 * A new page in its own browser context (own cookies). `problems()` returns what went wrong
 * so far: console errors, uncaught exceptions and CSP violations; `clearProblems()` forgets them.
 */
export async function openPage(browser: Browser, server: TestServer, opts: { viewport?: { width: number; height: number } } = {}): Promise<{
  context: BrowserContext; page: Page; problems(): Promise<PageProblems>; clearProblems(): void;
}> {
  const context = await browser.newContext({ baseURL: server.url, viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: 'sv-SE' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const csp: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // The init script runs before any page script and is not subject to the CSP; it reports each
  // violation straight to the test through an exposed binding, so none is lost on navigation.
  await page.exposeFunction('__reportCspViolation', (text: string) => { csp.push(text); });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[]; __reportCspViolation(t: string): Promise<void> };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const text = `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`;
      w.__cspViolations.push(text);
      void w.__reportCspViolation(text);
    });
  });
  return {
    context,
    page,
    async problems() {
      return { console: [...consoleErrors], pageErrors: [...pageErrors], csp: [...csp] };
    },
    /** After a step that provokes an expected error (a 409 answer logs "Failed to load resource"). */
    clearProblems() {
      consoleErrors.length = 0;
      pageErrors.length = 0;
      csp.length = 0;
    },
  };
}

/** Logs in through the login form and waits for the start page. */
export async function loginThroughPage(page: Page, server: TestServer, user: { email: string; password: string } = ADMIN): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  await Promise.all([page.waitForURL(`${server.url}/`), page.click('#login-form button[type=submit]')]);
}

/** Waits until web/client/main.ts has run the page's module (it sets <body data-ready>). */
export async function pageReady(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
