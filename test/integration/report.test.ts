/**
 * The baseline report on the sample municipality (real app, real temp DB, samples imported,
 * baseline period 2020-09-14..2020-09-20), checked against the stats API and read back the way
 * a person or a spreadsheet reads it: pdftotext, pdftoppm, the HTML text, papaparse.
 *
 * Number rule, checked here independently of the report's own formatter: a figure is written as
 * Intl.NumberFormat('sv-SE', {maximumSignificantDigits: 3}) below 1 000 and
 * Intl.NumberFormat('sv-SE', {maximumFractionDigits: 0}) from 1 000 up (decimal comma, no-break
 * space between thousands). pdftotext may give the no-break space as a plain space, so both
 * sides are compared with U+00A0 → ' '.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { EUDA_SKIP_NOTE, HAVE_EUDA, REFERENCE_DIR, SAMPLES, sameDatabaseEnv, testContext } from '../helpers.ts';
import { getJson, headers, login, sendJson, upload, type Session } from '../http.ts';

const FROM = '2020-09-14';
const TO = '2020-09-20';
const HYPERLINK = '=HYPERLINK("x")';
const SCRIPT = '<script>';
const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0 && spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).status === 0;
if (!poppler) console.warn('report.test: pdftotext/pdftoppm missing (apt-get install -y poppler-utils): the PDF text and pixel checks are skipped.');

/** The report's number rule, written with Intl (see the header comment). */
function expected(v: number): string {
  const nf = Math.abs(v) >= 1000 ? new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }) : new Intl.NumberFormat('sv-SE', { maximumSignificantDigits: 3 });
  return nf.format(v).replace(/\u2212/g, '-').replace(/\u00a0/g, ' ');
}

