import { describe, expect, it } from 'vitest';
import { issueListCsv } from '../../../server/import/issue-list.ts';
import type { ImportIssue } from '../../../server/import/report.ts';
import { groupIssues, lineRanges } from '../../../web/client/issue-groups.ts';

const unknown = (row: number, value: string): ImportIssue => ({ row, column: 'Provpunkt', severity: 'error', code: 'unknown_area', message: `Unknown sampling point "${value}".`, value });

describe('grouped issues', () => {
  it('1 000 identical issues become one group with the count and the lines', () => {
    const issues = Array.from({ length: 1000 }, (_, k) => unknown(k + 2, 'OKÄND-PS'));
    const groups = groupIssues(issues);
    expect(groups).toHaveLength(1);
    expect(groups[0].count).toBe(1000);
    expect(lineRanges(groups[0].rows)).toBe('2–1001');
  });

  it('keeps different names, codes and columns apart, in order of first appearance', () => {
    const issues: ImportIssue[] = [
      unknown(2, 'A'), unknown(3, 'B'), unknown(4, 'A'),
      { row: 5, column: 'Halt', severity: 'error', code: 'not_a_number', message: 'Line 5: "x" is not a number.', value: 'x' },
      { row: 9, column: 'Halt', severity: 'error', code: 'not_a_number', message: 'Line 9: "x" is not a number.', value: 'x' },
    ];
    const groups = groupIssues(issues);
    expect(groups.map((g) => [g.first.code, g.first.value, g.count, g.rows])).toEqual([
      ['unknown_area', 'A', 2, [2, 4]], ['unknown_area', 'B', 1, [3]], ['not_a_number', 'x', 2, [5, 9]],
    ]);
  });

  it('writes line ranges compactly and cuts long lists', () => {
    expect(lineRanges([7, 2, 3, 4, 4])).toBe('2–4, 7');
    expect(lineRanges([1, 3, 5, 7, 9], 3)).toBe('1, 3, 5, …');
    expect(lineRanges([])).toBe('');
  });
});

describe('the error list for the lab (CSV)', () => {
  it('has a BOM, Swedish headings, one line per issue sorted by line, quoted where needed, formulas defused', () => {
    const csv = issueListCsv([
      { row: 4, column: 'Halt', code: 'not_a_number', message: 'Not a number; "12,5 ng"', value: '12,5 ng' },
      { row: 2, column: 'Provpunkt', code: 'unknown_area', message: 'x', value: '=HYPERLINK("x")' },
    ], 'sv');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Rad;Kolumn;Värde;Fel;Meddelande',
      '2;Provpunkt;"\'=HYPERLINK(""x"")";Okänd provpunkt;"Okänd provpunkt ""=HYPERLINK(""x"")"". Lägg till den under Områden, eller lägg till ""=HYPERLINK(""x"")"" som alias för ett befintligt område."',
      '4;Halt;12,5 ng;Inte ett tal;Värdet är inte ett tal.', // the Swedish list says it in Swedish (issue 14); the value stands in its own column
      '',
    ]);
  });
});
