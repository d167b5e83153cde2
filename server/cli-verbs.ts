import type { AppContext } from './context.ts';

/**
 * CLI verbs added by later modules (report), kept apart so cli.ts stays small. Each is loaded
 * when it is run: the report pulls in the chart and PDF libraries and their fonts (~100 MB),
 * which an import or a backup must not pay for.
 */
export const cliVerbs: Record<string, (ctx: AppContext, args: string[]) => Promise<number>> = {
  report: async (ctx, args) => (await import('./report/cli.ts')).reportVerb(ctx, args),
  campaigns: async (ctx, args) => (await import('./campaigns-cli.ts')).campaignsVerb(ctx, args),
};
