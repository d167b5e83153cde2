import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SAMPLES } from '../helpers.ts';
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
});
