import type { ImportIssue } from '../../server/import/report.ts';
import { api, problemText } from './api.ts';
import { el, pageLang, say, tr } from './dom.ts';

/**
 * For names a file uses that the registry does not know (unknown_area, unknown_substance):
 * pick the existing area or substance it means and add the name as its alias, then check again.
 */
interface Area { code: string; name: string; aliases: string[] }
interface Substance { key: string; nameSv: string; nameEn: string; aliases: string[] }
interface Target { id: string; label: string; names: string[] }
interface Unknown { code: 'unknown_area' | 'unknown_substance'; value: string; count: number; suggestions: string[] }

function norm(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function unknownNames(issues: ImportIssue[]): Unknown[] {
  const byKey = new Map<string, Unknown>();
  for (const i of issues) {
    if ((i.code !== 'unknown_area' && i.code !== 'unknown_substance') || !i.value) continue;
    const k = `${i.code}|${i.value}`;
    const u = byKey.get(k) ?? { code: i.code, value: i.value, count: 0, suggestions: [] };
    u.count += 1;
    for (const s of i.suggestions ?? []) if (!u.suggestions.includes(s)) u.suggestions.push(s);
    byKey.set(k, u);
  }
  return [...byKey.values()];
}

async function loadTargets(kind: Unknown['code']): Promise<Target[]> {
  if (kind === 'unknown_area') {
    const res = await api<Area[]>('GET', '/api/v1/areas');
    return res.ok ? res.body.map((a) => ({ id: a.code, label: `${a.code} — ${a.name}`, names: [a.code, a.name, ...a.aliases] })) : [];
  }
  const res = await api<Substance[]>('GET', '/api/v1/substances');
  const en = pageLang() === 'en';
  return res.ok ? res.body.map((s) => ({ id: s.key, label: `${en ? s.nameEn : s.nameSv} (${s.key})`, names: [s.key, s.nameSv, s.nameEn, ...s.aliases] })) : [];
}

async function addAlias(u: Unknown, id: string): Promise<{ ok: boolean; detail: string }> {
  if (u.code === 'unknown_area') {
    const list = await api<Area[]>('GET', '/api/v1/areas');
    const area = list.ok ? list.body.find((a) => a.code === id) : undefined;
    if (!area) return { ok: false, detail: problemText(list.body) };
    const res = await api('PUT', `/api/v1/areas/${encodeURIComponent(id)}`, { name: area.name, aliases: [...area.aliases, u.value] });
    return { ok: res.ok, detail: problemText(res.body) };
  }
  const list = await api<Substance[]>('GET', '/api/v1/substances');
  const sub = list.ok ? list.body.find((s) => s.key === id) : undefined;
  if (!sub) return { ok: false, detail: problemText(list.body) };
  const res = await api('PUT', `/api/v1/substances/${encodeURIComponent(id)}`, { aliases: [...sub.aliases, u.value] });
  return { ok: res.ok, detail: problemText(res.body) };
}

function fixRow(u: Unknown, index: number, onAdded: () => void): HTMLElement {
  const selectId = `alias-target-${index}`;
  const select = el('select', { id: selectId, disabled: true }, el('option', { value: '' }, tr('upload.choose.placeholder')));
  const button = el('button', { type: 'button', disabled: true, class: 'primary' }, tr('alias.chooseFirst', { value: u.value }));
  const lines = u.count === 1 ? tr('upload.lineOne') : tr('upload.lineMany', { count: u.count });
  // The button says exactly what it will do; nothing is chosen until the user chooses.
  const labelButton = () => {
    const chosen = select.selectedOptions[0];
    button.disabled = select.value === '';
    button.textContent = select.value === '' ? tr('alias.chooseFirst', { value: u.value }) : tr('alias.linkTo', { value: u.value, target: chosen?.textContent ?? select.value, lines });
  };
  const message = el('p', { class: 'message', hidden: true });
  const row = el('div', { class: 'fix', 'data-unknown': u.value },
    el('p', { class: 'fix-title' }, tr(u.code === 'unknown_area' ? 'upload.unknownArea' : 'upload.unknownSubstance', {
      value: u.value, lines: u.count === 1 ? tr('upload.lineOne') : tr('upload.lineMany', { count: u.count }),
    })),
    el('div', { class: 'fix-controls' }, el('label', { for: selectId }, tr('upload.chooseTarget')), select, button),
    u.code === 'unknown_area' ? el('p', { class: 'help' }, tr('upload.newAreaHint'), ' ', el('a', { href: '/areas' }, tr('nav.areas'))) : null,
    message);

  void loadTargets(u.code).then((targets) => {
    // In the order the server ranked them (closest first), each target once.
    const suggested: Target[] = [];
    for (const s of u.suggestions.map(norm)) {
      const hit = targets.find((t) => t.names.some((nm) => norm(nm) === s));
      if (hit && !suggested.includes(hit)) suggested.push(hit);
    }
    if (suggested.length) select.append(el('optgroup', { label: tr('upload.suggestions') }, ...suggested.map((t) => el('option', { value: t.id }, t.label))));
    select.append(el('optgroup', { label: tr('upload.all') }, ...targets.map((t) => el('option', { value: t.id }, t.label))));
    select.value = '';
    select.disabled = false;
    labelButton();
  });
  select.addEventListener('change', labelButton);
  button.addEventListener('click', async () => {
    const target = select.value;
    if (!target) return;
    button.disabled = true;
    select.disabled = true;
    try {
      const result = await addAlias(u, target);
      if (!result.ok) {
        say(message, 'error', tr('common.error', { detail: result.detail }));
        button.disabled = false;
        select.disabled = false;
        return;
      }
      say(message, 'ok', tr('upload.aliasAdded', { value: u.value, target }));
      onAdded();
    } catch {
      say(message, 'error', tr('common.network'));
      button.disabled = false;
      select.disabled = false;
    }
  });
  return row;
}

/** The section offering the fixes, or null when the file has no unknown names. */
export function renderAliasFixes(issues: ImportIssue[], onAdded: () => void): HTMLElement | null {
  const unknown = unknownNames(issues);
  if (unknown.length === 0) return null;
  return el('section', { class: 'fixes', id: 'alias-fixes' },
    el('h3', {}, tr('upload.unknownTitle')), el('p', {}, tr('upload.unknownIntro')),
    ...unknown.map((u, i) => fixRow(u, i, onAdded)));
}
