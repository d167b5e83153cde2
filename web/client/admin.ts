import { api, problemText } from './api.ts';
import { tr } from './dom.ts';
import { submitJson, text } from './forms.ts';

/** Admin page: add users, change roles, disable users (through the users API). */
export function init(): void {
  const org = document.querySelector<HTMLFormElement>('form[data-form="organisation"]');
  org?.addEventListener('submit', (e) => {
    e.preventDefault();
    void submitJson(org, 'PATCH', `/api/v1/organisations/${encodeURIComponent(org.dataset.id ?? '')}`, { name: text(org, 'name') });
  });
  const add = document.querySelector<HTMLFormElement>('form[data-form="user"]');
  add?.addEventListener('submit', (e) => {
    e.preventDefault();
    void submitJson(add, 'POST', '/api/v1/users', { email: text(add, 'email'), role: text(add, 'role'), password: (add.elements.namedItem('password') as HTMLInputElement).value });
  });
  document.querySelectorAll<HTMLFormElement>('form[data-form="role"]').forEach((form) => {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void submitJson(form, 'PATCH', `/api/v1/users/${encodeURIComponent(form.dataset.email ?? '')}`, { role: text(form, 'role') });
    });
  });
  document.querySelectorAll<HTMLButtonElement>('button[data-disable-user]').forEach((button) => {
    button.addEventListener('click', async () => {
      const email = button.dataset.disableUser ?? '';
      if (!confirm(`${email}?`)) return;
      button.disabled = true;
      const res = await api('DELETE', `/api/v1/users/${encodeURIComponent(email)}`);
      if (res.ok) location.reload();
      else {
        button.disabled = false;
        alert(tr('common.error', { detail: problemText(res.body) }));
      }
    });
  });
}
