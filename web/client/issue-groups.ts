import type { ImportIssue } from '../../server/import/report.ts';

/** Issues that differ only in their line: one row in the preview, with the count and the lines. */
export interface IssueGroup { first: ImportIssue; rows: number[]; count: number }

/** Groups issues by severity, code and column (and message once the line number is taken out), in order of first appearance. */
export function groupIssues(issues: ImportIssue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const i of issues) {
    const text = i.row == null ? i.message : i.message.split(String(i.row)).join('#');
    const key = `${i.severity}\u0000${i.code}\u0000${i.column ?? ''}\u0000${i.code === 'unknown_area' || i.code === 'unknown_substance' ? i.value ?? '' : text}`;
    const g = groups.get(key);
    if (g) {
      g.count += 1;
      if (i.row != null) g.rows.push(i.row);
    } else groups.set(key, { first: i, rows: i.row == null ? [] : [i.row], count: 1 });
  }
  return [...groups.values()];
}

/** 2, 3, 4, 7 → "2–4, 7"; long lists end in "…". */
export function lineRanges(rows: number[], max = 12): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return parts.length > max ? `${parts.slice(0, max).join(', ')}, …` : parts.join(', ');
}
