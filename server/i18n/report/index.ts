/** The report's wording in Swedish and English, and the two small helpers its sentences use. */
import type { Lang } from '../lang.ts';
import { EN } from './en.ts';
import { SV } from './sv.ts';
import type { ReportTexts } from './types.ts';

export type { ReportTexts } from './types.ts';

export function reportTexts(lang: Lang): ReportTexts {
  return lang === 'en' ? EN : SV;
}

/**
 * "A, B och C" / "A, B and C". Items that hold Swedish decimal commas are separated by
 * semicolons ("Gävle 5,19; Sandviken 0,76 och …"), or the numbers would run together.
 */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const sep = lang === 'sv' && items.some((i) => /\d,\d/.test(i)) ? '; ' : ', ';
  return `${items.slice(0, -1).join(sep)} ${reportTexts(lang).and} ${items[items.length - 1]}`;
}

/** Ends a sentence once, even when it already ends with an abbreviation's period ("inv."). */
export function sentence(text: string): string {
  return text.replace(/\.\.$/, '.');
}
