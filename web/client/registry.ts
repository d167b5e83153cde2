import { say, tr } from './dom.ts';
import { lines, number, submitJson, text, wireToggles } from './forms.ts';

/**
 * Areas and substances pages: every edit form (data-form="area" | "substance") sends its fields
 * as JSON with PUT and reloads the page on success.
 */
function invalidNumber(form: HTMLFormElement, name: string): void {
  const field = form.elements.namedItem(name) as HTMLInputElement | null;
  const label = form.querySelector(`label[for="${field?.id ?? ''}"]`)?.textContent ?? name;
  const message = form.querySelector<HTMLElement>('.message');
  if (message) say(message, 'error', tr('common.notANumber', { field: label }));
  field?.focus();
}

function areaSubmit(form: HTMLFormElement): void {
  const code = text(form, 'code');
  const population = number(form, 'population');
  if (population === 'invalid') return invalidNumber(form, 'population');
  if (!code) return;
  void submitJson(form, 'PUT', `/api/v1/areas/${encodeURIComponent(code)}`, {
    name: text(form, 'name') ?? '',
    parent: text(form, 'parent'),
    population: population === null ? null : Math.round(population),
    populationFrom: text(form, 'populationFrom'),
    municipality: text(form, 'municipality'),
    county: text(form, 'county'),
    aliases: lines(form, 'aliases'),
  });
}

function substanceSubmit(form: HTMLFormElement): void {
  const key = form.dataset.key ?? '';
  const correctionFactor = number(form, 'correctionFactor');
  if (correctionFactor === 'invalid') return invalidNumber(form, 'correctionFactor');
  const doseMg = number(form, 'doseMg');
  if (doseMg === 'invalid') return invalidNumber(form, 'doseMg');
  // Names are the shared catalogue's: only the instance admin's form sends them (the others' are read-only).
  const shared = !form.querySelector('[data-shared]');
  void submitJson(form, 'PUT', `/api/v1/substances/${encodeURIComponent(key)}`, {
    nameSv: shared ? text(form, 'nameSv') ?? undefined : undefined,
    nameEn: shared ? text(form, 'nameEn') ?? undefined : undefined,
    correctionFactor,
    doseMg,
    sourceNote: text(form, 'sourceNote') ?? '',
    aliases: lines(form, 'aliases'),
  });
}

export function init(): void {
  wireToggles();
  document.querySelectorAll<HTMLFormElement>('form[data-form]').forEach((form) => {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (form.dataset.form === 'area') areaSubmit(form);
      else if (form.dataset.form === 'substance') substanceSubmit(form);
    });
  });
}
