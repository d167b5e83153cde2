/**
 * The import rules of test/unit/boundaries.ts hold for server/ and web/, and the check can fail:
 * a fixture tree with deliberate violations is reported rule by rule.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { boundaryViolations, type Violation } from './boundaries.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const key = (v: Violation) => `${v.rule}: ${v.from} → ${v.to}`;

describe('import boundaries (dependency-cruiser)', () => {
  it('server/ and web/ break no rule', { timeout: 120_000 }, async () => {
    const found = (await boundaryViolations(ROOT)).map(key);
    expect(found, 'boundary violations').toEqual([]);
  });

  it('reports each kind of violation in a fixture tree that breaks the rules on purpose', { timeout: 120_000 }, async () => {
    const found = (await boundaryViolations(path.join(ROOT, 'test/fixtures/boundaries'), ['server'])).map(key).sort();
    expect(found).toEqual([
      'http-only-from-http: server/stats/leaky.ts → server/http/route.ts',
      'http-only-from-http: server/usecases/thing.ts → server/http/route.ts',
      'pure-imports-no-io-layers: server/stats/leaky.ts → server/http/route.ts',
      'pure-imports-no-node-io: server/stats/leaky.ts → fs',
      'usecases-import-no-http: server/usecases/thing.ts → server/http/route.ts',
    ]);
    // server/usecases/thing.ts → server/db/repo.ts is allowed and not reported.
  });
});
