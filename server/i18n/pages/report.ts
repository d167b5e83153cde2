/** The report page's words (sv, en): the form that orders a baseline report. */
import type { Lang } from '../lang.ts';

const TEXT = {
  sv: {
    title: 'Rapport: nollvärde',
    intro: 'Skapa nollvärdesrapporten som rådet kan bifoga sitt protokoll: samma siffror i PDF, HTML och CSV, med metod, datakvalitet och alla använda importer.',
    period: 'Period', chosenPeriod: 'Sparad period', ownDates: 'Egna datum (används om ingen sparad period är vald)', from: 'Från', to: 'Till',
    noPeriod: '– egna datum –', baseline: 'nollvärdesperiod',
    areas: 'Områden', substances: 'Ämnen', noneMeansAll: 'Ingen markering betyder alla med data under perioden.',
    small: (limit: string) => `under ${limit} personer – se etikavsnittet i rapporten`,
    lang: 'Språk', sv: 'Svenska', en: 'Engelska', format: 'Format',
    formats: { pdf: 'PDF (för protokollet)', html: 'HTML (en fil, går att skriva ut)', csv: 'CSV (komma, decimalpunkt)', 'csv-excel': 'CSV för Excel (semikolon, decimalkomma)' },
    create: 'Skapa rapport', preview: 'Förhandsgranska', previewHelp: 'Förhandsgranskningen öppnar HTML-rapporten i en ny flik.',
    empty: 'Inga mätvärden ännu', emptyHelp: 'Ladda upp laboratoriets fil och flödesfilen först.',
  },
  en: {
    title: 'Report: baseline',
    intro: 'Create the baseline report the council can attach to its minutes: the same figures in PDF, HTML and CSV, with method, data quality and every import used.',
    period: 'Period', chosenPeriod: 'Saved period', ownDates: 'Own dates (used when no saved period is chosen)', from: 'From', to: 'To',
    noPeriod: '– own dates –', baseline: 'baseline period',
    areas: 'Areas', substances: 'Substances', noneMeansAll: 'Nothing ticked means all with data in the period.',
    small: (limit: string) => `below ${limit} people – see the ethics section of the report`,
    lang: 'Language', sv: 'Swedish', en: 'English', format: 'Format',
    formats: { pdf: 'PDF (for the minutes)', html: 'HTML (one file, printable)', csv: 'CSV (comma, decimal point)', 'csv-excel': 'CSV for Excel (semicolon, decimal comma)' },
    create: 'Create report', preview: 'Preview', previewHelp: 'The preview opens the HTML report in a new tab.',
    empty: 'No measurements yet', emptyHelp: 'Upload the laboratory file and the flow file first.',
  },
} as const;

export function reportPageWords(lang: Lang): (typeof TEXT)[Lang] {
  return TEXT[lang];
}
