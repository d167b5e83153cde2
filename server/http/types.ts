import type { AppContext } from '../context.ts';
import type { Caller, Lang } from '../domain/types.ts';

export { ROLE_RANK, type Caller, type Role } from '../domain/types.ts';

export type AppEnv = {
  Variables: {
    ctx: AppContext;
    caller: Caller | null;
    csrfToken: string | null;
    lang: Lang;
    cspNonce: string;
  };
};
