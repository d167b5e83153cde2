import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SAMPLES } from '../helpers.ts';
import { login, sendJson, upload } from '../http.ts';
import { CHROMIUM_PATH, hasChromium, launchBrowser, openPage, pageReady, type PageProblems, type TestServer, startServer } from './browser.ts';

const NO_PROBLEMS: PageProblems = { console: [], pageErrors: [], csp: [] };
const NEW_PASSWORD = 'ett-eget-langt-losenord';

/** Screenshots for the issue's note, looked at by a person: /tmp/ux-<name>-<width>.png */
async function shots(page: Page, name: string): Promise<void> {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/ux-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe.skipIf(!hasChromium)(`the coordinator's first hour${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM_PATH})`}`, { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: () => Promise<PageProblems>;

  beforeAll(async () => {
    // A fresh install: no organisation name, and the admin's password is the printed one-time one.
    server = await startServer({ ORGANISATION_NAME: '' });
    server.ctx.sqlite.prepare('update users set must_change_password = 1').run();
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser, server, { viewport: { width: 1366, height: 900 } }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('first run: the admin names the municipality and replaces the one-time password before anything else', async () => {
    await page.goto('/login');
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await Promise.all([page.waitForURL(/\/setup\?next=/), page.click('#login-form button[type=submit]')]);
    await pageReady(page);
    expect(await page.textContent('h1')).toBe('Kom igång');
    await shots(page, 'setup');
    await page.fill('#organisation-name', 'Exempelstads kommun');
    await page.fill('#new-password', NEW_PASSWORD);
    await page.fill('#repeat-password', NEW_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('form[data-form="setup"] button[type=submit]')]);
    const org = server.ctx.sqlite.prepare('select name from organisations order by id limit 1').get() as { name: string };
    expect(org.name).toBe('Exempelstads kommun');
    // The old password is gone; the name is under administration.
    await page.goto('/admin');
    await pageReady(page);
    expect(await page.inputValue('#org-name')).toBe('Exempelstads kommun');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('a lab file before any area: one grouped message says to upload the area file first', async () => {
    await page.goto('/upload');
    await pageReady(page);
    await page.setInputFiles('#file-input', path.join(SAMPLES, 'lab-long-sv.csv'));
    await page.waitForSelector('body[data-busy="false"] #actions:not([hidden])');
    const rows = page.locator('#issues tbody tr');
    // no_areas first, then the unknown-area lines as one group per unknown name (three sampling points)
    expect(await rows.first().locator('[data-code]').getAttribute('data-code')).toBe('no_areas');
    expect(await rows.first().textContent()).toContain('Ladda upp områdesfilen först');
    const n = await rows.count();
    expect(n).toBeLessThanOrEqual(6);
    const counts = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.count)));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
    expect(await page.textContent('#issues')).toMatch(/likadana/);
    expect(await page.isEnabled('#confirm')).toBe(false);
    const download = await page.getAttribute('#download-issues', 'download');
    expect(download).toBe('fellista-lab-long-sv.csv');
    await shots(page, 'lab-before-areas');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('the meeting room: no sideways scrolling at 390 px; printing hides the navigation and keeps the charts', async () => {
    const api = await login(server.app, ADMIN.email, NEW_PASSWORD);
    for (const f of ['areas.csv', 'lab-long-sv.csv', 'flow-sv.csv']) expect((await upload(server.app, api, path.join(SAMPLES, f))).status, f).toBe(201);
    for (const p of [{ name: 'Nollmätning hösten 2020', from: '2020-09-14', to: '2020-09-20', baseline: true }, { name: 'Våren 2023', from: '2023-03-13', to: '2023-03-19', baseline: false }]) {
      expect((await sendJson(server.app, api, 'POST', '/api/v1/periods', p)).status).toBe(201);
    }
    for (const url of ['/', '/areas/EXS-ARV']) {
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(url);
      await pageReady(page);
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('figure.chart')).every((f) => f.dataset.rendered));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) console.log(await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('main *')).filter((e) => !e.closest('svg') && e.getBoundingClientRect().right > 392).slice(0, 12).map((e) => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().right)}`).join('\n')));
      expect(width, `${url} at 390 px`).toBeLessThanOrEqual(390);
      await shots(page, url === '/' ? 'overview' : 'area');
      await page.emulateMedia({ media: 'print' });
      expect(await page.isVisible('.site-header'), 'navigation printed').toBe(false);
      expect(await page.locator('figure.chart svg').count()).toBeGreaterThan(0);
      await page.pdf({ path: `/tmp/ux-${url === '/' ? 'overview' : 'area'}-print.pdf`, format: 'A4', landscape: true, printBackground: true });
      await page.emulateMedia({ media: 'screen' });
    }
    expect(await problems()).toEqual(NO_PROBLEMS);
  });
});
