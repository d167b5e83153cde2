/**
 * The council's meeting room in a real browser: the presentation view at 1920 × 1080 (the whole
 * width, chart text ≥ 18 px as drawn, one chart per screen, arrow keys step, Esc leaves), pages
 * not capped at ~1 340 px on a wide screen, no sideways scrolling at 390 px, and the overview
 * printed on A4 landscape without navigation and with the heatmap whole. Screenshots go to
 * /tmp/shots-uxa/ for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../helpers.ts';
import { getJson, login, sendJson, upload } from '../http.ts';
import { CHROMIUM_PATH, hasChromium, launchBrowser, loginThroughPage, openPage, pageReady, SCREENSHOTS, type PageProblems, type TestServer, startServer } from './browser.ts';

const SHOTS = path.join(SCREENSHOTS, 'meeting-room');
const NO_PROBLEMS: PageProblems = { console: [], pageErrors: [], csp: [] };

const chartsDrawn = (page: Page) => page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('figure.chart')).every((f) => f.dataset.rendered === 'true'));

/** The smallest text in the charts as drawn on screen, in CSS px (font size × the SVG's scale). */
const smallestChartText = (page: Page, root: string) => page.evaluate((sel) => {
  let min = Infinity;
  for (const t of Array.from(document.querySelectorAll<SVGTextElement>(`${sel} svg text`))) {
    if (!t.textContent?.trim()) continue;
    const svg = t.ownerSVGElement!;
    const scale = svg.getBoundingClientRect().width / (Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width);
    min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
  }
  return min;
}, root);

