import type { ImportReport } from '../../server/import/report.ts';
import { csrfToken, problemText, type Problem } from './api.ts';
import { formatNumber } from '../../server/i18n/number.ts';
import { PAGE_NUMBER } from '../../server/i18n/pages/index.ts';
import { byId, el, pageLang, replace, say, tr } from './dom.ts';
import { renderPreview } from './upload-preview.ts';

/**
 * The upload page: a file goes up as a raw body (XMLHttpRequest, so the progress bar moves),
 * first as a dry run whose report is shown as a preview, then, once confirmed, for real.
 */
interface Sent {
  status: number;
  body: unknown;
}

type ImportProblem = Problem & { report?: ImportReport; existingBatchId?: number };

let file: File | null = null;
/** True when the kind select shows what the server detected, not what the user chose. */
let kindFromDetection = false;
/** Answers to superseded requests (the user changed the kind meanwhile) are dropped. */
let sequence = 0;
/** What the last dry run said: a commit would succeed. */
let canCommit = false;

const ui = {
  input: () => byId<HTMLInputElement>('file-input'),
  dropzone: () => byId('dropzone'),
  fileName: () => byId('file-name'),
  kind: () => byId<HTMLSelectElement>('kind'),
  kindNote: () => byId('kind-note'),
  onConflict: () => byId<HTMLSelectElement>('on-conflict'),
  onConflictHelp: () => byId('on-conflict-help'),
  progress: () => byId('progress'),
  progressBar: () => byId<HTMLProgressElement>('progress-bar'),
  progressText: () => byId('progress-text'),
  message: () => byId('upload-message'),
  preview: () => byId('preview'),
  actions: () => byId('actions'),
  confirm: () => byId<HTMLButtonElement>('confirm'),
  recheck: () => byId<HTMLButtonElement>('recheck'),
  reset: () => byId<HTMLButtonElement>('reset'),
};

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { detail: text.slice(0, 300) };
  }
}

function showProgress(fraction: number | null): void {
  const bar = ui.progressBar();
  ui.progress().hidden = false;
  if (fraction === null) {
    bar.removeAttribute('value'); // indeterminate while the server checks the file
    replace(ui.progressText(), tr('upload.processing'));
  } else {
    const percent = Math.round(fraction * 100);
    bar.value = percent;
    replace(ui.progressText(), tr('upload.uploading', { percent }));
  }
}

function send(f: File, dryRun: boolean): Promise<Sent> {
  const q = new URLSearchParams();
  if (dryRun) q.set('dryRun', 'true');
  if (ui.kind().value) q.set('kind', ui.kind().value);
  q.set('onConflict', ui.onConflict().value);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports?${q.toString()}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(f.name));
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) showProgress(e.total ? e.loaded / e.total : 1); };
    xhr.upload.onload = () => showProgress(null);
    xhr.onload = () => resolve({ status: xhr.status, body: parse(xhr.responseText) });
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    showProgress(0);
    xhr.send(f);
  });
}

function setBusy(busy: boolean): void {
  document.body.dataset.busy = busy ? 'true' : 'false';
  ui.kind().disabled = busy;
  ui.onConflict().disabled = busy;
  ui.input().disabled = busy;
  ui.recheck().disabled = busy;
  if (busy) ui.confirm().disabled = true;
}

function batchLink(id: number): HTMLAnchorElement {
  return el('a', { href: `/imports#batch-${id}` }, tr('upload.showBatch', { id }));
}

/** Messages for answers other than a report to preview. */
function showProblem(res: Sent): void {
  const p = (res.body ?? {}) as ImportProblem;
  const box = ui.message();
  if (res.status === 409 && p.existingBatchId) {
    say(box, 'error', tr('upload.already', { id: p.existingBatchId }));
    box.append(' ', batchLink(p.existingBatchId));
  } else if (res.status === 413) say(box, 'error', tr('upload.tooLarge', { detail: p.detail ?? '' }));
  else if (res.status === 422) say(box, 'error', tr('upload.unprocessable', { detail: p.detail ?? problemText(p) }));
  else say(box, 'error', tr('upload.failed', { detail: problemText(p) }));
}

