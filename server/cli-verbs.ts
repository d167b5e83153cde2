import type { AppContext } from './context.ts';

/** CLI verbs added by later modules (report), kept apart so cli.ts stays small. */
export const cliVerbs: Record<string, (ctx: AppContext, args: string[]) => Promise<number>> = {};
import { reportVerb } from './report/cli.ts'; cliVerbs.report = reportVerb;
import { campaignsVerb } from './campaigns-cli.ts'; cliVerbs.campaigns = campaignsVerb;
