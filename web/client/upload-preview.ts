import { issueMessage, issueTitle } from '../../server/i18n/issues.ts';
import type { ImportIssue, ImportReport } from '../../server/import/report.ts';
import { formatNumber } from '../../server/i18n/number.ts';
import { type MessageKey, PAGE_NUMBER } from '../../server/i18n/pages/index.ts';
import { renderAliasFixes } from './upload-aliases.ts';
import { el, pageLang, tr } from './dom.ts';
import { groupIssues, lineRanges } from './issue-groups.ts';
import { issueListCsv } from '../../server/import/issue-list.ts';

/**
 * The dry run's report as a preview: verdict, then `actions` (the confirm button, moved here so
 * it stays next to the verdict however long the issue list is), counts, format, names, issues.
 */
export function renderPreview(report: ImportReport, opts: { onAliasAdded(): void; actions: HTMLElement }): HTMLElement {
  const lang = pageLang();
  const n = (x: number) => formatNumber(x, lang, PAGE_NUMBER);
  const errors = report.issues.filter((i) => i.severity === 'error').length + (report.wouldCommit ? 0 : report.issuesOmitted);
  const root = el('div', { class: 'preview' });

  root.append(el('h2', {}, tr('upload.preview')));
  const verdict = report.wouldCommit
    ? el('p', { class: 'message message-ok', role: 'status' }, tr('upload.wouldCommit', { accepted: n(report.counts.accepted) }))
    : el('p', { class: 'message message-error', role: 'alert' }, tr('upload.wouldNotCommit', { errors: n(errors) }));
  root.append(verdict, opts.actions);

  const stats = el('div', { class: 'stats', id: 'preview-counts' });
  const counts: [keyof ImportReport['counts'], MessageKey][] = [
    ['rows', 'counts.rows'], ['values', 'counts.values'], ['accepted', 'counts.accepted'],
    ['duplicates', 'counts.duplicates'], ['rejected', 'counts.rejected'], ['censored', 'counts.censored'],
  ];
  for (const [k, label] of counts) {
    stats.append(el('div', { class: `stat stat-${k}${report.counts[k] > 0 ? ' nonzero' : ''}`, 'data-count': k },
      el('span', { class: 'stat-value' }, n(report.counts[k])), el('span', { class: 'stat-label' }, tr(label))));
  }
  root.append(stats);

  const f = report.format;
  const delimiterKey = (f.delimiter === '\t' ? 'delimiter.tab' : `delimiter.${f.delimiter}`) as MessageKey;
  const facts = el('dl', { class: 'facts' });
  const fact = (label: string, ...value: (string | Node)[]) => facts.append(el('dt', {}, label), el('dd', {}, ...value));
  fact(tr('upload.fileLabel'), report.fileName, ' ', el('span', { class: 'muted' }, `(${tr('upload.size', { size: formatNumber(report.sizeBytes / 1024, lang, { maxDecimals: 1, missing: '—' }) })})`));
  if (report.kind) fact(tr('upload.kind'), tr(`kind.${report.kind}`));
  fact(tr('format.encoding'), f.encoding);
  fact(tr('format.delimiter'), tr(delimiterKey) === delimiterKey ? f.delimiter : tr(delimiterKey));
  fact(tr('format.decimal'), tr(`decimal.${f.decimalSeparator}`));
  if (f.layout) fact(tr('format.layout'), tr(`layout.${f.layout}`));
  if (report.period.from) fact(tr('upload.period'), `${report.period.from} – ${report.period.to ?? ''}`);
  if (report.areas.length) fact(tr('upload.areas'), report.areas.join(', '));
  if (report.substances.length) fact(tr('upload.substances'), report.substances.join(', '));
  root.append(el('h3', {}, tr('upload.format')), facts);

  // With no areas at all there is nothing to map a name to: the no_areas message says what to do.
  const fixes = report.issues.some((i) => i.code === 'no_areas') ? null : renderAliasFixes(report.issues, opts.onAliasAdded);
  if (fixes) root.append(fixes);

  root.append(el('h3', {}, `${tr('upload.issues')} (${n(report.issues.length + report.issuesOmitted)})`));
  if (report.issues.length === 0) root.append(el('p', { class: 'muted' }, tr('upload.noIssues')));
  else {
    const url = URL.createObjectURL(new Blob([issueListCsv(report.issues, lang)], { type: 'text/csv;charset=utf-8' }));
    const stem = report.fileName.replace(/\.[^.]*$/, '');
    root.append(el('p', { class: 'chart-tools' },
      el('a', { class: 'button', id: 'download-issues', href: url, download: `fellista-${stem}.csv` }, tr('issues.downloadList')),
      ' ', el('span', { class: 'muted small' }, tr('issues.downloadHint'))));
    root.append(issueTable(report.issues));
  }
  if (report.issuesOmitted > 0) root.append(el('p', { class: 'muted' }, tr('upload.issuesOmitted', { count: n(report.issuesOmitted) })));
  return root;
}

function severityBadge(severity: ImportIssue['severity']): HTMLElement {
  return el('span', { class: `badge badge-${severity}` },
    el('span', { 'aria-hidden': 'true', class: 'badge-icon' }, severity === 'error' ? '✖' : '▲'),
    ' ', tr(severity === 'error' ? 'severity.error' : 'severity.warning'));
}

function issueTable(issues: ImportIssue[]): HTMLElement {
  const lang = pageLang();
  const body = el('tbody');
  for (const { first: i, rows, count } of groupIssues(issues)) {
    const row = count > 1 && rows.length > 1
      ? el('span', {}, lineRanges(rows, 3), el('span', { class: 'sub' }, tr('issues.same', { count: formatNumber(count, lang, { maxDecimals: 0, missing: '—' }) })))
      : i.row == null ? '—' : formatNumber(i.row, lang, { maxDecimals: 0, missing: '—' });
    body.append(el('tr', { class: `issue issue-${i.severity}${count > 1 ? ' issue-group' : ''}`, 'data-count': count },
      el('td', { class: 'num' }, row),
      el('td', {}, i.column ?? '—'),
      el('td', {}, severityBadge(i.severity)),
      // the code's title in the page's language; the bare code (English) only when it has none
      el('td', { 'data-code': i.code }, issueTitle(i.code, lang) ?? el('code', {}, i.code)),
      el('td', {}, issueMessage(i, lang), count > 1 ? el('span', { class: 'sub' }, tr('issues.lines', { lines: lineRanges(rows) })) : '')));
  }
  return el('div', { class: 'table-wrap' }, el('table', { class: 'issues', id: 'issues' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', class: 'num' }, tr('issue.row')), el('th', { scope: 'col' }, tr('issue.column')),
      el('th', { scope: 'col' }, tr('issue.severity')), el('th', { scope: 'col' }, tr('issue.code')),
      el('th', { scope: 'col' }, tr('issue.message')))),
    body));
}
