import { api, problemText } from './api.ts';
import { say, tr } from './dom.ts';
import { submitJson, text } from './forms.ts';

const checked = (form: HTMLFormElement, name: string) => Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)).map((i) => i.value);

/** Campaigns page: plan (POST), mark ordered / choose the baseline (PUT), remove (DELETE). */
function wirePlan(form: HTMLFormElement): void {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const message = form.querySelector<HTMLElement>('.message')!;
    const from = text(form, 'from');
    const to = text(form, 'to');
    const areas = checked(form, 'areas');
    const substances = checked(form, 'substances');
    if (!from || !to || !areas.length || !substances.length) return say(message, 'error', tr('campaigns.needFields'));
    if (to < from) return say(message, 'error', tr('campaigns.toBeforeFrom'));
    void submitJson(form, 'POST', '/api/v1/campaigns', {
      name: text(form, 'name') ?? undefined, from, to, areas, substances,
      design: { composite: text(form, 'composite') ?? 'flow_24h' }, lab: text(form, 'lab') ?? '', notes: text(form, 'notes') ?? '',
    });
  });
}

function wirePut(selector: string, attr: string, body: object): void {
  document.querySelectorAll<HTMLButtonElement>(selector).forEach((button) => {
    button.addEventListener('click', async () => {
      const id = button.getAttribute(attr) ?? '';
      const message = button.parentElement?.querySelector<HTMLElement>('.message');
      button.disabled = true;
      try {
        const res = await api('PUT', `/api/v1/campaigns/${encodeURIComponent(id)}`, body);
        if (res.ok) return location.reload();
        if (message) say(message, 'error', tr('common.error', { detail: problemText(res.body) }));
      } catch {
        if (message) say(message, 'error', tr('common.network'));
      } finally {
        button.disabled = false;
      }
    });
  });
}

export function init(): void {
  document.querySelectorAll<HTMLFormElement>('form[data-form="campaign"]').forEach(wirePlan);
  wirePut('button[data-mark-ordered]', 'data-mark-ordered', { status: 'ordered' });
  wirePut('button[data-choose-baseline]', 'data-choose-baseline', { baseline: true });
  document.querySelectorAll<HTMLButtonElement>('button[data-remove-campaign]').forEach((button) => {
    button.addEventListener('click', async () => {
      if (!confirm(tr('campaigns.confirmRemove', { name: button.dataset.name ?? '' }))) return;
      button.disabled = true;
      const res = await api('DELETE', `/api/v1/campaigns/${encodeURIComponent(button.dataset.removeCampaign ?? '')}`);
      if (res.ok) return location.reload();
      button.disabled = false;
      alert(tr('common.error', { detail: problemText(res.body) }));
    });
  });
}
