import { normalizeName } from '../domain/text.ts';
import { splitHeaderUnit } from './values.ts';

export type ImportKind = 'lab' | 'flow' | 'areas' | 'reference';
export const IMPORT_KINDS: ImportKind[] = ['lab', 'flow', 'areas', 'reference'];

export type Role =
  | 'area' | 'start' | 'end' | 'sampleId' | 'substance' | 'value' | 'unit' | 'loq' | 'flow' | 'population'
  | 'code' | 'name' | 'parent' | 'populationFrom' | 'municipality' | 'county' | 'aliases';

/** Header names labs and utilities use, Swedish and English; matched after normalizeName. */
const ROLE_ALIASES: Record<Role, string[]> = {
  area: ['provpunkt', 'provplats', 'provtagningsplats', 'provtagningspunkt', 'site', 'sampling site', 'sampling point', 'sample site', 'location', 'plats', 'reningsverk', 'arv', 'omrade', 'area', 'area code', 'omradeskod', 'site id', 'wwtp', 'anlaggning', 'matpunkt'],
  start: ['provtagning start', 'provtagningsstart', 'start', 'datum', 'date', 'sample date', 'sampling date', 'provtagningsdatum', 'provdatum', 'sampling start', 'start date', 'startdatum', 'from', 'fran', 'dygn', 'day'],
  end: ['provtagning slut', 'provtagningsslut', 'slut', 'end', 'sampling end', 'end date', 'slutdatum', 'to', 'till'],
  sampleId: ['labbets provnr', 'provnr', 'provnummer', 'labbets provnummer', 'sample id', 'lab sample id', 'sample no', 'sample number', 'lab id', 'labb id', 'provid', 'prov id'],
  substance: ['analys', 'amne', 'substans', 'substance', 'analyte', 'parameter', 'compound', 'analysparameter', 'komponent'],
  value: ['halt', 'resultat', 'concentration', 'value', 'result', 'varde', 'koncentration', 'matvarde'],
  unit: ['enhet', 'unit', 'units', 'enheter'],
  loq: ['rapporteringsgrans', 'loq', 'rg', 'kvantifieringsgrans', 'limit of quantification', 'mrl', 'reporting limit', 'rapp grans'],
  flow: ['flode', 'flow', 'flode m3 d', 'dygnsflode', 'daily flow', 'inflode', 'flow rate', 'vattenflode'],
  population: ['anslutna', 'anslutna personer', 'personekvivalenter', 'population', 'pe', 'befolkning', 'invanare', 'connected population', 'antal anslutna', 'inhabitants'],
  code: ['code', 'kod', 'area code', 'omradeskod', 'id'],
  name: ['name', 'namn', 'benamning'],
  parent: ['parent', 'overordnat', 'overordnat omrade', 'parent area', 'foralder', 'tillhor'],
  populationFrom: ['population from', 'populationfrom', 'population date', 'giltig fran', 'galler fran', 'from date', 'valid from'],
  municipality: ['municipality', 'kommun'],
  county: ['county', 'lan', 'region'],
  aliases: ['aliases', 'alias', 'alternative names', 'andra namn', 'alias namn'],
};

const LOOKUP = new Map<string, Role[]>();
for (const [role, names] of Object.entries(ROLE_ALIASES) as [Role, string[]][]) {
  for (const n of names) {
    const k = normalizeName(n);
    LOOKUP.set(k, [...(LOOKUP.get(k) ?? []), role]);
  }
}

export interface HeaderColumn {
  index: number;
  header: string; // as written
  name: string; // without the unit
  unit: string | null; // unit written in the header, if any
  roles: Role[];
}

export function readHeader(cells: string[]): HeaderColumn[] {
  return cells.map((raw, index) => {
    const header = raw.replace(/^\ufeff/, '').trim();
    const { name, unit } = splitHeaderUnit(header);
    const roles = LOOKUP.get(normalizeName(name)) ?? LOOKUP.get(normalizeName(header)) ?? [];
    return { index, header, name, unit, roles };
  });
}

/** The first header written twice (compared as names are matched), or null. Empty headers do not count. */
export function duplicateHeader(cols: HeaderColumn[]): string | null {
  const seen = new Set<string>();
  for (const c of cols) {
    const k = normalizeName(c.header);
    if (k === '') continue;
    if (seen.has(k)) return c.header;
    seen.add(k);
  }
  return null;
}

/** The first column that can play `role`, not already taken. */
export function pick(cols: HeaderColumn[], role: Role, taken: Set<number>): HeaderColumn | undefined {
  const c = cols.find((col) => col.roles.includes(role) && !taken.has(col.index));
  if (c) taken.add(c.index);
  return c;
}

const EUDA_HEADERS = ['year', 'metabolite', 'site id', 'country', 'city'];

/**
 * Guesses the kind from the header: the EUDA layout → reference; code + name → areas;
 * substance + value (long) or substance-named columns (wide) → lab; area + date + flow → flow.
 */
export function detectKind(cols: HeaderColumn[], isSubstance: (name: string) => boolean): ImportKind | null {
  const norm = new Set(cols.map((c) => normalizeName(c.header)));
  if (EUDA_HEADERS.every((h) => norm.has(h))) return 'reference';
  const has = (r: Role) => cols.some((c) => c.roles.includes(r));
  if (has('substance') && has('value')) return 'lab';
  if (cols.some((c) => isSubstance(c.name))) return 'lab';
  if (has('code') && has('name')) return 'areas';
  if (has('flow') && has('area') && has('start')) return 'flow';
  return null;
}