/** The formatted number as a whole token (not the tail of a longer number). */
function hasNumber(text: string, formatted: string): boolean {
  const esc = formatted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d,])${esc}(?![\\d]|,\\d)`).test(text);
}

/** A phrase as a regex that allows any line break or layout spacing between its words. */
function words(phrase: string): RegExp {
  return new RegExp(phrase.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
}

/** Pixels of a binary PPM (P6, maxval 255), as pdftoppm writes it without -png: "P6 w h 255\n" then RGB bytes. */
function ppm(bytes: Buffer): { width: number; height: number; rgb: Buffer } {
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!m || m[3] !== '255') throw new Error('not an 8-bit PPM');
  const [width, height] = [Number(m[1]), Number(m[2])];
  return { width, height, rgb: bytes.subarray(m[0].length, m[0].length + width * height * 3) };
}

describe('baseline report', () => {
  let ctx: AppContext;
  let dir: string;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let coordinator: Session;
  let viewer: Session;
  let pdf: Buffer;
  let pdfText = '';
  let areas: { code: string; name: string; population: number | null }[];
  let substanceNames: Map<string, string>;
  /** The API's baseline per area × substance in the report. */
  const api = new Map<string, Record<string, any>>();

  beforeAll(async () => {
    // 7 000 so that Norrby PS (6 500) and the small test area fall under the ethics note.
    ({ ctx, dir } = await testContext({ MIN_PUBLIC_POPULATION: '7000' }));
    app = createApp(ctx);
    admin = await login(app);
    for (const role of ['coordinator', 'viewer'] as const) {
      expect((await sendJson(app, admin, 'POST', '/api/v1/users', { email: `${role}@example.se`, role, password: `${role}-password-123` })).status).toBe(201);
    }
    coordinator = await login(app, 'coordinator@example.se', 'coordinator-password-123');
    viewer = await login(app, 'viewer@example.se', 'viewer-password-123');
    for (const f of ['areas.csv', 'lab-long-sv.csv', 'flow-sv.csv']) expect((await upload(app, coordinator, path.join(SAMPLES, f))).status).toBe(201);
    // Hostile area names, with a week of cocaine each (LOQ changes mid-week for EVIL-1).
    expect((await sendJson(app, coordinator, 'PUT', '/api/v1/areas/EVIL-1', { name: HYPERLINK, population: 12000 })).status).toBeLessThan(300);
    expect((await sendJson(app, coordinator, 'PUT', '/api/v1/areas/EVIL-2', { name: SCRIPT, population: 3000 })).status).toBeLessThan(300);
    const lab = ['Provpunkt;Datum;Analys;Halt;Enhet;Rapporteringsgräns;Flöde (m3/d)'];
    for (let d = 14; d <= 20; d++) {
      lab.push(`EVIL-1;2020-09-${d};Kokain;${(40 + d).toFixed(1).replace('.', ',')};ng/L;${d < 17 ? '2' : '5'};3000`);
      lab.push(`EVIL-2;2020-09-${d};Kokain;${(25 + d).toFixed(1).replace('.', ',')};ng/L;2;800`);
    }
    expect((await upload(app, coordinator, { name: 'evil-lab.csv', bytes: lab.join('\n') + '\n' })).status).toBe(201);
    // The EUDA reference files are not bundled (test/helpers.ts): without them the report has no
    // European comparison, and everything else is checked all the same.
    if (HAVE_EUDA) {
      expect((await upload(app, coordinator, path.join(REFERENCE_DIR, 'euda-wastewater-2011-2022.csv'), 'kind=reference')).status).toBe(201);
      expect((await upload(app, coordinator, path.join(REFERENCE_DIR, 'euda-sites.csv'), 'kind=reference')).status).toBe(201);
    } else {
      console.warn(`report.test: ${EUDA_SKIP_NOTE}`);
    }
    expect((await sendJson(app, coordinator, 'POST', '/api/v1/periods', { name: 'Nollmätning hösten 2020', from: FROM, to: TO, baseline: true })).status).toBe(201);

    areas = (await getJson(app, coordinator, '/api/v1/areas')).body;
    substanceNames = new Map((await getJson(app, coordinator, '/api/v1/substances')).body.map((s: { key: string; nameSv: string }) => [s.key, s.nameSv]));
    const measured = await getJson(app, coordinator, `/api/v1/measurements?from=${FROM}&to=${TO}&limit=100000`);
    const pairs = new Set<string>(measured.body.data.map((m: { area: string; substance: string }) => `${m.area}|${m.substance}`));
    for (const pair of pairs) {
      const [area, substance] = pair.split('|');
      const { status, body } = await getJson(app, coordinator, `/api/v1/stats/baseline?area=${area}&substance=${substance}&from=${FROM}&to=${TO}`);
      expect(status).toBe(200);
      api.set(pair, body);
    }
    expect(api.size).toBe(3 * 8 + 2);

    const res = await app.request('/api/v1/reports/baseline?format=pdf', { headers: headers(coordinator) });
    expect(res.status).toBe(200);
    pdf = Buffer.from(await res.arrayBuffer());
    fs.writeFileSync(path.join(dir, 'report.pdf'), pdf);
    if (poppler) {
      const r = spawnSync('pdftotext', ['-layout', path.join(dir, 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(r.status).toBe(0);
      pdfText = r.stdout.replace(/\u00a0/g, ' ');
    }
  });
  afterAll(async () => ctx.destroy());

  it('is for coordinators: viewer 403, coordinator 200 with a PDF attachment, and the export is audited', async () => {
    expect((await app.request('/api/v1/reports/baseline', { headers: headers(viewer) })).status).toBe(403);
    expect((await app.request('/report', { headers: headers(viewer) })).status).toBe(403);
    const res = await app.request('/api/v1/reports/baseline?format=pdf&areas=EXS-ARV&substances=cocaine', { headers: headers(coordinator) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="lagesbild-nollmatning-2020-09-14.pdf"');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const log = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'report_exported').execute();
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.every((l) => l.actor === 'coordinator@example.se')).toBe(true);
    expect(JSON.parse(log[log.length - 1].details_json)).toMatchObject({ format: 'pdf', from: FROM, to: TO, areas: ['EXS-ARV'], substances: ['cocaine'] });
    const page = await app.request('/report', { headers: headers(coordinator) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('action="/api/v1/reports/baseline"');
  });

  it('answers input problems as problem+json', async () => {
    const ask = async (q: string) => (await app.request(`/api/v1/reports/baseline?${q}`, { headers: headers(coordinator) })).status;
    expect(await ask('areas=NOPE')).toBe(404);
    expect(await ask('substances=nope')).toBe(404);
    expect(await ask('from=2020-09-20&to=2020-09-14')).toBe(400);
    expect(await ask('from=2020-09-14')).toBe(400);
    expect(await ask('format=docx')).toBe(400);
    expect(await ask('from=1999-01-01&to=1999-01-31')).toBe(422);
    // what the report page's form sends: empty date fields beside a chosen period, repeated checkboxes
    const periods = (await getJson(app, coordinator, '/api/v1/periods')).body as { id: number }[];
    const res = await app.request(`/api/v1/reports/baseline?period=${periods[0].id}&from=&to=&areas=EXS-ARV&areas=EXS-CEN&substances=cocaine&format=csv`, { headers: headers(coordinator) });
    expect(res.status).toBe(200);
    const rows = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => `${r.area}|${r.substance}`)).toEqual(['EXS-ARV|cocaine', 'EXS-CEN|cocaine']);
  });

  it.skipIf(!poppler)('PDF text: every area (code and name), every substance, every baseline mean as the API gives it', async () => {
    for (const a of areas) {
      expect(pdfText, a.code).toContain(a.code);
      expect(pdfText, a.name).toContain(a.name);
    }
    for (const key of new Set([...api.keys()].map((k) => k.split('|')[1]))) expect(pdfText, key).toContain(substanceNames.get(key)!);
    for (const [pair, b] of api) {
      // DOMAIN.md "Below LOQ" (issue 11): mostly censored ⇒ "< LOQ, högst X", no mean or interval.
      if (b.belowLoq) {
        expect(hasNumber(pdfText, expected(b.upperBound)), `${pair} upper bound`).toBe(true);
        continue;
      }
      expect(hasNumber(pdfText, expected(b.mean)), `${pair} mean ${b.mean} → ${expected(b.mean)}`).toBe(true);
      expect(hasNumber(pdfText, expected(b.median)), `${pair} median`).toBe(true);
      expect(pdfText, `${pair} ci95`).toContain(`${expected(b.ci95[0])}–${expected(b.ci95[1])}`);
    }
    const pages = pdfText.split('\f').filter((p) => p.trim());
    pages.forEach((p, i) => expect(p).toContain(`Sida ${i + 1} av ${pages.length}`));
    // Swedish letters and µ come through; a character the font lacks is written out, never dropped.
    for (const s of ['å', 'ä', 'ö', 'µg/m³', 'Områden och befolkning']) expect(pdfText).toContain(s);
    expect(pdfText).toMatch(/Castiglioni et al\. 2013 use (≈|~)3\.59/);
    // Ethics note: both areas under 7 000 people, the small test area included.
    expect(pdfText).toMatch(words('Norrby PS (EXS-NOR, 6 500 personer)'));
    expect(pdfText).toMatch(words('<script> (EVIL-2, 3 000 personer)'));
    // Data quality: the LOQ change in EVIL-1; appendix: every import with its SHA-256.
    expect(pdfText).toMatch(words('rapporteringsgränsen ändrades från 2 till 5 ng/L'));
    const batches = await ctx.db.selectFrom('import_batches').select(['file_name as fileName', 'sha256']).where('status', '=', 'committed').execute();
    expect(batches).toHaveLength(HAVE_EUDA ? 6 : 4); // areas, lab, flow, the evil lab file (+ the two EUDA files)
    for (const b of batches) expect(pdfText, b.fileName).toContain(`SHA-256: ${b.sha256}`);
  });

  it.skipIf(!poppler)('chart pages are not blank', () => {
    const pages = pdfText.split('\f');
    const chartPages = pages.map((p, i) => ({ p, n: i + 1 })).filter(({ p }) => p.includes('Provtagningsdatum') || p.includes('Veckodag'));
    expect(chartPages.length).toBeGreaterThanOrEqual(9);
    for (const { n } of chartPages) {
      const out = path.join(dir, `page-${n}`);
      const r = spawnSync('pdftoppm', ['-r', '50', '-f', String(n), '-l', String(n), '-singlefile', path.join(dir, 'report.pdf'), out]);
      expect(r.status).toBe(0);
      const { width, height, rgb } = ppm(fs.readFileSync(`${out}.ppm`));
      expect(width * height).toBeGreaterThan(100_000);
      let ink = 0, colour = 0;
      for (let i = 0; i < rgb.length; i += 3) {
        const [r0, g0, b0] = [rgb[i], rgb[i + 1], rgb[i + 2]];
        if (Math.min(r0, g0, b0) < 200) ink++;
        if (Math.max(r0, g0, b0) - Math.min(r0, g0, b0) > 60) colour++;
      }
      // A page with only the running header, a heading and the page number has ~0.3 % ink and
      // ~0.2 % colour at 50 dpi; one line chart alone brings ~2 % ink and ~0.8 % colour.
      expect(ink / (width * height), `page ${n} ink`).toBeGreaterThan(0.01);
      expect(colour / (width * height), `page ${n} colour`).toBeGreaterThan(0.003);
    }
  });

  it('HTML: one self-contained file with the same numbers, every text escaped', async () => {
    const res = await app.request('/api/v1/reports/baseline?format=html', { headers: headers(coordinator) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="lagesbild-nollmatning-2020-09-14.html"');
    const html = await res.text();
    const text = html.replace(/\u00a0/g, ' ');
    for (const [pair, b] of api) expect(hasNumber(text, expected(b.mean)), `${pair} mean`).toBe(true);
    // Nothing to fetch: no external URL, no script.
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/i);
    expect(html).toContain('<svg');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
    const preview = await app.request('/api/v1/reports/baseline?preview=1', { headers: headers(coordinator) });
    expect(preview.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('CSV parses back to exactly the API numbers, neutralises formulas, and is byte-identical on a second call', async () => {
    const get = async (format: string) => Buffer.from(await (await app.request(`/api/v1/reports/baseline?format=${format}`, { headers: headers(coordinator) })).arrayBuffer());
    const csv = await get('csv');
    expect(csv.equals(await get('csv'))).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.toString('utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(api.size);
    for (const row of parsed.data) {
      const b = api.get(`${row.area}|${row.substance}`)!;
      expect(b, `${row.area} ${row.substance}`).toBeDefined();
      // empty cell = null (a "< LOQ" result has no mean, interval or weekend ratio: DOMAIN.md "Below LOQ")
      const num = (v: string) => (v === '' ? null : Number(v));
      for (const k of ['n', 'nCensored', 'shareCensored', 'mean', 'median', 'weekdayMean', 'weekendMean', 'weekendRatio']) expect(num(row[k]), k).toBe(b[k]);
      expect(b.ci95 === null ? [num(row.ci95Low), num(row.ci95High)] : [Number(row.ci95Low), Number(row.ci95High)]).toEqual(b.ci95 ?? [null, null]);
      expect(num(row.upperBound)).toBe(b.belowLoq ? b.upperBound : null);
      expect(row.unit).toBe(b.unit);
    }
    expect(parsed.data.find((r) => r.area === 'EVIL-1')!.areaName).toBe(`'${HYPERLINK}`);
    expect(csv.toString('utf8')).toContain(`"'=HYPERLINK(""x"")"`);

    const excel = await get('csv-excel');
    expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(excel.toString('utf8').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0][0]).toBe('Områdeskod');
    const arv = rows.find((r) => r[0] === 'EXS-ARV' && r[2] === 'benzoylecgonine')!;
    expect(Number(arv[9].replace(',', '.'))).toBe(api.get('EXS-ARV|benzoylecgonine')!.mean);
    expect(rows.find((r) => r[0] === 'EVIL-1')![1]).toBe(`'${HYPERLINK}`);
  });

  it('the CLI writes the same CSV as the API', async () => {
    const out = path.join(dir, 'cli.csv');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'report', '--from', FROM, '--to', TO, '--format', 'csv', '--out', out], {
      encoding: 'utf8', env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', MIN_PUBLIC_POPULATION: '7000', ...sameDatabaseEnv(ctx.config) },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Wrote');
    const res = await app.request(`/api/v1/reports/baseline?format=csv&from=${FROM}&to=${TO}`, { headers: headers(coordinator) });
    expect(fs.readFileSync(out).equals(Buffer.from(await res.arrayBuffer()))).toBe(true);
  });
});
