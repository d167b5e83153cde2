/**
 * Every issue the importer reports on the sample files with errors (and a few broken files made
 * here) reads as Swedish words on the Swedish pages: each message matches a known rewrite (not the
 * per-code fallback) and keeps its facts (the value and the line numbers).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { issueMessage, issueTitle } from '../../server/i18n/issues.ts';
import { SV_REWRITES } from '../../server/i18n/issue-messages.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { login, upload, type Session } from '../http.ts';

type Issue = { row: number | null; code: string; message: string; value?: string };
const ENGLISH = /\b(the|is|are|not|value|file|line|column|must|found|unknown|empty|batch)\b/i;

describe('import issues in Swedish', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  const issuesOf = async (file: string | { name: string; bytes: string }, query: string) => {
    const res = await upload(app, admin, file, query);
    const body = await res.json();
    return (body.issues ?? body.report?.issues ?? []) as Issue[];
  };

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    expect((await upload(app, admin, path.join(SAMPLES, 'areas.csv'), 'kind=areas')).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('rewrites every message of the files with errors, keeping values and line numbers', async () => {
    const issues = [
      ...(await issuesOf(path.join(SAMPLES, 'lab-with-errors.csv'), 'dryRun=true')),
      ...(await issuesOf({ name: 'flow.csv', bytes: 'Provpunkt;Datum;Flöde (m3/d)\nEXS-ARV;2023-09-11;abc\nEXS-ARV;2023-13-45;100\nOKÄND;2023-09-12;100\nEXS-ARV;2023-09-13;-5\n' }, 'dryRun=true&kind=flow')),
      ...(await issuesOf({ name: 'areas.csv', bytes: 'code;name;population\n;Namnlös;100\nX-1;X;-3\nX-2;X;abc\n' }, 'dryRun=true&kind=areas')),
      ...(await issuesOf({ name: 'tom.csv', bytes: 'Provpunkt;Provtagning start;Analys;Halt;Enhet\n' }, 'dryRun=true')),
    ];
    expect(issues.length).toBeGreaterThan(8);
    const codes = new Set<string>();
    for (const i of issues) {
      codes.add(i.code);
      const sv = issueMessage(i, 'sv');
      expect(issueTitle(i.code, 'sv'), i.code).not.toBeNull();
      expect(sv, i.message).not.toMatch(ENGLISH);
      const known = SV_REWRITES.some(([re]) => re.test(i.message)) || ['no_areas', 'no_data', 'nothing_new', 'unknown_area', 'unknown_substance'].includes(i.code);
      expect(known, `no rewrite for: ${i.message}`).toBe(true);
      if (i.value) expect(sv, i.message).toContain(i.value);
      for (const n of i.message.match(/\bline (\d+)/g) ?? []) expect(sv).toContain(n.split(' ')[1]);
    }
    expect(codes.size).toBeGreaterThanOrEqual(5);
  });

  it('English stays the importer\'s own words', () => {
    const i = { code: 'not_a_number', message: 'Flow "abc" is not a number.', value: 'abc' };
    expect(issueMessage(i, 'en')).toBe('Flow "abc" is not a number.');
    expect(issueMessage(i, 'sv')).toBe('Flödet ”abc” är inte ett tal.');
    // a message no pattern knows still reads Swedish (by its code)
    expect(issueMessage({ code: 'bad_date', message: 'Some new wording.' }, 'sv')).toBe('Datumet går inte att läsa.');
  });
});
