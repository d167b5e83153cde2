import { say, tr } from './dom.ts';
import { submitJson, text } from './forms.ts';

/** First-run page: the organisation's name and/or a new password, then on to where the user was going. */
export function init(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-form="setup"]');
  if (!form) return;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const message = form.querySelector<HTMLElement>('.message')!;
    const body: Record<string, string> = {};
    const name = text(form, 'organisationName');
    if (form.elements.namedItem('organisationName')) {
      if (!name) return say(message, 'error', tr('setup.organisation'));
      body.organisationName = name;
      body.kind = text(form, 'kind') ?? 'municipality';
    }
    if (form.elements.namedItem('newPassword')) {
      const next = (form.elements.namedItem('newPassword') as HTMLInputElement).value;
      if (next.length < 12) return say(message, 'error', tr('account.tooShort'));
      if (next !== (form.elements.namedItem('repeatPassword') as HTMLInputElement).value) return say(message, 'error', tr('account.mismatch'));
      body.newPassword = next;
    }
    void submitJson(form, 'POST', '/api/v1/setup', body, () => {
      say(message, 'ok', tr('setup.done'));
      location.assign(form.dataset.next || '/');
    });
  });
}
