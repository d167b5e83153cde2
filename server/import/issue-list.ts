/**
 * "Ladda ner fellista": a file's issues as a CSV to send to the lab (line, column, value, problem,
 * message). Pure, so the upload page builds the same file in the browser from a preview.
 * Semicolons and a byte-order mark, as Swedish Excel opens CSV files.
 */
import { ISSUE_LIST_HEADINGS, issueMessage, issueTitle } from '../i18n/issues.ts';
import type { Lang } from '../i18n/lang.ts';

export interface ListedIssue { row: number | null; column: string | null; code: string; message: string; value?: string; severity?: string; suggestions?: string[]; batches?: number[] }

function cell(v: string | number | null | undefined): string {
  const s = v == null ? '' : String(v);
  // A cell starting with = + - @ would be a formula in Excel: a quote makes it text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function issueListCsv(issues: ListedIssue[], lang: Lang): string {
  const lines = [ISSUE_LIST_HEADINGS[lang].join(';')];
  const sorted = [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  for (const i of sorted) lines.push([i.row, i.column, i.value, issueTitle(i.code, lang) ?? i.code, issueMessage(i, lang)].map(cell).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
