import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { lockAreaCodes } from '../db/repositories/areas.repository.ts';
import type { Database } from '../db/schema.ts';
import { normalizeName } from '../domain/text.ts';
import type { PopulationKind } from '../domain/types.ts';
import { pick, type HeaderColumn } from './columns.ts';
import type { ReportBuilder } from './report.ts';
import { parseNumber, parseSampleTime, type DecimalSeparator } from './values.ts';

export interface AreaLayout {
  code: HeaderColumn;
  name: HeaderColumn;
  parent?: HeaderColumn;
  population?: HeaderColumn;
  populationFrom?: HeaderColumn;
  municipality?: HeaderColumn;
  county?: HeaderColumn;
  aliases?: HeaderColumn;
}

export interface AreaRow {
  line: number;
  code: string;
  name: string;
  parent: string | null;
  population: number | null;
  /** 'pe' when the population column is labelled person equivalents (pe, personekvivalenter). */
  populationKind: PopulationKind;
  populationFrom: string | null;
  municipality: string | null;
  county: string | null;
  aliases: string[];
}

/**
 * Person equivalents (from BOD₇, include industry) are not connected persons: accepted as an
 * area's population only when the column says so (DOMAIN.md "Corrections").
 */
export function populationKindOfHeader(header: string | undefined): PopulationKind {
  if (!header) return 'persons';
  const name = normalizeName(header.replace(/\(.*\)/, ' ')).trim();
  return /^(pe|personekvivalent(er)?|person equivalents?)$/.test(name) || /\(\s*pe\s*\)/i.test(header) ? 'pe' : 'persons';
}

export function areaLayout(cols: HeaderColumn[], report: ReportBuilder): AreaLayout | null {
  const taken = new Set<number>();
  const code = pick(cols, 'code', taken) ?? pick(cols, 'area', taken);
  const name = pick(cols, 'name', taken);
  if (!code || !name) {
    report.error(1, !code ? 'code' : 'name', 'missing_column', `An areas file needs the columns code and name. Found: ${cols.map((c) => c.header).join(', ')}.`);
    return null;
  }
  return {
    code, name, parent: pick(cols, 'parent', taken), population: pick(cols, 'population', taken), populationFrom: pick(cols, 'populationFrom', taken),
    municipality: pick(cols, 'municipality', taken), county: pick(cols, 'county', taken), aliases: pick(cols, 'aliases', taken),
  };
}

export function readAreaRow(L: AreaLayout, cells: string[], line: number, report: ReportBuilder, decimal: DecimalSeparator): AreaRow | null {
  const cell = (c?: HeaderColumn) => (c ? (cells[c.index] ?? '').trim() : '');
  let bad = false;
  const code = cell(L.code);
  const name = cell(L.name);
  if (!code) { report.error(line, L.code.header, 'missing_value', 'The area code is empty.'); bad = true; }
  else if (code.length > 64) { report.error(line, L.code.header, 'not_a_number', 'The area code is longer than 64 characters.'); bad = true; }
  if (!name) { report.error(line, L.name.header, 'missing_value', 'The area name is empty.'); bad = true; }
  let population: number | null = null;
  if (cell(L.population) !== '') {
    const p = parseNumber(cell(L.population), decimal);
    if (Number.isNaN(p) || !Number.isInteger(p) || p <= 0) {
      report.error(line, L.population!.header, Number.isNaN(p) ? 'not_a_number' : 'negative_value', `Population "${cell(L.population)}" must be a whole number above zero.`);
      bad = true;
    } else population = p;
  }
  let populationFrom: string | null = null;
  if (cell(L.populationFrom) !== '') {
    const d = parseSampleTime(cell(L.populationFrom));
    if (!d.ok) { report.error(line, L.populationFrom!.header, d.code, d.message); bad = true; }
    else populationFrom = d.value.date;
  }
  if (bad) return null;
  const aliases = cell(L.aliases).split(/[|;]/).map((a) => a.trim()).filter(Boolean);
  return {
    line, code, name, parent: cell(L.parent) || null, population, populationKind: populationKindOfHeader(L.population?.header), populationFrom,
    municipality: cell(L.municipality) || null, county: cell(L.county) || null, aliases,
  };
}

/**
 * Validates parents and writes the rows (inside the caller's transaction). Returns [changed, unchanged].
 * With `write: false` (a dry run) it only reads: what changes is decided from the stored rows, and the
 * write path acts on the same decision, so a dry run reports what the import then does.
 */
