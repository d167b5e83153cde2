// Issue 12: the event page (treated + control chart, effect table) and the report page in a browser.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GEN, generateIntervention } from '../intervention-data.ts';
import { login, sendJson, upload } from '../http.ts';
import { CHROMIUM_PATH, hasChromium, launchBrowser, loginThroughPage, openPage, pageReady, screenshot, type PageProblems, type TestServer, startServer } from './browser.ts';

const NO_PROBLEMS: PageProblems = { console: [], pageErrors: [], csp: [] };

describe.skipIf(!hasChromium)(`the event evaluation page in a browser${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM_PATH})`}`, { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: () => Promise<PageProblems>;
  let eventId: number;

  beforeAll(async () => {
    server = await startServer();
    const s = await login(server.app);
    const g = generateIntervention({ effect: 0.7, seed: 12 });
    for (const [name, bytes] of [['areas.csv', g.areasCsv], ['lab.csv', g.labCsv], ['flow.csv', g.flowCsv]]) expect((await upload(server.app, s, { name, bytes })).status).toBe(201);
    const created = await sendJson(server.app, s, 'POST', '/api/v1/events', { date: g.event, to: new Date(Date.parse(g.event) + 5 * 86_400_000).toISOString().slice(0, 10), title: 'Skolkampanj', areas: [GEN.treated], controlArea: GEN.control });
    expect(created.status).toBe(201);
    eventId = (await created.json()).id;
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser, server));
    await loginThroughPage(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the ratio, interval and verdict words, and draws treated and control on one chart with the event band', async () => {
    await page.goto(`/events/${eventId}`);
    await pageReady(page);
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('figure.chart')).every((f) => f.dataset.rendered));
    expect(await page.getAttribute('#chart-benzoylecgonine', 'data-rendered')).not.toBe('error');
    expect(await page.getAttribute('#intervention-table tr[data-substance="benzoylecgonine"]', 'data-verdict')).toBe('consistent_with_decrease');
    expect(await page.textContent('#intervention-table')).toContain('förenligt med en minskning');
    expect(await page.textContent('#intervention-caveat')).toContain('kontrollområdet');
    expect(await page.locator('#chart-benzoylecgonine svg g.event_spans_marks path, #chart-benzoylecgonine svg .event_spans_marks path').count()).toBeGreaterThan(0);
    await screenshot(page, 'intervention');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('the report page offers the follow-up report and the public summary', async () => {
    await page.goto('/report');
    await pageReady(page);
    expect(await page.locator('#followup-form button[formaction="/api/v1/reports/public"]').count()).toBe(1);
    await screenshot(page, 'report-followup');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('the methods settings page saves what the reports print, without script errors', async () => {
    await page.goto('/report');
    await pageReady(page);
    await page.click('a[href="/settings/methods"]');
    await pageReady(page);
    await page.selectOption('#ms-samplingMode', 'flow_proportional');
    await page.fill('#ms-labName', 'RISE');
    await page.fill('#ms-accreditation', 'SWEDAC 1234');
    await Promise.all([page.waitForURL(/saved=1/), page.click('form[data-form="method-settings"] button[type="submit"]')]);
    await pageReady(page);
    expect(await page.inputValue('#ms-labName')).toBe('RISE');
    expect(await page.textContent('main')).toContain('Sparat.');
    await screenshot(page, 'method-settings');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });
});
