/**
 * Registry (server/import/lookup.ts): which area a file cell means, and the "closest known" hints.
 * A minimal in-memory database with just the tables the registry reads.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/schema.ts';
import { Registry } from '../../../server/import/lookup.ts';

const db = new SQLite(':memory:');
db.exec(`
  create table areas (id integer primary key, organisation_id integer, code text, name text);
  create table area_populations (id integer primary key, area_id integer, population integer, valid_from text);
  create table area_aliases (area_id integer, alias text, alias_norm text);
  create table substance_aliases (substance_key text, alias text);
  -- The importing organisation's catalogue (issue 16): its organisation chain, the shared default
  -- and the overrides along the chain (none here).
  create table organisations (id integer primary key, parent_id integer);
  create table substances (key text primary key, correction_factor real, dose_mg real, source_note text, sort_order integer);
  create table substance_overrides (organisation_id integer, substance_key text, correction_factor real, correction_factor_set integer,
    dose_mg real, dose_mg_set integer, source_note text, aliases_json text, updated_at text);
  insert into organisations values (1, null), (2, null);
  insert into substances values ('cocaine', null, null, null, 1), ('amphetamine', null, null, null, 2);
  insert into areas values (1, 1, 'EXS-ARV', 'Exempelstad ARV'), (2, 1, 'EXS-CEN', 'Centrum PS'),
    -- A later area whose name and alias are other areas' codes (e.g. columns shifted in an areas file).
    (3, 1, 'FZ-1', 'EXS-ARV'), (4, 2, 'OTHER-ORG', 'Other');
  insert into area_aliases values (3, 'exs-cen', 'exs cen'), (2, 'Centrum', 'centrum');
  insert into substance_aliases values ('cocaine', 'Kokain'), ('amphetamine', 'Amfetamin');
`);
afterAll(() => db.close());

describe('Registry', () => {
  let r: Registry;
  beforeAll(async () => {
    r = await Registry.load(new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) }), [1]);
  });

  it('finds areas by code, name and alias, ignoring case, accents and spacing', () => {
    expect(r.area('Exempelstad ARV')?.code).toBe('EXS-ARV');
    expect(r.area('exempelstad  arv')?.code).toBe('EXS-ARV');
    expect(r.area('Centrum')?.code).toBe('EXS-CEN');
    expect(r.area('FZ-1')?.code).toBe('FZ-1');
    expect(r.area('Other')).toBeUndefined(); // another organisation's area
    expect(r.area('Nowhere')).toBeUndefined();
  });

  it('lets a code always mean its own area, even when another area uses it as name or alias', () => {
    expect(r.area('EXS-ARV')?.code).toBe('EXS-ARV');
    expect(r.area('exs arv')?.code).toBe('EXS-ARV');
    expect(r.area('EXS-CEN')?.code).toBe('EXS-CEN');
  });

  it('suggests close names, but not for a cell longer than any name (edit distance would cost length × names)', () => {
    expect(r.suggestAreas('Centrum P')).toContain('Centrum PS');
    expect(r.suggestSubstances('Kokainn')[0]).toBe('Kokain');
    const t = Date.now();
    expect(r.suggestAreas('x'.repeat(1_000_000))).toEqual([]);
    expect(r.suggestSubstances('y'.repeat(1_000_000))).toEqual([]);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('reads substance names in linear time (no "(((…" blow-up)', () => {
    expect(r.substance('Kokain')).toBe('cocaine');
    expect(r.substance('Amfetamin (AMP)')).toBe('amphetamine');
    const t = Date.now();
    for (const fill of ['(', ' (', '((x']) expect(r.substance(fill.repeat(300_000))).toBeUndefined();
    expect(Date.now() - t).toBeLessThan(1000);
  });
});