export async function writeAreas(
  db: Kysely<Database>, organisationId: number, rows: AreaRow[], parentHeader: string | null, report: ReportBuilder, codeHeader = 'code', opts: { write: boolean } = { write: true },
): Promise<[number, number]> {
  const now = new Date().toISOString();
  const existing = new Map(
    (await db.selectFrom('areas').select(['id', 'code', 'name', 'parent_code', 'municipality', 'county']).where('organisation_id', '=', organisationId).execute())
      .map((a) => [a.code, a]),
  );
  const inFile = new Map<string, AreaRow>();
  for (const r of rows) {
    const prev = inFile.get(r.code);
    if (prev && JSON.stringify({ ...prev, line: 0 }) !== JSON.stringify({ ...r, line: 0 })) {
      report.error(r.line, codeHeader, 'conflicting_duplicate', `Area ${r.code} appears on line ${prev.line} and line ${r.line} with different details.`);
    } else if (prev) {
      report.warning(r.line, codeHeader, 'duplicate_row', `Line ${r.line} repeats line ${prev.line}; kept once.`);
    }
    inFile.set(r.code, r);
  }
  for (const r of inFile.values()) {
    if (r.parent && !inFile.has(r.parent) && !existing.has(r.parent)) {
      report.error(r.line, parentHeader ?? 'parent', 'unknown_area', `Parent area "${r.parent}" is neither in this file nor among the existing areas.`);
    }
    if (r.parent === r.code) report.error(r.line, parentHeader ?? 'parent', 'unknown_area', `Area ${r.code} cannot be its own parent.`);
  }
  // Codes are unique across the organisation tree (a county and its municipalities): a code another
  // organisation of the tree holds is refused, naming the owner only when this organisation sees it.
  // The check and the inserts below are one step for every writer of area codes (lockAreaCodes).
  await lockAreaCodes(db);
  const others = (await sql<{ code: string; name: string; parent_id: number | null }>`
    with recursive up(id, parent_id) as (
      select id, parent_id from organisations where id = ${organisationId}
      union all select o.id, o.parent_id from organisations o join up on o.id = up.parent_id),
    down(id) as (
      select id from up where parent_id is null
      union select o.id from organisations o join down on o.parent_id = down.id)
    select a.code, o.name, o.parent_id from areas a join organisations o on o.id = a.organisation_id
    where a.organisation_id in (select id from down) and a.organisation_id != ${organisationId}`.execute(db)).rows;
  const takenBy = new Map(others.map((o) => [o.code, o]));
  for (const r of inFile.values()) {
    const t = takenBy.get(r.code);
    if (!t) continue;
    report.error(r.line, codeHeader, 'code_taken', t.parent_id === organisationId
      ? `Area code "${r.code}" belongs to ${t.name}; codes are unique across the county and its municipalities.`
      : `Area code "${r.code}" is already in use in your county's organisations; choose another code.`);
  }
  if (report.errorCount > 0) return [0, 0];

  // What is stored for the file's existing areas: the latest population and the aliases (by matching key).
  const existingIds = [...inFile.keys()].map((code) => existing.get(code)?.id).filter((id): id is number => id !== undefined);
  const latestPopulation = new Map<number, { population: number; kind: PopulationKind }>();
  const aliasKeys = new Map<number, Set<string>>();
  for (let i = 0; i < existingIds.length; i += 500) {
    const ids = existingIds.slice(i, i + 500);
    // Oldest first: the last one read per area is its latest (as the registry's history orders them).
    for (const p of await db.selectFrom('area_populations').select(['area_id', 'population', 'kind']).where('area_id', 'in', ids).orderBy('valid_from').orderBy('id').execute()) {
      latestPopulation.set(p.area_id, { population: p.population, kind: p.kind });
    }
    for (const a of await db.selectFrom('area_aliases').select(['area_id', 'alias_norm']).where('area_id', 'in', ids).execute()) {
      let keys = aliasKeys.get(a.area_id);
      if (!keys) aliasKeys.set(a.area_id, (keys = new Set()));
      keys.add(a.alias_norm);
    }
  }

  let changed = 0;
  let unchanged = 0;
  for (const r of inFile.values()) {
    const ex = existing.get(r.code);
    const details = !ex || ex.name !== r.name || ex.parent_code !== r.parent || ex.municipality !== r.municipality || ex.county !== r.county;
    const cur = ex ? latestPopulation.get(ex.id) : undefined;
    const population = r.population != null && (!cur || cur.population !== r.population || cur.kind !== r.populationKind);
    const storedAliases = ex ? aliasKeys.get(ex.id) : undefined;
    const aliases = r.aliases.some((a) => !storedAliases?.has(normalizeName(a)));
    if (details || population || aliases) changed += 1;
    else unchanged += 1;
    if (!opts.write) continue;
    let id: number;
    if (!ex) {
      id = (await db.insertInto('areas').values({
        organisation_id: organisationId, code: r.code, name: r.name, parent_code: r.parent, municipality: r.municipality, county: r.county, created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      id = ex.id;
      if (details) await db.updateTable('areas').set({ name: r.name, parent_code: r.parent, municipality: r.municipality, county: r.county, updated_at: now }).where('id', '=', id).execute();
    }
    if (population) {
      // Without a date, the first population applies to all data, a change from today on.
      await db.insertInto('area_populations').values({
        area_id: id, population: r.population!, kind: r.populationKind, valid_from: r.populationFrom ?? (cur ? now.slice(0, 10) : '1900-01-01'), created_at: now,
      }).execute();
    }
    // `on conflict do nothing` (both databases) rather than SQLite's `insert or ignore`.
    for (const a of r.aliases) await db.insertInto('area_aliases').values({ area_id: id, alias: a, alias_norm: normalizeName(a) }).onConflict((oc) => oc.doNothing()).execute();
  }
  return [changed, unchanged];
}
