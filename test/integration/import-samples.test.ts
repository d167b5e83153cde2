import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { allMeasurements, getJson, login, sendJson, upload, type Session } from '../http.ts';

interface TruthRow { area: string; date: string; key: string; flow: number; pop: number; loq: number; censored: boolean; conc: number }
const truth: TruthRow[] = JSON.parse(fs.readFileSync(path.join(SAMPLES, 'truth.json'), 'utf8')).rows;
const sample = (f: string) => path.join(SAMPLES, f);

/** Counts of every table that an import may touch, to prove that a failed one changed nothing. */
async function tableCounts(ctx: AppContext) {
  const q = async (t: 'measurements' | 'daily_flows') => {
    const r = await ctx.db.selectFrom(t).select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('active'), eb.lit(0)).as('a')]).executeTakeFirstOrThrow();
    return { n: Number(r.n), a: Number(r.a) };
  };
  const n = async (t: 'import_batches' | 'areas') => Number((await ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { measurements: await q('measurements'), flows: await q('daily_flows'), batches: await n('import_batches'), areas: await n('areas') };
}

describe('importing the sample deliveries through HTTP', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let s: Session;

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    s = await login(app);
  });
  afterAll(async () => ctx.destroy());

  it('imports areas, the long Swedish lab file and the flow file', async () => {
    expect((await upload(app, s, sample('areas.csv'))).status).toBe(201);
    const lab = await upload(app, s, sample('lab-long-sv.csv'));
    expect(lab.status).toBe(201);
    const rep = await lab.json();
    expect(rep.format).toEqual({ encoding: 'windows-1252', delimiter: ';', decimalSeparator: ',', layout: 'long' });
    expect(rep.counts).toMatchObject({ rows: 1008, values: 1008, accepted: 1008, duplicates: 0, rejected: 0, censored: 135 });
    expect(rep.issues.map((i: { code: string }) => i.code)).toContain('no_flow');
    const flow = await upload(app, s, sample('flow-sv.csv'));
    expect(flow.status).toBe(201);
    expect((await flow.json()).counts.accepted).toBe(126);
  });

  it('gives every value of truth.json, with normalised load = conc × flow / population', async () => {
    const rows = await allMeasurements(app, s);
    expect(rows).toHaveLength(1008);
    const byKey = new Map(rows.map((r) => [`${r.area}|${r.date}|${r.substance}`, r]));
    let uncensored = 0;
    let censored = 0;
    for (const t of truth) {
      const m = byKey.get(`${t.area}|${t.date}|${t.key}`);
      expect(m, `${t.area} ${t.date} ${t.key}`).toBeDefined();
      expect(m.censored).toBe(t.censored);
      expect(m.flowM3PerDay).toBe(t.flow);
      expect(m.population).toBe(t.pop);
      if (t.censored) {
        censored += 1;
        expect(m.concentrationNgL).toBeNull();
        expect(m.loqNgL).toBe(t.loq);
        // half_loq default: load from LOQ/2
        expect(m.normalizedLoad).toBeCloseTo(((t.loq / 2) * t.flow) / t.pop, 12);
      } else {
        uncensored += 1;
        expect(m.concentrationNgL).toBe(t.conc);
        // DOMAIN.md: load = C·Q/1000 mg/day; normalised = load·1000/P = C·Q/P
        const expected = (t.conc * t.flow) / t.pop;
        expect(Math.abs(m.normalizedLoad - expected)).toBeLessThanOrEqual(1e-12 * expected);
      }
    }
    expect([uncensored, censored]).toEqual([873, 135]);
  });

  it('computes consumption and doses from the catalog, null where there is no correction factor', async () => {
    const rows = await allMeasurements(app, s, 'area=EXS-ARV&substance=benzoylecgonine&from=2020-09-14&to=2020-09-14');
    expect(rows).toHaveLength(1);
    // 402.2 ng/L × 6224 m³/d / 24000 = 104.3039… mg/day/1000; × CF 2.33; / 100 mg dose
    const nl = (402.2 * 6224) / 24000;
    expect(rows[0].normalizedLoad).toBeCloseTo(nl, 10);
    expect(rows[0].consumption).toBeCloseTo(nl * 2.33, 10);
    expect(rows[0].doses).toBeCloseTo((nl * 2.33) / 100, 10);
    const tram = await allMeasurements(app, s, 'area=EXS-ARV&substance=tramadol&from=2020-09-14&to=2020-09-14');
    expect(tram[0].consumption).toBeNull();
  });

  it('refuses the wide English file (all duplicates) as nothing_new naming the batch, and the same file again as 409', async () => {
    const before = await allMeasurements(app, s);
    const batchesBefore = (await tableCounts(ctx)).batches;
    const wide = await upload(app, s, sample('lab-wide-en.csv'));
    expect(wide.status).toBe(422);
    const rep = (await wide.json()).report;
    expect(rep.format.layout).toBe('wide');
    expect(rep.counts.accepted).toBe(0);
    expect(rep.counts.duplicates).toBe(1008);
    expect(rep.issues.some((i: { code: string }) => i.code === 'duplicate_existing')).toBe(true);
    const refusal = rep.issues.find((i: { code: string }) => i.code === 'nothing_new');
    expect(refusal.batches).toEqual([2, 3]); // the lab file's values, the flow file's flows
    expect(refusal.message).toContain('batch 2');
    expect((await tableCounts(ctx)).batches).toBe(batchesBefore);
    expect(await allMeasurements(app, s)).toEqual(before);
    const again = await upload(app, s, sample('lab-long-sv.csv'));
    expect(again.status).toBe(409);
    const body = await again.json();
    expect(body.existingBatchId).toBe(2);
  });

  it('rejects lab-with-errors.csv whole, naming lines 4–11, and changes nothing', async () => {
    const before = await tableCounts(ctx);
    const res = await upload(app, s, sample('lab-with-errors.csv'));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    const errorLines = [...new Set(body.errors.map((e: { row: number }) => e.row))].sort((a: any, b: any) => a - b);
    expect(errorLines).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    const expectedCodes: Record<number, string> = { 4: 'unknown_area', 5: 'bad_date', 6: 'negative_value', 7: 'not_a_number', 8: 'unknown_unit', 9: 'unknown_substance', 10: 'end_before_start', 11: 'missing_value' };
    for (const e of body.errors) {
      expect(e.code).toBe(expectedCodes[e.row]);
      expect(e.column).toBeTruthy();
      expect(e.message.length).toBeGreaterThan(10);
    }
    expect(body.report.issues.find((i: { row: number; severity: string }) => i.row === 3 && i.severity === 'warning')?.code).toBe('duplicate_row');
    expect(await tableCounts(ctx)).toEqual(before);

    // Without lines 4–11, the two valid values (lines 2 and 12) import.
    const lines = fs.readFileSync(sample('lab-with-errors.csv'), 'utf8').split('\n');
    const fixed = [...lines.slice(0, 3), ...lines.slice(11)].join('\n');
    const ok = await upload(app, s, { name: 'lab-fixed.csv', bytes: fixed });
    expect(ok.status).toBe(201);
    const rep = await ok.json();
    expect(rep.counts).toMatchObject({ accepted: 2, duplicates: 1 });
    const amf = await allMeasurements(app, s, 'area=EXS-ARV&from=2023-09-11&to=2023-09-12');
    expect(amf.map((m) => [m.substance, m.concentrationNgL]).sort()).toEqual([['amphetamine', 512.3], ['cocaine', 45.5]]);
  });

  it('a dry run reports and writes nothing', async () => {
    const before = await tableCounts(ctx);
    const csv = 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-03-01;Kokain;12,5;ng/L\n';
    const res = await upload(app, s, { name: 'dry.csv', bytes: csv }, 'dryRun=true');
    expect(res.status).toBe(200);
    const rep = await res.json();
    expect(rep.wouldCommit).toBe(true);
    expect(rep.counts.accepted).toBe(1);
    expect(rep.id).toBeNull();
    expect(await tableCounts(ctx)).toEqual(before);
  });

  it('keeps the original bytes and lists the batch', async () => {
    const res = await app.request('/api/v1/imports/2/file', { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(sample('lab-long-sv.csv')))).toBe(true);
    const list = await getJson(app, s, '/api/v1/imports');
    expect(list.body.map((b: { fileName: string }) => b.fileName)).toContain('lab-long-sv.csv');
  });

  it('retracting a batch removes its values from the API but keeps batch and file; a replaced value comes back', async () => {
    // Replace one value, then retract the replacing batch.
    const csv = 'Provpunkt;Provtagning start;Analys;Halt;Enhet\nEXS-ARV;2020-09-14 07:00;Kokain;999,9;µg/m³\n';
    const rejected = await upload(app, s, { name: 'fix.csv', bytes: csv });
    expect(rejected.status).toBe(422);
    expect((await rejected.json()).errors[0].code).toBe('conflict_existing');
    const replaced = await upload(app, s, { name: 'fix.csv', bytes: csv }, 'onConflict=replace');
    expect(replaced.status).toBe(201);
    const replacing = (await replaced.json()).id;
    const q = 'area=EXS-ARV&substance=cocaine&from=2020-09-14&to=2020-09-14';
    expect((await allMeasurements(app, s, q))[0].concentrationNgL).toBe(999.9);
    expect((await sendJson(app, s, 'DELETE', `/api/v1/imports/${replacing}`, { reason: 'wrong value' })).status).toBe(204);
    expect((await allMeasurements(app, s, q))[0].concentrationNgL).toBe(182.2);
    expect((await sendJson(app, s, 'DELETE', `/api/v1/imports/${replacing}`, { reason: 'again' })).status).toBe(409);

    // Retract the whole lab file: its values leave; batch and original stay.
    expect((await sendJson(app, s, 'DELETE', '/api/v1/imports/2', { reason: 'test' })).status).toBe(204);
    const left = await allMeasurements(app, s);
    expect(left.filter((m) => m.batchId === 2)).toHaveLength(0);
    const batch = await getJson(app, s, '/api/v1/imports/2');
    expect(batch.body.status).toBe('retracted');
    expect((await app.request('/api/v1/imports/2/file', { headers: { cookie: s.cookie } })).status).toBe(200);
    // After the retraction the same file may be imported again, in full.
    const re = await upload(app, s, sample('lab-long-sv.csv'));
    expect(re.status).toBe(201);
    expect((await re.json()).counts.accepted).toBe(1008);
  });
});

