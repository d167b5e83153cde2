/**
 * The import rules between server folders (issue 9), checked by dependency-cruiser in
 * boundaries.test.ts:
 *   - nothing outside server/http imports server/http, except the composition roots that start
 *     the HTTP server (server/app.ts, main.ts, demo.ts);
 *   - server/stats, server/charts and server/domain (pure) import nothing from server/db,
 *     server/http or server/usecases, and no node I/O module (fs, child_process,
 *     worker_threads, net, http, https);
 *   - server/usecases imports nothing from server/http.
 * Type-only imports count: a pure module that names an http type still depends on http.
 */
import { cruise, type IFlattenedRuleSet, type IViolation } from 'dependency-cruiser';

const PURE = '^server/(stats|charts|domain)/';
const NODE_IO = '^(node:)?(fs|fs/promises|child_process|worker_threads|net|http|https|http2|dgram)$';

export const RULES: IFlattenedRuleSet = {
  forbidden: [
    {
      name: 'http-only-from-http',
      comment: 'Only server/http imports server/http: route modules are not libraries.',
      severity: 'error',
      from: { pathNot: ['^server/http/', '^server/(app|main|demo)\\.ts$'] },
      to: { path: '^server/http/' },
    },
    {
      name: 'pure-imports-no-io-layers',
      comment: 'stats, charts and domain are pure: no database, HTTP or use-case modules.',
      severity: 'error',
      from: { path: PURE },
      to: { path: '^server/(db|http|usecases)/' },
    },
    {
      name: 'pure-imports-no-node-io',
      comment: 'stats, charts and domain do no I/O: no fs, child_process, worker_threads, net or http.',
      severity: 'error',
      from: { path: PURE },
      to: { dependencyTypes: ['core'], path: NODE_IO },
    },
    {
      name: 'usecases-import-no-http',
      comment: 'Use cases know nothing of HTTP (status codes, Hono contexts).',
      severity: 'error',
      from: { path: '^server/usecases/' },
      to: { path: '^server/http/' },
    },
  ],
};

export interface Violation { rule: string; from: string; to: string }

/** Cruises `dirs` (relative to `baseDir`) with RULES and returns every violation. */
export async function boundaryViolations(baseDir: string, dirs: string[] = ['server', 'web']): Promise<Violation[]> {
  const result = await cruise(dirs, {
    baseDir,
    validate: true,
    ruleSet: RULES,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
  });
  if (typeof result.output === 'string') throw new Error(`dependency-cruiser gave text, not a result: ${result.output.slice(0, 200)}`);
  return result.output.summary.violations.map((v: IViolation) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}
