import type { ImportKind } from './columns.ts';
import type { Encoding } from './decode.ts';

export type Severity = 'error' | 'warning';

export interface ImportIssue {
  row: number | null;
  column: string | null;
  severity: Severity;
  code: string;
  message: string;
  /** The cell text, when the issue is about one cell. */
  value?: string;
  /** Closest known names, for unknown areas and substances. */
  suggestions?: string[];
  /** The batches that already hold the values (`nothing_new`). */
  batches?: number[];
}

/** Longest cell value (and column name) an issue repeats; a message may be somewhat longer. */
export const MAX_ISSUE_VALUE_CHARS = 200;
const MAX_ISSUE_MESSAGE_CHARS = 600;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}… (${s.length.toLocaleString('en')} characters)` : s);

/**
 * An issue as reported: a stray quote can make one cell of a whole file, and the report must not
 * echo megabytes back (nor store them in the batch's report).
 */
function clipIssue(i: ImportIssue): ImportIssue {
  return {
    ...i, message: clip(i.message, MAX_ISSUE_MESSAGE_CHARS),
    ...(i.column != null ? { column: clip(i.column, MAX_ISSUE_VALUE_CHARS) } : {}),
    ...(i.value !== undefined ? { value: clip(i.value, MAX_ISSUE_VALUE_CHARS) } : {}),
  };
}

export interface ImportReport {
  id: number | null;
  kind: ImportKind | null;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  dryRun: boolean;
  onConflict: OnConflict;
  wouldCommit: boolean;
  committed: boolean;
  format: { encoding: Encoding; delimiter: string; decimalSeparator: '.' | ','; layout: 'long' | 'wide' | 'table' | null };
  counts: { rows: number; values: number; accepted: number; rejected: number; duplicates: number; censored: number };
  issues: ImportIssue[];
  /** Issues beyond the cap are counted, not listed, so a broken huge file cannot exhaust memory. */
  issuesOmitted: number;
  period: { from: string | null; to: string | null };
  areas: string[];
  substances: string[];
  flows?: { accepted: number; duplicates: number };
}

export type OnConflict = 'reject' | 'replace' | 'skip';

export const MAX_LISTED_ISSUES = 1000;

/** Where a reader of rows reports what is wrong with them (the report, or a recorder on the reading thread). */
export interface IssueSink {
  error(row: number | null, column: string | null, code: string, message: string, extra?: Partial<ImportIssue>): void;
  warning(row: number | null, column: string | null, code: string, message: string, extra?: Partial<ImportIssue>): void;
}

/** Collects issues and counts while a file is read. */
export class ReportBuilder implements IssueSink {
  readonly report: ImportReport;
  errorCount = 0;
  private areaSet = new Set<string>();
  private substanceSet = new Set<string>();
  /**
   * Called before an issue is added: the importer writes values a few hundred at a time, and
   * hands over the outcomes of the values it holds first, so issues arise in file order.
   */
  beforeIssue: (() => void) | null = null;

  constructor(init: Pick<ImportReport, 'fileName' | 'sha256' | 'sizeBytes' | 'dryRun' | 'onConflict' | 'kind' | 'format'>) {
    this.report = {
      id: null,
      wouldCommit: false,
      committed: false,
      counts: { rows: 0, values: 0, accepted: 0, rejected: 0, duplicates: 0, censored: 0 },
      issues: [],
      issuesOmitted: 0,
      period: { from: null, to: null },
      areas: [],
      substances: [],
      ...init,
    };
  }

  add(issue: ImportIssue): void {
    this.beforeIssue?.();
    if (issue.severity === 'error') this.errorCount += 1;
    if (this.report.issues.length < MAX_LISTED_ISSUES) {
      // Messages and values embed cell text, which V8 keeps as slices of the parsed block of
      // the file: copies keep a listed issue from holding on to its block (up to 1000 of them).
      issue.message = detach(issue.message);
      if (issue.value !== undefined) issue.value = detach(issue.value);
      this.report.issues.push(clipIssue(issue));
    } else this.report.issuesOmitted += 1;
  }

  error(row: number | null, column: string | null, code: string, message: string, extra: Partial<ImportIssue> = {}): void {
    this.add({ row, column, severity: 'error', code, message, ...extra });
  }

  warning(row: number | null, column: string | null, code: string, message: string, extra: Partial<ImportIssue> = {}): void {
    this.add({ row, column, severity: 'warning', code, message, ...extra });
  }

  private lastArea = '';
  private lastSubstance = '';

  noteValue(areaCode: string, substanceKey: string | null, date: string): void {
    // Rows of a sample come together: the sets are touched only when the value changes.
    if (areaCode !== this.lastArea) {
      this.lastArea = areaCode;
      this.areaSet.add(areaCode);
    }
    if (substanceKey && substanceKey !== this.lastSubstance) {
      this.lastSubstance = substanceKey;
      this.substanceSet.add(substanceKey);
    }
    const p = this.report.period;
    if (!p.from || date < p.from) p.from = date;
    if (!p.to || date > p.to) p.to = date;
  }

  finish(): ImportReport {
    this.report.areas = [...this.areaSet].sort();
    this.report.substances = [...this.substanceSet].sort();
    this.report.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return this.report;
  }
}

/** A flat copy of a string that shares no memory with the text it was cut from. */
function detach(s: string): string {
  return s.length === 0 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
