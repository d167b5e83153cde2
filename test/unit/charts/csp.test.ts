/**
 * The charts render with the expression interpreter in a process where code generation from strings
 * is disallowed (as a strict CSP does in the browser). A child process: in the process project.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');

describe('CSP: no eval / new Function', () => {
  const run = (mode: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', path.join(HERE, 'csp-render.ts'), mode], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim().split('\n').pop()!,
    ) as { ok: boolean; counts?: Record<string, number>; error?: string };

  it('renders every chart with the interpreter when code generation from strings is disallowed', () => {
    const res = run('interpreter');
    expect(res.error).toBeUndefined();
    expect(res.ok).toBe(true);
    expect(res.counts).toMatchObject({ timeseries_sv: 12, weekday_sv: 6, overview_sv: 12, reference_sv: 6, overview_en: 12 });
  });

  it('control: vega without the interpreter fails under the same flag (so the flag is effective)', () => {
    const res = run('codegen');
    expect(res.ok).toBe(false);
    expect(res.error).toMatch(/Code generation from strings disallowed/);
  });
});
