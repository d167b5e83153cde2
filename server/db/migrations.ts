import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Migrations live in code so a fresh install needs no files beside the bundle. */
const migrations: Record<string, Migration> = {
  '2026-11-27-001-initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('municipality','county')`))
        .addColumn('parent_id', 'integer', (c) => c.references('organisations.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer','coordinator','admin')`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('areas')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text')
        .addColumn('municipality', 'text')
        .addColumn('county', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('areas_org_code', ['organisation_id', 'code'])
        .execute();

      await db.schema
        .createTable('area_populations')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
        .addColumn('population', 'integer', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('area_populations_area').on('area_populations').columns(['area_id', 'valid_from']).execute();

      await db.schema
        .createTable('area_aliases')
        .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('alias_norm', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('area_aliases_pk', ['area_id', 'alias_norm'])
        .execute();

      await db.schema
        .createTable('substances')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name_sv', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('drug', 'text', (c) => c.notNull())
        .addColumn('residue', 'text', (c) => c.notNull())
        .addColumn('correction_factor', 'real')
        .addColumn('dose_mg', 'real')
        .addColumn('source_note', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('substance_aliases')
        .addColumn('substance_key', 'text', (c) => c.notNull().references('substances.key'))
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('alias_norm', 'text', (c) => c.notNull().unique())
        .execute();

      await db.schema
        .createTable('import_batches')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('file_path', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('committed','retracted')`))
        .addColumn('on_conflict', 'text', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('report_json', 'text', (c) => c.notNull())
        .addColumn('retracted_at', 'text')
        .addColumn('retracted_by', 'text')
        .addColumn('retract_reason', 'text')
        .execute();
      await db.schema.createIndex('import_batches_sha').on('import_batches').columns(['organisation_id', 'sha256']).execute();

      await db.schema
        .createTable('measurements')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
        .addColumn('substance_key', 'text', (c) => c.notNull().references('substances.key'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('sample_start', 'text')
        .addColumn('sample_end', 'text')
        .addColumn('lab_sample_id', 'text')
        .addColumn('concentration_ng_l', 'real')
        .addColumn('censored', 'integer', (c) => c.notNull())
        .addColumn('loq_ng_l', 'real')
        .addColumn('original_text', 'text', (c) => c.notNull())
        .addColumn('original_unit', 'text')
        .addColumn('population', 'integer')
        .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
        .addColumn('source_row', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('superseded_by_batch_id', 'integer')
        .execute();
      // At most one counting value per area, substance and date: a doubled result is impossible.
      await sql`create unique index measurements_identity on measurements(area_id, substance_key, date) where active = 1`.execute(db);
      await db.schema.createIndex('measurements_batch').on('measurements').column('batch_id').execute();
      await db.schema.createIndex('measurements_superseded').on('measurements').column('superseded_by_batch_id').execute();

      await db.schema
        .createTable('daily_flows')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('flow_m3_per_day', 'real', (c) => c.notNull())
        .addColumn('original_text', 'text', (c) => c.notNull())
        .addColumn('original_unit', 'text')
        .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
        .addColumn('source_row', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('superseded_by_batch_id', 'integer')
        .execute();
      await sql`create unique index daily_flows_identity on daily_flows(area_id, date) where active = 1`.execute(db);
      await db.schema.createIndex('daily_flows_batch').on('daily_flows').column('batch_id').execute();
      await db.schema.createIndex('daily_flows_superseded').on('daily_flows').column('superseded_by_batch_id').execute();

      await db.schema
        .createTable('periods')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addColumn('baseline', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('areas_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();

      await db.schema
        .createTable('reference_values')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('substance_key', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('population', 'integer')
        .addColumn('wed', 'real').addColumn('thu', 'real').addColumn('fri', 'real').addColumn('sat', 'real')
        .addColumn('sun', 'real').addColumn('mon', 'real').addColumn('tue', 'real')
        .addColumn('weekday_mean', 'real').addColumn('weekend_mean', 'real').addColumn('daily_mean', 'real')
        .addColumn('active', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reference_values_lookup').on('reference_values').columns(['substance_key', 'year']).execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'integer')
        .addColumn('user_id', 'integer')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('details_json', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['organisation_id', 'at']).execute();

      await db.schema
        .createTable('login_attempts')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('success', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '2026-11-27-002-reference-sites': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('reference_sites')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
        .addColumn('site_key', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('population', 'integer')
        .addColumn('active', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reference_sites_key').on('reference_sites').column('site_key').execute();
    },
  },
  '2026-12-01-003-data-version': {
    // One row, bumped by every commit that changes figures, so that every process (servers, the
    // CLI) can tell cheaply whether its caches are stale.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('data_version')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('data_version').values({ id: 1, version: 1 }).execute();
    },
  },
  '2026-12-02-004-campaigns': {
    // Campaigns (API.md "Campaigns…"): planned, ordered, delivered, or detected from imported dates.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addColumn('areas_json', 'text', (c) => c.notNull())
        .addColumn('substances_json', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('baseline', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('baseline_chosen', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('design_json', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('lab', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ordered_at', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('campaigns_org').on('campaigns').columns(['organisation_id', 'from_date']).execute();
    },
  },
  '2026-12-02-012-event-span-control': {
    // Issue 12: an event may span days (to_date; null = the single day `date`) and name the
    // control area its evaluation compares against by default.
    async up(db: Kysely<any>) {
      await db.schema.alterTable('events').addColumn('to_date', 'text').execute();
      await db.schema.alterTable('events').addColumn('control_area', 'text').execute();
    },
  },
  '2026-12-02-010-first-run': {
    // A one-time password (printed at first start, or by `cli user add` without one) must be
    // replaced at the first login; the first-run page does it together with the organisation name.
    async up(db: Kysely<any>) {
      await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  '2026-12-02-015-superseded-partial-index': {
    // Issue 15: only replaced rows carry superseded_by_batch_id (retraction looks them up by it);
    // indexing the NULL of every other row cost each imported value an index entry for nothing.
    // `superseded_by_batch_id = ?` implies IS NOT NULL, so the lookups still use the index.
    async up(db: Kysely<any>) {
      for (const t of ['measurements', 'daily_flows']) {
        await sql`drop index if exists ${sql.raw(`${t}_superseded`)}`.execute(db);
        await sql`create index ${sql.raw(`${t}_superseded`)} on ${sql.raw(t)}(superseded_by_batch_id) where superseded_by_batch_id is not null`.execute(db);
      }
    },
  },
  '2026-12-02-030-method-settings': {
    // Issue 12: the sampling and laboratory facts the reports' methods section prints (flow- or
    // time-proportional, cooling, storage, lab method, accreditation, interlaboratory tests,
    // population source), one JSON document per organisation, editable by its coordinators.
    async up(db: Kysely<any>) {
      await db.schema.createTable('method_settings')
        .addColumn('organisation_id', 'integer', (c) => c.primaryKey())
        .addColumn('settings_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-02-016-substance-overrides': {
    // Issue 16: an organisation's own correction factor, dose, source note and aliases for a catalogue
    // substance, over the shared default (the substances table, which only the instance admin edits).
    // A null column inherits (from the parent organisation, then the default); the *_set flags tell
    // "no correction factor here" (loads only) from "inherit".
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('substance_overrides')
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('substance_key', 'text', (c) => c.notNull().references('substances.key'))
        .addColumn('correction_factor', 'real')
        .addColumn('correction_factor_set', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('dose_mg', 'real')
        .addColumn('dose_mg_set', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('source_note', 'text')
        .addColumn('aliases_json', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('substance_overrides_pk', ['organisation_id', 'substance_key'])
        .execute();
    },
  },
  '2026-12-02-014-area-boundaries': {
    // Issue 14: one WGS 84 boundary (GeoJSON Polygon or MultiPolygon, RFC 7946) per area, for the map.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('area_boundaries')
        .addColumn('area_id', 'integer', (c) => c.primaryKey().references('areas.id'))
        .addColumn('geometry_json', 'text', (c) => c.notNull())
        .addColumn('source_crs', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-02-031-population-kind': {
    // Issue 11: a population is connected persons (a registry) or person equivalents (pe, from
    // BOD₇, includes industry); normalised loads then read "per 1000 pe" (DOMAIN.md "Corrections").
    async up(db: Kysely<any>) {
      await db.schema.alterTable('area_populations').addColumn('kind', 'text', (c) => c.notNull().defaultTo('persons')).execute();
    },
  },
  '2026-12-02-032-campaigns-synced-version': {
    // The data version right after the last full sync of detected campaigns: a start with nothing
    // committed since skips the sync (on a national database it reads every measured day).
    async up(db: Kysely<any>) {
      await db.schema.alterTable('data_version').addColumn('campaigns_synced_version', 'integer').execute();
    },
  },
  '2026-12-02-033-users-per-organisation': {
    // Issue 16: an account is keyed by organisation + e-mail, so that creating one never tells an admin
    // whether the e-mail has an account in another organisation. SQLite cannot drop the old column
    // UNIQUE, so the table is rebuilt (foreign keys off meanwhile: sessions, tokens and the audit log
    // point at users.id, which is kept).
    async up(db: Kysely<any>) {
      await sql`pragma foreign_keys = off`.execute(db);
      try {
        await db.schema
          .createTable('users_new')
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer','coordinator','admin')`))
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
          .addUniqueConstraint('users_organisation_email', ['organisation_id', 'email'])
          .execute();
        await sql`insert into users_new (id, organisation_id, email, role, password_hash, created_at, disabled_at, must_change_password)
          select id, organisation_id, email, role, password_hash, created_at, disabled_at, must_change_password from users`.execute(db);
        await db.schema.dropTable('users').execute();
        await db.schema.alterTable('users_new').renameTo('users').execute();
        await db.schema.createIndex('users_email').on('users').column('email').execute();
      } finally {
        await sql`pragma foreign_keys = on`.execute(db);
      }
    },
  },
  '2026-12-02-034-identity-index-order': {
    // Issue 15: the identity index in (area, date, substance) order. Lab files run by date, then area,
    // so an import day now writes into one run per area instead of one per (area, substance) series;
    // `sqlite3 .import` of the national file into a table with the key in the old order took 2.5× the
    // CPU of the new order (15.4 s against 6.1 s). The key (which columns) and its uniqueness are unchanged.
    async up(db: Kysely<any>) {
      await sql`drop index measurements_identity`.execute(db);
      await sql`create unique index measurements_identity on measurements(area_id, date, substance_key) where active = 1`.execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
