/**
 * Short titles for the import issue codes, shown instead of the bare code (e.g. `unknown_area`)
 * above the server's detailed message.
 */
import type { Lang } from './lang.ts';
import { swedishIssueMessage } from './issue-messages.ts';

export const ISSUE_TITLES: Record<Lang, Record<string, string>> = {
  sv: {
    missing_column: 'Kolumn saknas', unknown_area: 'Okänd provpunkt', unknown_substance: 'Okänt ämne', bad_date: 'Ogiltigt datum',
    ambiguous_date: 'Tvetydigt datum', end_before_start: 'Slutar före start', negative_value: 'Negativt värde', not_a_number: 'Inte ett tal',
    unknown_unit: 'Okänd enhet', missing_value: 'Värde saknas', no_loq: 'Rapporteringsgräns saknas', conflicting_duplicate: 'Motstridiga rader',
    conflict_existing: 'Krockar med sparat värde', unreadable_file: 'Filen kan inte läsas', already_imported: 'Redan importerad', busy: 'Upptaget',
    duplicate_row: 'Dubblettrad', duplicate_existing: 'Finns redan', no_flow: 'Flöde saknas', outlier: 'Avvikande värde', loq_changed: 'Ändrad rapporteringsgräns',
    ignored_column: 'Kolumn ignoreras', duplicate_column: 'Dubblerad kolumn', code_taken: 'Koden används redan', no_data: 'Inga datarader', no_areas: 'Ladda upp områdesfilen först', nothing_new: 'Inget nytt att importera',
  },
  en: {
    missing_column: 'Missing column', unknown_area: 'Unknown sampling point', unknown_substance: 'Unknown substance', bad_date: 'Invalid date',
    ambiguous_date: 'Ambiguous date', end_before_start: 'Ends before it starts', negative_value: 'Negative value', not_a_number: 'Not a number',
    unknown_unit: 'Unknown unit', missing_value: 'Missing value', no_loq: 'No LOQ', conflicting_duplicate: 'Conflicting rows',
    conflict_existing: 'Conflicts with a stored value', unreadable_file: 'Unreadable file', already_imported: 'Already imported', busy: 'Busy',
    duplicate_row: 'Duplicate row', duplicate_existing: 'Already stored', no_flow: 'No flow yet', outlier: 'Unusual value', loq_changed: 'LOQ changed',
    ignored_column: 'Column ignored', duplicate_column: 'Duplicate column', code_taken: 'Code already in use', no_data: 'No data lines', no_areas: 'Upload the area file first', nothing_new: 'Nothing new to import',
  },
};

/** The title of an issue code, or null for a code without one. */
export function issueTitle(code: string, lang: Lang): string | null {
  return ISSUE_TITLES[lang][code] ?? null;
}

/** The error list's column headings (a CSV the coordinator sends to the lab). */
export const ISSUE_LIST_HEADINGS: Record<Lang, [string, string, string, string, string]> = {
  sv: ['Rad', 'Kolumn', 'Värde', 'Fel', 'Meddelande'],
  en: ['Line', 'Column', 'Value', 'Problem', 'Message'],
};

/** What an issue carries besides its code, for a message in the reader's language. */
export interface IssueFacts { code: string; message: string; value?: string; suggestions?: string[]; batches?: number[] }

/**
 * The issue's message in `lang`: built from its code and facts for the codes a coordinator meets
 * first; in Swedish every other message is rewritten from the importer's English (issue-messages.ts).
 */
export function issueMessage(i: IssueFacts, lang: Lang): string {
  const v = i.value ?? '';
  const closest = i.suggestions?.length ? (lang === 'sv' ? ` Närmast: ${i.suggestions.join(', ')}.` : ` Closest known: ${i.suggestions.join(', ')}.`) : '';
  const sv: Record<string, () => string> = {
    no_areas: () => 'Det finns inga områden ännu, så ingen provpunkt i filen är känd. Ladda upp områdesfilen först (kolumnerna code, name, population) och sedan den här filen igen.',
    no_data: () => 'Filen har en rubrikrad men inga datarader: det finns inget att importera.',
    nothing_new: () => (i.batches?.length ? `Alla värden i filen finns redan (import nr ${i.batches.join(', ')}). Inget nytt att importera.` : 'Inget i filen skulle sparas. Inget nytt att importera.'),
    unknown_area: () => `Okänd provpunkt "${v}". Lägg till den under Områden, eller lägg till "${v}" som alias för ett befintligt område.${closest}`,
    unknown_substance: () => `Okänt ämne "${v}".${closest} Lägg till det som alias under Ämnen om det är ett av dem.`,
  };
  const en: Record<string, () => string> = {
    no_areas: () => 'No areas are registered yet, so no sampling point in this file is known. Upload the area file first (columns code, name, population), then this file again.',
  };
  const make = (lang === 'sv' ? sv : en)[i.code];
  if (make) return make();
  return lang === 'sv' ? swedishIssueMessage(i.code, i.message) : i.message;
}
