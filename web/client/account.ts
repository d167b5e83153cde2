import { api, problemText } from './api.ts';
import { byId, el, pageLang, say, tr } from './dom.ts';
import { formatTimestamp } from '../../server/i18n/dates.ts';
import { submitJson, text } from './forms.ts';

/** Account page: change the password; create (shown once) and revoke API tokens. */
function wirePassword(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-form="password"]');
  if (!form) return;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const message = form.querySelector<HTMLElement>('.message')!;
    const next = text(form, 'newPassword') ?? '';
    if (next.length < 12) return say(message, 'error', tr('account.tooShort'));
    if (next !== (text(form, 'repeatPassword') ?? '')) return say(message, 'error', tr('account.mismatch'));
    void submitJson(form, 'PUT', '/api/v1/me/password', { currentPassword: (form.elements.namedItem('currentPassword') as HTMLInputElement).value, newPassword: next }, () => {
      form.reset();
      say(message, 'ok', tr('account.changed'));
    });
  });
}

function wireRevoke(button: HTMLButtonElement): void {
  button.addEventListener('click', async () => {
    if (!confirm(tr('tokens.confirmRevoke', { name: button.dataset.name ?? '' }))) return;
    button.disabled = true;
    const res = await api('DELETE', `/api/v1/tokens/${encodeURIComponent(button.dataset.revokeToken ?? '')}`);
    if (res.ok) location.reload();
    else {
      button.disabled = false;
      alert(tr('common.error', { detail: problemText(res.body) }));
    }
  });
}

function wireTokens(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-form="token"]');
  if (!form) return;
  document.querySelectorAll<HTMLButtonElement>('button[data-revoke-token]').forEach(wireRevoke);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = text(form, 'name');
    if (!name) return;
    void submitJson(form, 'POST', '/api/v1/tokens', { name }, (body) => {
      const created = body as { id: number; name: string; token: string };
      form.reset();
      const shown = byId('token-created');
      shown.hidden = false;
      shown.replaceChildren(el('p', {}, tr('tokens.shownOnce')), el('pre', { class: 'token' }, el('code', {}, created.token)));
      byId('tokens-empty').hidden = true;
      const table = byId('tokens-table');
      table.hidden = false;
      const revoke = el('button', { type: 'button', 'data-revoke-token': created.id, 'data-name': created.name }, tr('tokens.revoke'));
      wireRevoke(revoke);
      table.querySelector('tbody')?.append(el('tr', {},
        el('td', {}, created.name), el('td', {}, formatTimestamp(new Date().toISOString(), pageLang())),
        el('td', {}, tr('common.never')), el('td', {}, tr('tokens.active')), el('td', {}, revoke)));
    });
  });
}

export function init(): void {
  wirePassword();
  wireTokens();
}
