import { DEFAULT_LANG, isLang, type Lang } from '../../server/i18n/lang.ts';
import { type MessageKey, t } from '../../server/i18n/pages/index.ts';

/** The page's language, as the server rendered it into <html lang>. */
export function pageLang(): Lang {
  const l = document.documentElement.lang;
  return isLang(l) ? l : DEFAULT_LANG;
}

/** Translates in the page's language. */
export function tr(key: MessageKey, params?: Record<string, string | number>): string {
  return t(pageLang(), key, params);
}

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | null | undefined>;

/**
 * Creates an element. Strings become text nodes and attributes are set one by one, so text
 * from files and users (names, messages) can never turn into markup.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c == null || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces a node's content (text only, or nodes built with `el`). */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}

/** A status line in a form or section: role=status for success, role=alert for errors. */
export function say(target: HTMLElement, kind: 'ok' | 'error' | 'info', text: string): void {
  target.hidden = false;
  target.className = `message message-${kind}`;
  target.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  replace(target, text);
}
