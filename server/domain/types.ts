/**
 * Types every layer shares (http, cli, use cases, report, import). Pure: no imports with I/O.
 */

export type Role = 'viewer' | 'coordinator' | 'admin';
export const ROLE_RANK: Record<Role, number> = { viewer: 1, coordinator: 2, admin: 3 };

/** The caller, as every handler and use case sees it. */
export interface Caller {
  userId: number | null;
  email: string;
  role: Role;
  organisationId: number;
  /** The organisations whose areas this caller may see (own + a county's municipalities). */
  organisationIds: number[];
  via: 'session' | 'token' | 'cli';
  /** A one-time password not yet replaced: the first-run page comes before anything else. */
  mustChangePassword?: boolean;
}

/** The outcome of a change or trend test, as shown to users. */
export type Verdict = 'increase' | 'decrease' | 'no_clear_change' | 'too_few_data' | 'mostly_below_loq' | 'loq_changed';

export type Lang = 'sv' | 'en';

/** How values below the limit of quantification enter a figure. */
export type CensoredMode = 'half_loq' | 'zero' | 'loq';

/**
 * What an area's population counts: connected persons (a registry) or person equivalents (pe,
 * from BOD₇, includes industry). Normalised loads are "per 1000 pe" for the latter (DOMAIN.md).
 */
export type PopulationKind = 'persons' | 'pe';
