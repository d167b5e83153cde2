/**
 * The one i18n: every text exists in both languages, and the Swedish dictionaries hold no
 * English where a Swedish word exists (the words below all appeared in the Swedish UI before).
 */
import { describe, expect, it } from 'vitest';
import { SUBSTANCE_CATALOG } from '../../../server/domain/substances.ts';
import {
  adminWords, AUDIT_ACTIONS, DRUG_NAMES, drugName, formatNumber, formatTimestamp, ISSUE_TITLES, METRICS, MESSAGES, reportTexts, sourceNote, STRINGS, summaryWords, reportPageWords,
} from '../../../server/i18n/index.ts';

/** Every leaf path of a value (functions and arrays are leaves), for comparing shapes. */
function paths(x: unknown, prefix = ''): string[] {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return [prefix];
  return Object.entries(x as Record<string, unknown>).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k)).sort();
}

/** English words that must not appear in a Swedish text (whole words, case-insensitive). */
const ENGLISH = ['batch', 'drug', 'source', 'the', 'and', 'of', 'with', 'unknown', 'missing', 'loads', 'excreted', 'error', 'warning', 'upload', 'file', 'area', 'substance'];
/** Placeholders ({area}) are not text; "EUDA and SCORE" is the data's licence credit, quoted as the licensor writes it. */
const visible = (text: string) => text.replace(/\{\w+\}/g, '').replace('EUDA and SCORE', '');
const english = (text: string) => ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}_])${w}([^\\p{L}_]|$)`, 'iu').test(visible(text)));

describe('one i18n', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.sv).sort());
    expect(paths(STRINGS.en)).toEqual(paths(STRINGS.sv));
    expect(paths(METRICS.en)).toEqual(paths(METRICS.sv));
    expect(paths(summaryWords('en'))).toEqual(paths(summaryWords('sv')));
    expect(paths(reportPageWords('en'))).toEqual(paths(reportPageWords('sv')));
    expect(paths({ ...reportTexts('en'), drugs: {} })).toEqual(paths({ ...reportTexts('sv'), drugs: {} }));
    expect(Object.keys(ISSUE_TITLES.en).sort()).toEqual(Object.keys(ISSUE_TITLES.sv).sort());
    expect(Object.keys(AUDIT_ACTIONS.en).sort()).toEqual(Object.keys(AUDIT_ACTIONS.sv).sort());
    expect(Object.keys(adminWords('en')).sort()).toEqual(Object.keys(adminWords('sv')).sort());
  });

  it('the Swedish page, issue and audit texts hold no English words', () => {
    const found: string[] = [];
    for (const [key, text] of Object.entries(MESSAGES.sv)) if (english(text).length) found.push(`${key}: ${english(text).join(', ')}`);
    for (const [key, text] of [...Object.entries(ISSUE_TITLES.sv), ...Object.entries(AUDIT_ACTIONS.sv), ...Object.entries(adminWords('sv'))]) {
      if (english(text).length) found.push(`${key}: ${english(text).join(', ')}`);
    }
    expect(found).toEqual([]);
    // the check itself catches what was there before
    expect(english('Importen är klar: batch {id}')).toEqual(['batch']);
  });

  it('gives every seed substance a Swedish source note and a Swedish drug name', () => {
    for (const s of SUBSTANCE_CATALOG) {
      expect(sourceNote(s.sourceNote, 'sv')).toBe(s.sourceNoteSv);
      expect(english(s.sourceNoteSv), s.key).toEqual([]);
      expect(sourceNote(s.sourceNoteSv, 'en')).toBe(s.sourceNote);
      expect(DRUG_NAMES.sv[s.drug], s.drug).toBeDefined();
    }
    expect(drugName('cocaine', 'sv')).toBe('kokain');
    expect(drugName('cocaine', 'en')).toBe('cocaine');
    expect(sourceNote('Egen anteckning', 'sv')).toBe('Egen anteckning'); // an edited note shows as written
  });

  it('formats numbers with one argument order: (value, lang, options)', () => {
    // figures: 3 significant digits below 1 000, whole above; sv-SE uses U+00A0 between thousands
    expect(formatNumber(84.10645, 'sv')).toBe('84,1');
    expect(formatNumber(12345.6, 'sv')).toBe('12\u00a0346');
    expect(formatNumber(12345.6, 'en')).toBe('12,346');
    // the pages' tables: at most n decimals, an em dash when missing
    expect(formatNumber(84.10645, 'sv', { maxDecimals: 2 })).toBe('84,11');
    expect(formatNumber(1008.5, 'en', { maxDecimals: 2 })).toBe('1,008.5');
    expect(formatNumber(null, 'sv', { maxDecimals: 2, missing: '—' })).toBe('—');
    expect(formatNumber(2, 'en', { decimals: 2 })).toBe('2.00');
    expect(formatNumber(-2.5, 'sv')).toBe('-2,5');
    // 2024-05-02T12:03Z is 14:03 in Stockholm (CEST, UTC+2)
    expect(formatTimestamp('2024-05-02T12:03:00Z', 'sv')).toBe('2024-05-02 14:03');
  });
});