describe.skipIf(!hasChromium)(`the meeting room${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM_PATH})`}`, { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: () => Promise<PageProblems>;
  let clearProblems: () => void;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    const api = await login(server.app);
    for (const [f, kind] of [['areas.csv', 'areas'], ['flow-sv.csv', 'flow'], ['lab-long-sv.csv', 'lab']]) {
      expect((await upload(server.app, api, path.join(SAMPLES, f), `kind=${kind}`)).status, f).toBe(201);
    }
    const campaigns = (await getJson(server.app, api, '/api/v1/campaigns')).body as { id: number }[];
    expect((await sendJson(server.app, api, 'PUT', `/api/v1/campaigns/${campaigns[0].id}`, { baseline: true })).status).toBe(200);
    browser = await launchBrowser();
    ({ page, problems, clearProblems } = await openPage(browser, server, { viewport: { width: 1366, height: 900 } }));
    await loginThroughPage(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the overview at 1366 and 1920 px: content uses the width, nothing scrolls sideways', async () => {
    for (const width of [1366, 1920]) {
      await page.setViewportSize({ width, height: 1080 });
      await page.goto('/');
      await pageReady(page);
      await chartsDrawn(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const main = await page.evaluate(() => document.querySelector('main')!.getBoundingClientRect().width);
      expect(main, `main at ${width}`).toBeGreaterThan(width - 100); // not capped at ~1 340 px
      // a screen reader hears the chart's summary (rounded as drawn), and nothing from inside it
      const aria = await page.evaluate(() => {
        const svg = document.querySelector('#overview-chart svg')!;
        return { role: svg.getAttribute('role'), label: svg.getAttribute('aria-label'), inner: svg.querySelectorAll('[aria-label]').length, caption: document.querySelector('#overview-chart figcaption')?.textContent };
      });
      expect(aria).toMatchObject({ role: 'img', inner: 0 });
      expect(aria.label).toBe(aria.caption);
      expect(aria.label).not.toMatch(/\d\.\d/);
      await page.screenshot({ path: `${SHOTS}/overview-${width}.png`, fullPage: true });
    }
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('the presentation view at 1920 × 1080: full width, text ≥ 18 px, one chart per screen, arrows step, Esc leaves', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/');
    await pageReady(page);
    await Promise.all([page.waitForURL(/present=1/), page.click('#heatmap-title ~ .present-link, .section-head .present-link')]);
    await page.waitForSelector('body[data-present-ready="true"]');
    expect(await page.isVisible('.site-header')).toBe(false);
    const slides = page.locator('section.slide');
    const n = await slides.count();
    expect(n).toBeGreaterThanOrEqual(2); // the heatmap, then the trends of the largest area
    expect(await slides.first().evaluate((s) => s.getBoundingClientRect().width)).toBeGreaterThan(1800);
    // each slide is one screen high, so only one chart is in view at a time
    for (const h of await slides.evaluateAll((all) => all.map((s) => s.getBoundingClientRect().height))) expect(h).toBeGreaterThanOrEqual(1080);
    expect(await smallestChartText(page, 'section.slide')).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: `${SHOTS}/present-1920-1.png` });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.body.dataset.slide === '2');
    expect(await slides.nth(1).evaluate((s) => Math.abs(s.getBoundingClientRect().top))).toBeLessThan(2);
    expect(await page.textContent('#present-position')).toBe(`Diagram 2 av ${n}`);
    await page.screenshot({ path: `${SHOTS}/present-1920-2.png` });
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.body.dataset.slide === '1');
    await Promise.all([page.waitForURL((u) => u.pathname === '/' && !u.search.includes('present')), page.keyboard.press('Escape')]);
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('an area in the presentation view steps through its substances', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/areas/EXS-ARV?present=1');
    await page.waitForSelector('body[data-present-ready="true"]');
    expect(await page.locator('section.slide').count()).toBeGreaterThanOrEqual(3);
    expect(await smallestChartText(page, 'section.slide')).toBeGreaterThanOrEqual(18);
    // the legend says what the symbols mean, in words
    expect(await page.locator('section.slide').first().textContent()).toMatch(/Mätvärde \(ett dygn\)/);
    await page.screenshot({ path: `${SHOTS}/present-area-1920.png` });
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('the report form says what is wrong in words (not the problem\'s JSON), and still downloads the file', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/report');
    await pageReady(page);
    await page.selectOption('#report-period', '');
    await page.fill('#report-from', '2020-09-20');
    await page.fill('#report-to', '2020-09-14');
    await page.click('#report-form button.primary');
    await page.waitForSelector('#report-form .report-message.message-error');
    const said = await page.textContent('#report-form .report-message');
    expect(said).toMatch(/^Rapporten kunde inte skapas\. Kontrollera/);
    expect(said).not.toMatch(/[{}"]|Bad Request/);
    await page.fill('#report-from', '1999-01-01');
    await page.fill('#report-to', '1999-01-31');
    await page.click('#report-form button.primary');
    await page.waitForFunction(() => /inga mätvärden/.test(document.querySelector('#report-form .report-message')?.textContent ?? ''));
    await page.fill('#report-from', '2020-09-14');
    await page.fill('#report-to', '2020-09-20');
    await page.selectOption('#report-format', 'csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-form button.primary')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    // the browser logs the two refused requests themselves; nothing else went wrong
    const p = await problems();
    expect(p.console.filter((m) => !/status of (400|422)/.test(m))).toEqual([]);
    expect({ ...p, console: [] }).toEqual(NO_PROBLEMS);
    clearProblems();
  });

  it('at 390 px nothing scrolls sideways; printed on A4 landscape the overview has no navigation and the heatmap fits the page', async () => {
    for (const url of ['/', '/areas/EXS-ARV']) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url);
      await pageReady(page);
      await chartsDrawn(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${url} at 390 px`).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `${SHOTS}/${url === '/' ? 'overview' : 'area'}-390.png`, fullPage: true });
      await page.locator('figure.chart').first().screenshot({ path: `${SHOTS}/${url === '/' ? 'overview' : 'area'}-390-chart.png` });
    }
    // A4 landscape at 96 dpi less 12 mm margins: 1123 − 91 = 1032 px wide
    await page.setViewportSize({ width: 1032, height: 700 });
    await page.goto('/');
    await pageReady(page);
    await chartsDrawn(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.site-header')).toBe(false);
    expect(await page.isVisible('#checklist')).toBe(false);
    const right = await page.evaluate(() => document.querySelector('#overview-chart svg')!.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(1032);
    await page.pdf({ path: `${SHOTS}/overview-print.pdf`, format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    expect(await problems()).toEqual(NO_PROBLEMS);
  });
});
