import { renderCharts } from './charts.ts';
import { wireShareLink } from './share.ts';

/**
 * Lägesbild and the substance page: the charts, and the settings forms (GET) reload the page as
 * soon as a choice changes, so the button is only needed without JavaScript.
 */
export function wireAutosubmit(): void {
  document.querySelectorAll<HTMLFormElement>('form[data-autosubmit]').forEach((form) => {
    form.querySelectorAll('select').forEach((select) => select.addEventListener('change', () => form.requestSubmit()));
  });
}

export async function init(): Promise<void> {
  wireAutosubmit();
  wireShareLink();
  await renderCharts();
}
