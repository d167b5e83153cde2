/**
 * The sampling order of a campaign (API.md `/campaigns/:id/order`): one part for the utility
 * (sampling points, days, composite type, cooling and storage, where to send) and one for the lab
 * (substances, LOQ wished, sample ids), as a ReportModel so the report's PDF and HTML renderers lay
 * it out; the CSV has one line per area × day × substance expected. Pure: the use case fetches.
 * Texts live here until the i18n module lands (the lead moves them).
 */
import type { Lang, ReportModel, SectionModel } from './types.ts';

export interface OrderInput {
  lang: Lang;
  generatedAt: string;
  appVersion: string;
  organisation: string;
  campaign: { id: number; name: string; from: string; to: string; status: string; composite: 'flow_24h' | 'payday_weekday'; lab: string; notes: string };
  dates: string[];
  areas: { code: string; name: string }[];
  substances: { key: string; name: string; loqWishedNgL: number | null }[];
}

const TEXTS = {
  sv: {
    title: (n: string) => `Beställning av provtagning: ${n}`,
    subtitle: 'Underlag för VA-verket och laboratoriet',
    facts: { organisation: 'Organisation', campaign: 'Kampanj', days: 'Provtagningsdygn', composite: 'Provtyp', lab: 'Laboratorium', status: 'Status', generated: 'Skapad', version: 'Version' },
    composite: { flow_24h: 'Flödesproportionellt dygnsprov (24 h), kl. 07–07', payday_weekday: 'Flödesproportionella dygnsprov (24 h): lönehelg och en vanlig vardag' },
    status: { planned: 'planerad', ordered: 'beställd', delivered: 'levererad', detected: 'upptäckt' } as Record<string, string>,
    utility: 'Till VA-verket', lab: 'Till laboratoriet',
    utilityIntro: 'Ta ett flödesproportionellt samlingsprov per provpunkt och dygn enligt tabellen. Ett prov som börjar kl. 07 den 14:e och slutar kl. 07 den 15:e är den 14:e. Ange dygnsflödet (m³/dygn) för samma dygn.',
    points: 'Provpunkter', pointCols: ['Provpunkt', 'Namn'],
    days: 'Provtagningsdygn', dayCols: ['Datum (provstart)', 'Veckodag'],
    weekdays: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
    storage: 'Kylning och förvaring',
    storageItems: ['Kyl provet till 2–8 °C under hela provtagningen.', 'Häll upp i märkta flaskor (provnummer nedan) direkt efter dygnets slut.', 'Frys in (−20 °C) om provet inte når laboratoriet inom 24 timmar; frys inte om och tina inte upp.', 'Notera avvikelser (driftstopp, bräddning, utebliven provtagning) på följesedeln.'],
    sendTo: 'Skicka till', sendToLine: (lab: string) => (lab ? `Proverna skickas till ${lab}.` : 'Laboratorium är inte valt ännu: fyll i det innan beställningen skickas.'),
    labIntro: 'Analysera varje prov för ämnena nedan och rapportera halt i ng/L med rapporteringsgräns (LOQ) per värde, provets start- och sluttid och provnumret.',
    substances: 'Ämnen', substanceCols: ['Ämne', 'Nyckel', 'Önskad LOQ (ng/L)'], loqFree: 'så låg som metoden medger',
    sampleIds: 'Provnummer', sampleCols: ['Provnummer', 'Provpunkt', 'Datum'],
    notes: 'Anteckningar', fileStem: 'bestallning',
    csv: ['kampanj', 'provnummer', 'provpunkt', 'datum', 'ämne', 'önskad LOQ (ng/L)'],
    pageLabel: 'Sida {n} av {m}',
  },
  en: {
    title: (n: string) => `Sampling order: ${n}`,
    subtitle: 'For the utility and the laboratory',
    facts: { organisation: 'Organisation', campaign: 'Campaign', days: 'Sampling days', composite: 'Sample type', lab: 'Laboratory', status: 'Status', generated: 'Created', version: 'Version' },
    composite: { flow_24h: 'Flow-proportional 24-h composite, 07:00–07:00', payday_weekday: 'Flow-proportional 24-h composites: payday weekend and one ordinary weekday' },
    status: { planned: 'planned', ordered: 'ordered', delivered: 'delivered', detected: 'detected' } as Record<string, string>,
    utility: 'For the utility', lab: 'For the laboratory',
    utilityIntro: 'Take one flow-proportional composite per sampling point and day as listed. A sample from 07:00 on the 14th to 07:00 on the 15th is the 14th. Give the daily flow (m³/day) of the same day.',
    points: 'Sampling points', pointCols: ['Sampling point', 'Name'],
    days: 'Sampling days', dayCols: ['Date (sample start)', 'Weekday'],
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    storage: 'Cooling and storage',
    storageItems: ['Keep the sample at 2–8 °C throughout the sampling.', 'Fill labelled bottles (sample ids below) right after the day ends.', 'Freeze (−20 °C) if the sample cannot reach the lab within 24 hours; do not refreeze or thaw.', 'Note deviations (outages, overflow, missed sampling) on the delivery note.'],
    sendTo: 'Send to', sendToLine: (lab: string) => (lab ? `Send the samples to ${lab}.` : 'No laboratory chosen yet: fill it in before the order is sent.'),
    labIntro: 'Analyse every sample for the substances below and report the concentration in ng/L with the limit of quantification (LOQ) of each value, the sample start and end times and the sample id.',
    substances: 'Substances', substanceCols: ['Substance', 'Key', 'LOQ wished (ng/L)'], loqFree: 'as low as the method allows',
    sampleIds: 'Sample ids', sampleCols: ['Sample id', 'Sampling point', 'Date'],
    notes: 'Notes', fileStem: 'order',
    csv: ['campaign', 'sampleId', 'area', 'date', 'substance', 'loqWishedNgL'],
    pageLabel: 'Page {n} of {m}',
  },
};

