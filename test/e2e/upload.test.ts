import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, PAGE_NUMBER } from '../../server/i18n/index.ts';
import { SAMPLES } from '../helpers.ts';
import { CHROMIUM_PATH, hasChromium, launchBrowser, loginThroughPage, openPage, pageReady, screenshot, type PageProblems, type TestServer, startServer } from './browser.ts';

const sv = (n: number) => formatNumber(n, 'sv', PAGE_NUMBER);
const NO_PROBLEMS: PageProblems = { console: [], pageErrors: [], csp: [] };

/** Chooses a file on the upload page and waits for the dry run's preview. */
async function dryRun(page: Page, file: string): Promise<void> {
  await page.goto('/upload');
  await pageReady(page);
  await page.setInputFiles('#file-input', path.join(SAMPLES, file));
  await page.waitForSelector('body[data-busy="false"] #actions:not([hidden])');
}

const count = (page: Page, k: string) => page.textContent(`#preview [data-count="${k}"] .stat-value`);

describe.skipIf(!hasChromium)(`uploading through the browser${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM_PATH})`}`, { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: () => Promise<PageProblems>;
  let clearProblems: () => void;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, problems, clearProblems } = await openPage(browser, server));
    await loginThroughPage(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports the areas, lab and flow files: dry run, preview, confirm, history', async () => {
    const files = [
      { file: 'areas.csv', kind: 'areas', rows: 3 },
      { file: 'lab-long-sv.csv', kind: 'lab', rows: 1008, values: 1008, censored: 135 },
      { file: 'flow-sv.csv', kind: 'flow', rows: 126 },
    ];
    for (const f of files) {
      await dryRun(page, f.file);
      expect(await page.inputValue('#kind'), f.file).toBe(f.kind);
      expect(await page.isVisible('#kind-note')).toBe(true);
      expect(await count(page, 'rows')).toBe(sv(f.rows));
      expect(await page.isEnabled('#confirm')).toBe(true);
      expect(await page.textContent('#preview')).toContain(f.file);
      if (f.kind === 'lab') {
        expect(await count(page, 'values')).toBe(sv(f.values!));
        expect(await count(page, 'accepted')).toBe(sv(1008));
        expect(await count(page, 'censored')).toBe(sv(f.censored!));
        const facts = await page.textContent('#preview .facts');
        expect(facts).toContain('windows-1252');
        expect(facts).toContain('semikolon (;)');
        expect(facts).toContain('komma (,)');
        expect(facts).toContain('lång');
        expect(facts).toContain('2020-09-14');
        expect(facts).toContain('EXS-ARV, EXS-CEN, EXS-NOR');
        // The lab file has no flow: warnings, shown with text, not only colour.
        expect(await page.locator('#issues tr.issue-warning').count()).toBeGreaterThan(0);
        expect(await page.textContent('#issues .badge-warning')).toContain('Varning');
        await screenshot(page, 'upload-preview');
      }
      await page.click('#confirm');
      await page.waitForSelector('#upload-message.message-ok');
      expect(await page.textContent('#upload-message')).toMatch(/Importen är klar: import nr \d+/);
      expect(await page.isEnabled('#reset')).toBe(true);
    }
    await page.goto('/imports');
    await pageReady(page);
    const rows = page.locator('#batches tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining('flow-sv.csv'), expect.stringContaining('lab-long-sv.csv'), expect.stringContaining('areas.csv'),
    ]);
    expect(await rows.nth(1).textContent()).toContain(`${sv(1008)} av ${sv(1008)}`);
    await screenshot(page, 'imports');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('says so, with a link to the batch, when the same file comes again', async () => {
    await page.goto('/upload');
    await pageReady(page);
    await page.setInputFiles('#file-input', path.join(SAMPLES, 'lab-long-sv.csv'));
    await page.waitForSelector('#upload-message.message-error');
    expect(await page.textContent('#upload-message')).toContain('redan importerad (import nr 2)');
    expect(await page.getAttribute('#upload-message a', 'href')).toBe('/imports#batch-2');
    expect(await page.isDisabled('#confirm')).toBe(true);
    // The 409 answer is expected; the browser logs it as a failed resource, and nothing else.
    expect(await problems()).toEqual({ ...NO_PROBLEMS, console: [expect.stringContaining('409')] });
    clearProblems();
  });

  it('lists every problem of a bad file, and adds an unknown sampling point as an alias', async () => {
    await dryRun(page, 'lab-with-errors.csv');
    expect(await page.isDisabled('#confirm')).toBe(true);
    expect(await page.textContent('#preview .message-error')).toContain('kan inte importeras');
    const errorLines = await page.locator('#issues tr.issue-error td:first-child').allTextContents();
    expect([...new Set(errorLines)]).toEqual(['4', '5', '6', '7', '8', '9', '10', '11']);
    expect(await page.textContent('#issues .badge-error')).toContain('Fel');
    const fix = page.locator('#alias-fixes .fix[data-unknown="OKÄND-PS"]');
    await fix.locator('select:not([disabled])').waitFor();
    await screenshot(page, 'upload-errors');
    // Nothing is pre-selected: the button cannot file the data anywhere until the user chooses.
    expect(await fix.locator('select').inputValue()).toBe('');
    expect(await fix.locator('button').isDisabled()).toBe(true);
    await fix.locator('select').selectOption('EXS-CEN');
    expect(await fix.locator('button').textContent()).toMatch(/^Koppla 'OKÄND-PS' till EXS-CEN — .+ — 1 rad$/);
    await fix.locator('button').click();
    // The alias is stored and the dry run re-runs by itself: line 4 is no longer an unknown area.
    await page.waitForFunction(() => !document.querySelector('#alias-fixes .fix[data-unknown="OKÄND-PS"]') && document.body.dataset.busy === 'false');
    // the column shows each code's Swedish title; the code itself is in data-code
    const codes = await page.locator('#issues tr.issue-error td:nth-child(4)').evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.code ?? ''));
    expect(codes).not.toContain('unknown_area');
    expect(codes).toContain('unknown_substance');
    await page.goto('/areas');
    expect(await page.textContent('tr[data-area="EXS-CEN"]')).toContain('OKÄND-PS');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('retracts a batch through the dialog, asking for a reason', async () => {
    await page.goto('/imports');
    await pageReady(page);
    await page.click('#batch-3 button[data-retract]');
    await page.waitForSelector('#retract-dialog[open]');
    await page.fill('#retract-reason', 'Fel flödesfil');
    await screenshot(page, 'retract-dialog');
    expect(await page.textContent('#retract-title')).toBe('Återkalla import 3?');
    await page.fill('#retract-reason', 'Fel flödesfil <script>alert(1)</script>');
    await Promise.all([page.waitForEvent('load'), page.click('#retract-submit')]);
    await pageReady(page);
    expect(await page.getAttribute('#batch-3', 'class')).toBe('retracted');
    expect(await page.textContent('#batch-3 .retract-note')).toContain('Fel flödesfil <script>alert(1)</script>');
    expect(await page.locator('#batch-3 button[data-retract]').count()).toBe(0);
    await screenshot(page, 'imports-retracted');
    expect(await problems()).toEqual(NO_PROBLEMS);
  });

  it('notices a CSP violation when there is one (the check above can fail)', async () => {
    const probe = await openPage(browser, server);
    await probe.page.goto('/login');
    await probe.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'document.title = "inline ran"';
      document.body.append(s);
    });
    await probe.page.waitForTimeout(200);
    expect(await probe.page.title()).not.toBe('inline ran');
    expect((await probe.problems()).csp.length).toBeGreaterThan(0);
    await probe.context.close();
  });
});
