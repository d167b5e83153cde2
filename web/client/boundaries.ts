import { csrfToken, problemText } from './api.ts';
import { el, replace, tr } from './dom.ts';

interface Saved { saved: string[]; skipped: string[]; without: string[] }

/** /boundaries: sends the file to the API and says what was stored, or what is wrong where (nothing is stored then). */
export function init(): void {
  const form = document.querySelector<HTMLFormElement>('#boundaries-form');
  const out = document.querySelector<HTMLElement>('#boundaries-result');
  if (!form || !out) return;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const res = await fetch('/api/v1/boundaries', { method: 'POST', body: new FormData(form), headers: { accept: 'application/json', 'x-csrf-token': csrfToken() }, credentials: 'same-origin' });
    const body = (await res.json().catch(() => null)) as (Saved & { errors?: { message: string }[] }) | null;
    if (!res.ok || !body) {
      const errors = body?.errors ?? [];
      replace(out, el('div', { class: 'message message-error' },
        el('p', {}, tr('boundaries.failed')),
        errors.length ? el('ul', {}, ...errors.map((x) => el('li', {}, x.message))) : el('p', {}, problemText(body))));
      return;
    }
    replace(out, el('div', { class: 'message message-ok' },
      el('p', {}, tr('boundaries.saved', { count: body.saved.length })),
      body.skipped.length ? el('p', {}, tr('boundaries.skipped', { codes: body.skipped.join(', ') })) : null,
      body.without.length ? el('p', {}, tr('boundaries.without', { codes: body.without.join(', ') })) : null));
  });
}