/** A sample id the lab writes back: campaign, area, date (e.g. K12-EXS-ARV-20210315). */
export function sampleIdOf(campaignId: number, area: string, date: string): string {
  return `K${campaignId}-${area}-${date.replaceAll('-', '')}`;
}

function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function orderModel(o: OrderInput): ReportModel {
  const tx = TEXTS[o.lang];
  const c = o.campaign;
  const loq = (v: number | null) => (v == null ? tx.loqFree : (o.lang === 'sv' ? String(v).replace('.', ',') : String(v)));
  const utility: SectionModel = {
    id: 'utility', heading: tx.utility, newPage: false,
    blocks: [
      { kind: 'paragraph', text: tx.utilityIntro, tone: 'lead' },
      { kind: 'subheading', text: tx.points },
      { kind: 'table', table: { columns: tx.pointCols, rows: o.areas.map((a) => [a.code, a.name]), numeric: [false, false] } },
      { kind: 'subheading', text: tx.days },
      { kind: 'table', table: { columns: tx.dayCols, rows: o.dates.map((d) => [d, tx.weekdays[weekdayIndex(d)]]), numeric: [false, false] } },
      { kind: 'subheading', text: tx.storage },
      { kind: 'list', items: tx.storageItems },
      { kind: 'subheading', text: tx.sendTo },
      { kind: 'paragraph', text: tx.sendToLine(c.lab) },
      ...(c.notes ? [{ kind: 'subheading' as const, text: tx.notes }, { kind: 'paragraph' as const, text: c.notes }] : []),
    ],
  };
  const lab: SectionModel = {
    id: 'lab', heading: tx.lab, newPage: true,
    blocks: [
      { kind: 'paragraph', text: tx.labIntro, tone: 'lead' },
      { kind: 'subheading', text: tx.substances },
      { kind: 'table', table: { columns: tx.substanceCols, rows: o.substances.map((s) => [s.name, s.key, loq(s.loqWishedNgL)]), numeric: [false, false, true] } },
      { kind: 'subheading', text: tx.sampleIds },
      { kind: 'table', table: { columns: tx.sampleCols, rows: o.areas.flatMap((a) => o.dates.map((d) => [sampleIdOf(c.id, a.code, d), a.code, d])), numeric: [false, false, false] } },
    ],
  };
  const rows = o.areas.flatMap((a) => o.dates.flatMap((d) => o.substances.map((s) => [c.name, sampleIdOf(c.id, a.code, d), a.code, d, s.key, s.loqWishedNgL])));
  const title = tx.title(c.name);
  return {
    lang: o.lang, title, subtitle: tx.subtitle,
    facts: [
      [tx.facts.organisation, o.organisation], [tx.facts.campaign, `${c.name} (${c.from} – ${c.to})`], [tx.facts.days, String(o.dates.length)],
      [tx.facts.composite, tx.composite[c.composite]], [tx.facts.lab, c.lab || '—'], [tx.facts.status, tx.status[c.status] ?? c.status],
      [tx.facts.generated, o.generatedAt.slice(0, 16).replace('T', ' ')], [tx.facts.version, o.appVersion],
    ],
    runningHeader: `${title} · ${o.organisation}`, pageLabelTemplate: tx.pageLabel,
    metadata: { title, author: o.organisation, subject: tx.subtitle, keywords: 'wastewater, sampling order', creator: `Lägesbild ${o.appVersion}`, generatedAt: o.generatedAt },
    sections: [utility, lab],
    csv: { machine: { header: TEXTS.en.csv, rows }, human: { header: tx.csv, rows } },
    fileBaseName: `lagesbild-${tx.fileStem}-${c.from}`,
    period: { from: c.from, to: c.to },
  };
}
