import { api, problemText } from './api.ts';
import { say, tr } from './dom.ts';
import { submitJson, text, wireToggles } from './forms.ts';

/** Events page: add (POST), edit (PUT) and remove (DELETE) interventions, then reload. */
function wireForm(form: HTMLFormElement): void {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const date = text(form, 'date');
    const title = text(form, 'title');
    const message = form.querySelector<HTMLElement>('.message')!;
    if (!date || !title) return say(message, 'error', tr('events.needFields'));
    const areas = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="areas"]:checked')).map((c) => c.value);
    const id = form.dataset.id;
    void submitJson(form, id ? 'PUT' : 'POST', id ? `/api/v1/events/${encodeURIComponent(id)}` : '/api/v1/events', {
      date, to: text(form, 'to') || null, title, description: text(form, 'description') ?? '', areas,
      controlArea: form.querySelector<HTMLSelectElement>('select[name="controlArea"]')?.value || null,
    });
  });
}

export function wireRemove(selector: string, url: (id: string) => string, question: (b: HTMLButtonElement) => string): void {
  document.querySelectorAll<HTMLButtonElement>(selector).forEach((button) => {
    button.addEventListener('click', async () => {
      if (!confirm(question(button))) return;
      button.disabled = true;
      const id = button.dataset.removeEvent ?? button.dataset.removePeriod ?? '';
      const res = await api('DELETE', url(id));
      if (res.ok) location.reload();
      else {
        button.disabled = false;
        alert(tr('common.error', { detail: problemText(res.body) }));
      }
    });
  });
}

export function init(): void {
  wireToggles();
  document.querySelectorAll<HTMLFormElement>('form[data-form="event"]').forEach(wireForm);
  wireRemove('button[data-remove-event]', (id) => `/api/v1/events/${encodeURIComponent(id)}`, (b) => tr('events.confirmRemove', { title: b.dataset.title ?? '' }));
}
