import { api, problemText } from './api.ts';
import { say, tr } from './dom.ts';

/** Reads a form field as trimmed text; empty is null. */
export function text(form: HTMLFormElement, name: string): string | null {
  const field = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
  const v = field?.value.trim() ?? '';
  return v === '' ? null : v;
}

/** A number field; accepts a decimal comma and spaces as thousands separators. */
export function number(form: HTMLFormElement, name: string): number | null | 'invalid' {
  const v = text(form, name);
  if (v === null) return null;
  const n = Number(v.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : 'invalid';
}

/** One name per line (or comma-separated), blanks dropped, each once. */
export function lines(form: HTMLFormElement, name: string): string[] {
  return [...new Set((text(form, name) ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean))];
}

/**
 * Sends a form's JSON to the API and shows the answer in the form's `.message` element; on
 * success it reloads the page (or calls `done`).
 */
export async function submitJson(form: HTMLFormElement, method: string, url: string, body: unknown, done?: (body: unknown) => void): Promise<void> {
  const message = form.querySelector<HTMLElement>('.message') ?? form.appendChild(document.createElement('p'));
  const buttons = Array.from(form.querySelectorAll<HTMLButtonElement>('button'));
  buttons.forEach((b) => { b.disabled = true; });
  say(message, 'info', tr('common.saving'));
  try {
    const res = await api(method, url, body);
    if (res.ok) {
      say(message, 'ok', tr('common.saved'));
      if (done) done(res.body);
      else location.reload();
      return;
    }
    say(message, 'error', tr('common.error', { detail: problemText(res.body) }));
  } catch {
    say(message, 'error', tr('common.network'));
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/** Edit buttons (data-toggle="<id>") show and hide the row or block holding their form. */
export function wireToggles(): void {
  document.querySelectorAll<HTMLButtonElement>('button[data-toggle]').forEach((button) => {
    const target = document.getElementById(button.dataset.toggle ?? '');
    if (!target) return;
    button.addEventListener('click', () => {
      target.hidden = !target.hidden;
      button.setAttribute('aria-expanded', String(!target.hidden));
      if (!target.hidden) target.querySelector<HTMLElement>('input:not([type=hidden]):not([readonly]), select, textarea')?.focus();
    });
  });
  document.querySelectorAll<HTMLButtonElement>('button[data-close]').forEach((button) => {
    button.addEventListener('click', () => {
      const target = document.getElementById(button.dataset.close ?? '');
      if (target) target.hidden = true;
      document.querySelector<HTMLButtonElement>(`button[data-toggle="${button.dataset.close}"]`)?.setAttribute('aria-expanded', 'false');
    });
  });
}
