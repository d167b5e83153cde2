/**
 * The languages the product speaks. Swedish is the default; English is the second language.
 * (Another branch moves shared types to server/domain/types.ts; `Lang` may move there later.)
 */
export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];
export const DEFAULT_LANG: Lang = 'sv';

export function isLang(x: unknown): x is Lang {
  return x === 'sv' || x === 'en';
}

/** The Intl locale each language formats numbers and dates with. */
export const LOCALE: Record<Lang, string> = { sv: 'sv-SE', en: 'en-US' };
