import { api, problemText } from './api.ts';
import { byId, replace, say, tr } from './dom.ts';

/** Import history: retracting a batch asks for a reason in a dialog, then reloads the list. */
export function init(): void {
  const dialog = byId<HTMLDialogElement>('retract-dialog');
  const form = byId<HTMLFormElement>('retract-form');
  const reason = byId<HTMLTextAreaElement>('retract-reason');
  const message = byId('retract-message');
  const title = byId('retract-title');
  let batchId = '';

  document.querySelectorAll<HTMLButtonElement>('button[data-retract]').forEach((button) => {
    button.addEventListener('click', () => {
      batchId = button.dataset.retract ?? '';
      replace(title, tr('retract.title', { id: batchId }));
      reason.value = '';
      message.hidden = true;
      dialog.showModal();
      reason.focus();
    });
  });
  byId('retract-cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = reason.value.trim();
    if (!text) {
      say(message, 'error', tr('retract.needReason'));
      reason.focus();
      return;
    }
    const submit = byId<HTMLButtonElement>('retract-submit');
    submit.disabled = true;
    try {
      const res = await api('DELETE', `/api/v1/imports/${encodeURIComponent(batchId)}`, { reason: text });
      if (res.ok) {
        location.reload();
        return;
      }
      say(message, 'error', tr('common.error', { detail: problemText(res.body) }));
    } catch {
      say(message, 'error', tr('common.network'));
    }
    submit.disabled = false;
  });
}
