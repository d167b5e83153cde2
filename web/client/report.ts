import { el, replace, tr } from './dom.ts';
import type { MessageKey } from '../../server/i18n/index.ts';

/**
 * The report forms (GET to /api/v1/reports/*) work without script: the browser downloads the file.
 * With script, a refused request shows as words on the form instead of the problem's raw JSON:
 * the file is fetched first, then saved (or opened, for a preview) only when it came.
 */
const FIELD_KEYS: Record<string, MessageKey> = {
  from: 'reportError.field.dates', to: 'reportError.field.dates', period: 'reportError.field.period', format: 'reportError.field.format',
  areas: 'reportError.field.areas', substances: 'reportError.field.substances', baselineCampaign: 'reportError.field.campaigns', campaigns: 'reportError.field.campaigns', lang: 'reportError.field.lang',
};

/** The refusal in the page's words (the problem's detail is the API's English for scripts). */
export function reportErrorText(status: number, problem: { errors?: { column?: string }[] } | null): string {
  if (status === 400) {
    const fields = [...new Set((problem?.errors ?? []).map((e) => FIELD_KEYS[e.column ?? '']).filter(Boolean))].map((k) => tr(k));
    return fields.length ? tr('reportError.fields', { fields: fields.join(', ') }) : tr('reportError.invalid');
  }
  if (status === 404) return tr('reportError.notFound');
  if (status === 422) return tr('reportError.noData');
  if (status === 403 || status === 401) return tr('reportError.forbidden');
  return tr('reportError.other', { status });
}

function fileName(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

function messageBox(form: HTMLFormElement): HTMLElement {
  return form.querySelector<HTMLElement>('.report-message') ?? form.appendChild(el('p', { class: 'report-message message', role: 'status' }));
}

async function submit(form: HTMLFormElement, submitter: HTMLButtonElement | null): Promise<void> {
  const action = submitter?.getAttribute('formaction') ?? form.getAttribute('action') ?? '';
  const query = new URLSearchParams();
  new FormData(form, submitter).forEach((v, k) => { if (typeof v === 'string') query.append(k, v); });
  const url = `${action}?${query.toString()}`;
  const preview = submitter?.getAttribute('formtarget') === '_blank';
  const tab = preview ? window.open('', '_blank') : null; // opened now: a window opened after a wait is blocked
  const box = messageBox(form);
  box.className = 'report-message message message-info';
  replace(box, tr('reportError.working'));
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    tab?.close();
    const problem = await res.json().catch(() => null);
    box.className = 'report-message message message-error';
    box.setAttribute('role', 'alert');
    replace(box, reportErrorText(res.status, problem));
    return;
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  if (tab) tab.location.href = href;
  else {
    const a = el('a', { href, download: fileName(res, 'rapport') });
    document.body.append(a);
    a.click();
    a.remove();
  }
  box.className = 'report-message message message-ok';
  box.setAttribute('role', 'status');
  replace(box, tr('reportError.done'));
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export function init(): void {
  for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[action^="/api/v1/reports"]'))) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit(form, (e as SubmitEvent).submitter as HTMLButtonElement | null).catch(() => {
        const box = messageBox(form);
        box.className = 'report-message message message-error';
        replace(box, tr('common.network'));
      });
    });
  }
}
