import type { AppContext } from '../context.ts';

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
}

export type AppEnv = {
  Variables: {
    ctx: AppContext;
    caller: Caller | null;
    csrfToken: string | null;
    lang: 'sv' | 'en';
    cspNonce: string;
  };
};
