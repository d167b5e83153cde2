import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { PopulationKind } from '../domain/types.ts';

/** ISO timestamps are stored as text (UTC, `new Date().toISOString()`). */
type Timestamp = string;

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  kind: 'municipality' | 'county';
  parent_id: number | null;
  created_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  organisation_id: number;
  email: string;
  role: 'viewer' | 'coordinator' | 'admin';
  password_hash: string;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
  /** 1 while the password is a one-time one that must be replaced at the next login. */
  must_change_password: Generated<number>;
}

export interface SessionTable {
  /** sha256 of the cookie value; the value itself is never stored. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AreaTable {
  id: Generated<number>;
  organisation_id: number;
  code: string;
  name: string;
  parent_code: string | null;
  municipality: string | null;
  county: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Connected population of an area, from a date on (history kept). */
export interface AreaPopulationTable {
  id: Generated<number>;
  area_id: number;
  population: number;
  /** 'persons' (connected persons) or 'pe' (person equivalents); migration 031. */
  kind: Generated<PopulationKind>;
  valid_from: string; // YYYY-MM-DD
  created_at: Timestamp;
}

export interface AreaAliasTable {
  area_id: number;
  alias: string;
  alias_norm: string;
}

export interface SubstanceTable {
  key: string;
  name_sv: string;
  name_en: string;
  drug: string;
  residue: string;
  correction_factor: number | null;
  dose_mg: number | null;
  source_note: string;
  sort_order: number;
  updated_at: Timestamp;
}

export interface SubstanceAliasTable {
  substance_key: string;
  alias: string;
  alias_norm: string;
}

/** An organisation's own values for a catalogue substance (null / *_set = 0: inherited). */
export interface SubstanceOverrideTable {
  organisation_id: number;
  substance_key: string;
  correction_factor: number | null;
  correction_factor_set: number;
  dose_mg: number | null;
  dose_mg_set: number;
  source_note: string | null;
  /** JSON array of the organisation's aliases for the substance (null: inherited). */
  aliases_json: string | null;
  updated_at: Timestamp;
}

export interface ImportBatchTable {
  id: Generated<number>;
  organisation_id: number;
  kind: 'lab' | 'flow' | 'areas' | 'reference';
  file_name: string;
  size_bytes: number;
  sha256: string;
  /** Path of the original bytes, relative to DATA_DIR. */
  file_path: string;
  user_id: number | null;
  actor: string;
  created_at: Timestamp;
  status: 'committed' | 'retracted';
  on_conflict: 'reject' | 'replace' | 'skip';
  accepted: number;
  report_json: string;
  retracted_at: Timestamp | null;
  retracted_by: string | null;
  retract_reason: string | null;
}

export interface MeasurementTable {
  id: Generated<number>;
  area_id: number;
  substance_key: string;
  date: string; // sampling start date, YYYY-MM-DD (Europe/Stockholm)
  sample_start: string | null; // local ISO date-time without offset
  sample_end: string | null;
  lab_sample_id: string | null;
  concentration_ng_l: number | null; // null when censored
  censored: number; // 0 | 1
  loq_ng_l: number | null;
  original_text: string;
  original_unit: string | null;
  population: number | null;
  batch_id: number;
  source_row: number;
  /** 1 while this row counts; 0 after its batch is retracted or a later batch replaced it. */
  active: number;
  superseded_by_batch_id: number | null;
}

export interface DailyFlowTable {
  id: Generated<number>;
  area_id: number;
  date: string;
  flow_m3_per_day: number;
  original_text: string;
  original_unit: string | null;
  batch_id: number;
  source_row: number;
  active: number;
  superseded_by_batch_id: number | null;
}

export interface PeriodTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  from_date: string;
  to_date: string;
  baseline: number;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

/** The reports' methods facts of one organisation (issue 12), a JSON document (usecases/method-settings.ts). */
export interface MethodSettingsTable {
  organisation_id: number;
  settings_json: string;
  updated_at: string;
  updated_by: string;
}

export interface CampaignTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  from_date: string;
  to_date: string;
  areas_json: string; // JSON array of area codes
  substances_json: string; // JSON array of substance keys
  status: 'planned' | 'ordered' | 'delivered' | 'detected';
  baseline: number; // 0 | 1, exactly one per organisation once it has campaigns
  baseline_chosen: number; // 1 when a coordinator chose the baseline, 0 while it is the default
  design_json: string; // {days, composite}
  lab: string;
  notes: string;
  created_at: Timestamp;
  ordered_at: Timestamp | null;
  delivered_at: Timestamp | null;
  deleted_at: Timestamp | null;
}

export interface EventTable {
  id: Generated<number>;
  organisation_id: number;
  date: string;
  title: string;
  description: string;
  areas_json: string; // JSON array of area codes
  /** The span's last day; null = a single day (`date`). */
  to_date: string | null;
  /** The area code the evaluation compares against by default; null = none. */
  control_area: string | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface ReferenceValueTable {
  id: Generated<number>;
  batch_id: number;
  year: number;
  substance_key: string;
  site_id: string;
  country: string;
  city: string;
  population: number | null;
  wed: number | null;
  thu: number | null;
  fri: number | null;
  sat: number | null;
  sun: number | null;
  mon: number | null;
  tue: number | null;
  weekday_mean: number | null;
  weekend_mean: number | null;
  daily_mean: number | null;
  active: number;
}

export interface ReferenceSiteTable {
  id: Generated<number>;
  batch_id: number;
  site_key: string; // normalised country|city
  country: string;
  city: string;
  population: number | null;
  active: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  organisation_id: number | null;
  user_id: number | null;
  actor: string;
  action: string;
  target: string | null;
  details_json: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  at: Timestamp;
  email: string;
  ip: string;
  success: number;
}

/** One row (id 1): bumped by every commit that changes figures. */
export interface DataVersionTable {
  id: number;
  version: number;
  /** The version right after the last full campaign sync (null: never). */
  campaigns_synced_version: Generated<number | null>;
}

/** An area's boundary for the map: WGS 84 GeoJSON geometry (RFC 7946), from an uploaded file. */
export interface AreaBoundaryTable {
  area_id: number;
  geometry_json: string;
  source_crs: string;
  file_name: string;
  actor: string;
  created_at: Timestamp;
}

export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  areas: AreaTable;
  area_populations: AreaPopulationTable;
  area_aliases: AreaAliasTable;
  substances: SubstanceTable;
  substance_aliases: SubstanceAliasTable;
  substance_overrides: SubstanceOverrideTable;
  import_batches: ImportBatchTable;
  measurements: MeasurementTable;
  daily_flows: DailyFlowTable;
  periods: PeriodTable;
  events: EventTable;
  campaigns: CampaignTable;
  method_settings: MethodSettingsTable;
  reference_values: ReferenceValueTable;
  reference_sites: ReferenceSiteTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptTable;
  data_version: DataVersionTable;
  area_boundaries: AreaBoundaryTable;
}

export type Area = Selectable<AreaTable>;
export type NewArea = Insertable<AreaTable>;
export type AreaUpdate = Updateable<AreaTable>;
export type Substance = Selectable<SubstanceTable>;
export type ImportBatch = Selectable<ImportBatchTable>;
export type Measurement = Selectable<MeasurementTable>;
export type User = Selectable<UserTable>;
export type Period = Selectable<PeriodTable>;
export type Event = Selectable<EventTable>;
export type Organisation = Selectable<OrganisationTable>;
export type Campaign = Selectable<CampaignTable>;