function showReport(report: ImportReport): void {
  const kind = ui.kind();
  if ((kind.value === '' || kindFromDetection) && report.kind) {
    kind.value = report.kind;
    kindFromDetection = true;
    say(ui.kindNote(), 'info', tr('upload.kindDetected', { kind: tr(`kind.${report.kind}`) }));
  }
  const preview = ui.preview();
  // renderPreview moves #actions into the new content before the old content is dropped.
  replace(preview, renderPreview(report, { onAliasAdded: () => void dryRun(), actions: ui.actions() }));
  preview.hidden = false;
  ui.actions().hidden = false;
  canCommit = report.wouldCommit;
}

async function dryRun(): Promise<void> {
  if (!file) return;
  const mine = ++sequence;
  setBusy(true);
  canCommit = false;
  ui.message().hidden = true;
  try {
    const res = await send(file, true);
    if (mine !== sequence) return;
    const p = res.body as ImportProblem;
    if (res.status === 200) showReport(res.body as ImportReport);
    else {
      // A 422 report lists what is wrong with the file; other answers are one message.
      if (res.status === 422 && p?.report) showReport(p.report);
      else ui.preview().hidden = true;
      canCommit = false;
      showProblem(res);
    }
  } catch {
    if (mine === sequence) say(ui.message(), 'error', tr('common.network'));
  } finally {
    if (mine === sequence) {
      setBusy(false);
      ui.progress().hidden = true;
      ui.confirm().disabled = !canCommit;
    }
  }
}

async function commit(): Promise<void> {
  if (!file) return;
  const mine = ++sequence;
  setBusy(true);
  canCommit = false;
  try {
    const res = await send(file, false);
    if (mine !== sequence) return;
    if (res.status === 201) {
      const report = res.body as ImportReport;
      const box = ui.message();
      say(box, 'ok', tr('upload.done', { id: report.id ?? '', accepted: formatNumber(report.counts.accepted, pageLang(), PAGE_NUMBER) }));
      box.append(' ', el('a', { href: `/imports#batch-${report.id}` }, tr('upload.showHistory')));
      ui.confirm().hidden = true;
      ui.recheck().hidden = true;
      ui.reset().focus();
      return;
    }
    const p = res.body as ImportProblem;
    if (res.status === 422 && p?.report) showReport(p.report);
    canCommit = false;
    showProblem(res);
  } catch {
    say(ui.message(), 'error', tr('common.network'));
  } finally {
    if (mine === sequence) {
      setBusy(false);
      ui.progress().hidden = true;
      ui.confirm().disabled = !canCommit;
    }
  }
}

function choose(f: File | undefined): void {
  if (!f) return;
  file = f;
  if (kindFromDetection) {
    ui.kind().value = '';
    kindFromDetection = false;
    ui.kindNote().hidden = true;
  }
  replace(ui.fileName(), f.name);
  ui.confirm().hidden = false;
  ui.recheck().hidden = false;
  void dryRun();
}

function reset(): void {
  file = null;
  sequence += 1;
  ui.input().value = '';
  replace(ui.fileName());
  ui.preview().hidden = true;
  ui.actions().hidden = true;
  ui.message().hidden = true;
  ui.progress().hidden = true;
  if (kindFromDetection) {
    ui.kind().value = '';
    kindFromDetection = false;
    ui.kindNote().hidden = true;
  }
  setBusy(false);
  ui.input().focus();
}

function showConflictHelp(): void {
  const help = ui.onConflictHelp();
  help.querySelectorAll<HTMLElement>('[data-option]').forEach((item) => {
    item.classList.toggle('chosen', item.dataset.option === ui.onConflict().value);
  });
}

export function init(): void {
  const zone = ui.dropzone();
  ui.input().addEventListener('change', () => choose(ui.input().files?.[0]));
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (e) => {
      e.preventDefault();
      zone.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) zone.addEventListener(type, () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    if (!ui.input().disabled) choose((e as DragEvent).dataTransfer?.files[0]);
  });
  ui.kind().addEventListener('change', () => {
    kindFromDetection = false;
    ui.kindNote().hidden = true;
    void dryRun();
  });
  ui.onConflict().addEventListener('change', () => {
    showConflictHelp();
    void dryRun();
  });
  ui.confirm().addEventListener('click', () => void commit());
  ui.recheck().addEventListener('click', () => void dryRun());
  ui.reset().addEventListener('click', reset);
  showConflictHelp();
}