describe('warnings that do not block', () => {
  it('warns about a value far outside the area history and about a changed LOQ, and still imports', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const s = await login(app);
    await upload(app, s, sample('areas.csv'));
    await upload(app, s, sample('lab-long-sv.csv'));
    // EXS-ARV amphetamine ranged ~150–700 ng/L; 9 000 is more than 10 × the highest. LOQ 5 → 2.
    const csv = 'Provpunkt;Provtagning start;Analys;Halt;Enhet;Rapporteringsgräns\nEXS-ARV;2023-09-11 07:00;Amfetamin;9000;µg/m³;2,0\n';
    const res = await upload(app, s, { name: 'new.csv', bytes: csv });
    expect(res.status).toBe(201);
    const codes = (await res.json()).issues.map((i: { code: string; row: number }) => `${i.code}@${i.row}`);
    expect(codes).toContain('outlier@2');
    expect(codes).toContain('loq_changed@2');
    expect(codes).toContain('no_flow@2');
    await ctx.destroy();
  });
});

describe('the history an import compares with, read a few areas at a time', () => {
  it('warns about an outlier and a changed LOQ in the twelfth area exactly as in the first', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const s = await login(app);
    // Twelve areas (more than one history read holds), each with five amphetamine values of
    // 100–140 ng/L and LOQ 5 (hand-made: 10 × the highest is 1 400).
    const codes = Array.from({ length: 12 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`);
    await upload(app, s, { name: 'areas.csv', bytes: `code,name,parent,population\n${codes.map((c) => `${c},Area ${c},,20000`).join('\n')}\n` });
    const history = codes.flatMap((c) => [0, 1, 2, 3, 4].map((d) => `${c};2024-01-0${d + 1};Amfetamin;${100 + 10 * d};ng/L;5`));
    expect((await upload(app, s, { name: 'history.csv', bytes: `Provpunkt;Datum;Analys;Halt;Enhet;Rapporteringsgräns\n${history.join('\n')}\n` })).status).toBe(201);
    // 2 000 ng/L (> 1 400) with LOQ 2 in the first and the last area; 500 ng/L, LOQ 5 in the sixth.
    const csv = 'Provpunkt;Datum;Analys;Halt;Enhet;Rapporteringsgräns\nA01;2024-02-01;Amfetamin;2000;ng/L;2\nA06;2024-02-01;Amfetamin;500;ng/L;5\nA12;2024-02-01;Amfetamin;2000;ng/L;2\n';
    const res = await upload(app, s, { name: 'new.csv', bytes: csv });
    expect(res.status).toBe(201);
    const issues = (await res.json()).issues.map((i: { code: string; row: number }) => `${i.code}@${i.row}`).filter((c: string) => /^(outlier|loq_changed)/.test(c));
    expect(issues.sort()).toEqual(['loq_changed@2', 'loq_changed@4', 'outlier@2', 'outlier@4']);
    await ctx.destroy();
  });
});

describe('onConflict=skip', () => {
  it('keeps stored values, but still rejects two lines of the file that contradict each other', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const s = await login(app);
    await upload(app, s, sample('areas.csv'));
    await upload(app, s, { name: 'first.csv', bytes: 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-03-01;Kokain;10;ng/L\n' });
    const skipped = await upload(app, s, { name: 'second.csv', bytes: 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-03-01;Kokain;11;ng/L\nEXS-ARV;2024-03-02;Kokain;5;ng/L\n' }, 'onConflict=skip');
    expect(skipped.status).toBe(201);
    expect((await skipped.json()).counts).toMatchObject({ accepted: 1, rejected: 1 });
    // Lines 2 and 3 disagree with each other (11 vs 12) as well as with the stored 10.
    const contradict = await upload(app, s, { name: 'third.csv', bytes: 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-03-01;Kokain;11;ng/L\nEXS-ARV;2024-03-01;Kokain;12;ng/L\n' }, 'onConflict=skip');
    expect(contradict.status).toBe(422);
    const body = await contradict.json();
    expect(body.errors.map((e: { row: number; code: string }) => `${e.code}@${e.row}`)).toEqual(['conflicting_duplicate@3']);
    expect((await allMeasurements(app, s, 'area=EXS-ARV&substance=cocaine'))).toHaveLength(2);
    await ctx.destroy();
  });
});
