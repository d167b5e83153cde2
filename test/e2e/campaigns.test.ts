import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../helpers.ts';
import { login, upload } from '../http.ts';
import { CHROMIUM_PATH, hasChromium, launchBrowser, loginThroughPage, openPage, pageReady, screenshot, type PageProblems, type TestServer, startServer } from './browser.ts';

const NO_PROBLEMS: PageProblems = { console: [], pageErrors: [], csp: [] };

describe.skipIf(!hasChromium)(`campaigns in a browser${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM_PATH})`}`, { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: () => Promise<PageProblems>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser, server, { viewport: { width: 1280, height: 900 } }));
    await loginThroughPage(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('after the first import the home page compares the baseline campaign with the latest, with the timeline', async () => {
    const admin = await login(server.app);
    for (const f of ['areas.csv', 'flow-sv.csv', 'lab-long-sv.csv']) expect((await upload(server.app, admin, path.join(SAMPLES, f))).status).toBe(201);
    await page.goto('/');
    await pageReady(page);
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('figure.chart')).every((f) => f.dataset.rendered));
    expect(await page.locator('figure.chart[data-rendered="error"]').count()).toBe(0);
    expect(await page.inputValue('#baseline-campaign')).toBe('1');
    expect(await page.inputValue('#comparison-campaign')).toBe('6');
    expect(await page.locator('#campaign-timeline li').count()).toBe(6);
    expect(await page.textContent('#campaign-timeline li.campaign-baseline')).toContain('nollvärde (förvald)');
    await screenshot(page, 'campaigns-home');
    // Changing the comparison is one select away.
    await Promise.all([page.waitForURL(/campaign=3/), page.selectOption('#comparison-campaign', '3')]);
    await pageReady(page);
    expect(await page.getAttribute('#overview-chart', 'data-chart-url')).toContain('baselineCampaign=1&campaign=3');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('plans a campaign, downloads its order, marks it ordered, and shows what was delivered', async () => {
    await page.goto('/campaigns');
    await pageReady(page);
    expect(await page.textContent('#advisor-warning')).toContain('Tre dygn mot tre dygn kan aldrig ge ett säkert besked');
    expect(await page.locator('#advisor-table tbody tr').count()).toBe(3 * 8);
    await page.fill('#c-name', 'Vår 2024');
    await page.fill('#c-from', '2024-03-11');
    await page.fill('#c-to', '2024-03-17');
    await page.fill('#c-lab', 'Exempellabbet AB');
    await page.check('#campaign-plan input[name="areas"][value="EXS-ARV"]');
    for (const s of ['cocaine', 'amphetamine']) await page.check(`#campaign-plan input[name="substances"][value="${s}"]`);
    await Promise.all([page.waitForEvent('load'), page.click('#campaign-plan button[type=submit]')]);
    await pageReady(page);
    const row = page.locator('#campaigns-table tr', { hasText: 'Vår 2024' });
    expect(await row.textContent()).toContain('planerad');
    expect(await page.locator('#campaign-timeline li.campaign-planned').count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a.order-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(csv).toHaveLength(1 + 14);
    const pdf = await page.request.get((await row.locator('a.order-pdf').getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    await Promise.all([page.waitForEvent('load'), row.locator('button[data-mark-ordered]').click()]);
    await pageReady(page);
    expect(await page.locator('#campaigns-table tr', { hasText: 'Vår 2024' }).textContent()).toContain('beställd');

    const lab = ['Site,Sample date,Cocaine (ng/L),Amphetamine (ng/L)', ...['2024-03-11', '2024-03-12', '2024-03-15', '2024-03-16', '2024-03-17'].map((d) => `EXS-ARV,${d},120,300`)].join('\n');
    expect((await upload(server.app, await login(server.app), { name: 'lab-2024.csv', bytes: lab })).status).toBe(201);
    await page.reload();
    await pageReady(page);
    const delivered = await page.locator('#campaigns-table tr', { hasText: 'Vår 2024' }).textContent();
    expect(delivered).toContain('levererad');
    expect(delivered).toContain('levererat 10 av 14 prov');
    expect(delivered).toContain('saknas: 2024-03-13, 2024-03-14');
    await screenshot(page, 'campaigns-page');
    await page.goto('/areas/EXS-ARV');
    expect(await page.textContent('#campaign-timeline')).toContain('Vår 2024');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });
});
