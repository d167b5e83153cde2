import { tr } from './dom.ts';

/**
 * "Dela länk": the page's state is all in its address (GET forms), so sharing is copying it.
 * Without clipboard access (an insecure origin, a refused permission) the address is shown,
 * selected, for copying by hand.
 */
export function wireShareLink(): void {
  const button = document.querySelector<HTMLButtonElement>('button[data-share]');
  const status = document.querySelector<HTMLElement>('#share-status');
  const manual = document.querySelector<HTMLElement>('.share-manual');
  const field = document.querySelector<HTMLInputElement>('#share-url');
  if (!button || !status) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = tr('share.copied');
    } catch {
      if (manual && field) {
        manual.hidden = false;
        field.value = url;
        field.focus();
        field.select();
      }
    }
  });
}
