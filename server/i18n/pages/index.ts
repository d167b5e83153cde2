/**
 * The pages' dictionary, used by the server-rendered pages and the browser bundle alike.
 * One module per feature; placeholders are `{name}`, filled by `t()`.
 */
import type { Lang } from '../lang.ts';
import * as common from './common.ts';
import * as dashboard from './dashboard.ts';
import * as registry from './registry.ts';
import * as upload from './upload.ts';
import * as campaigns from './campaigns.ts';
import * as setup from './setup.ts';
import * as guide from './guide.ts';
import * as county from './county.ts';

const sv = { ...common.sv, ...upload.sv, ...registry.sv, ...dashboard.sv, ...campaigns.sv, ...setup.sv, ...guide.sv, ...county.sv };
export type MessageKey = keyof typeof sv;
const en: Record<MessageKey, string> = { ...common.en, ...upload.en, ...registry.en, ...dashboard.en, ...campaigns.en, ...setup.en, ...guide.en, ...county.en };

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { sv, en };

/** The text for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.sv[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export { adminWords } from './admin.ts';

/** How the pages write a number: at most two decimals, '—' when there is none. */
export const PAGE_NUMBER = { maxDecimals: 2, missing: '—' } as const;
export { reportPageWords } from './report.ts';
export { GLOSSARY } from './guide.ts';
export { countyWords, type CountyWords } from './county.ts';
