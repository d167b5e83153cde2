import { say, tr } from './dom.ts';
import { submitJson, text, wireToggles } from './forms.ts';
import { wireRemove } from './events.ts';

/** Periods page: add (POST), edit (PUT) and remove (DELETE) named periods and the baseline flag. */
function wireForm(form: HTMLFormElement): void {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = text(form, 'name');
    const from = text(form, 'from');
    const to = text(form, 'to');
    const message = form.querySelector<HTMLElement>('.message')!;
    if (!name || !from || !to) return say(message, 'error', tr('periods.needFields'));
    if (to < from) return say(message, 'error', tr('periods.toBeforeFrom'));
    const baseline = (form.elements.namedItem('baseline') as HTMLInputElement | null)?.checked ?? false;
    const id = form.dataset.id;
    void submitJson(form, id ? 'PUT' : 'POST', id ? `/api/v1/periods/${encodeURIComponent(id)}` : '/api/v1/periods', { name, from, to, baseline });
  });
}

export function init(): void {
  wireToggles();
  document.querySelectorAll<HTMLFormElement>('form[data-form="period"]').forEach(wireForm);
  wireRemove('button[data-remove-period]', (id) => `/api/v1/periods/${encodeURIComponent(id)}`, (b) => tr('periods.confirmRemove', { name: b.dataset.name ?? '' }));
}
