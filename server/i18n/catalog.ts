/**
 * Words from the substance catalog that the UI shows: the drug a substance marks, and the
 * source notes. The database keeps the seed's English note (coordinators may edit it); while a
 * stored note is still a seed note, the Swedish UI shows the seed's Swedish text instead.
 */
import { SUBSTANCE_CATALOG } from '../domain/substances.ts';
import type { Lang } from './lang.ts';

/** The catalog's `drug` values (English keys) by language. */
export const DRUG_NAMES: Record<Lang, Record<string, string>> = {
  sv: {
    cocaine: 'kokain', amphetamine: 'amfetamin', methamphetamine: 'metamfetamin', MDMA: 'MDMA', cannabis: 'cannabis', heroin: 'heroin',
    methadone: 'metadon', tramadol: 'tramadol', ketamine: 'ketamin', mephedrone: 'mefedron',
  },
  en: {},
};

/** A drug's name in `lang`; an unknown drug (entered by a coordinator) shows as stored. */
export function drugName(drug: string, lang: Lang): string {
  return DRUG_NAMES[lang][drug] ?? drug;
}

const SEED_NOTES_SV = new Map(SUBSTANCE_CATALOG.map((s) => [s.sourceNote, s.sourceNoteSv]));
const SEED_NOTES_EN = new Map(SUBSTANCE_CATALOG.map((s) => [s.sourceNoteSv, s.sourceNote]));

/** A stored source note in `lang`: a seed note in either language becomes that language's text; an edited note shows as written. */
export function sourceNote(stored: string, lang: Lang): string {
  return (lang === 'sv' ? SEED_NOTES_SV : SEED_NOTES_EN).get(stored) ?? stored;
}
