/**
 * The built server (what `npm start` runs): scripts/build.ts into a temporary folder, then plain
 * `node` on it, no tsx. The pages reference the browser files by their hashed names from the
 * manifest, and those are served with long cache headers.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../helpers.ts';

function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: stdout + stderr }));
  });
}

describe('the built server', () => {
  it('runs on node alone and serves hashed, immutable browser files', { timeout: 180_000 }, async () => {
    const out = path.join(tempDir('build-'), 'dist');
    const build = await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', out]);
    expect(build.code, build.out).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'web/manifest.json'), 'utf8')) as Record<string, string>;
    expect(manifest['app.js']).toMatch(/^app-[A-Z0-9]+\.js$/);
    expect(manifest['app.css']).toMatch(/^app-[A-Z0-9]+\.css$/);
    for (const f of ['main.js', 'cli.js', 'demo.js']) {
      const code = fs.readFileSync(path.join(out, 'server', f), 'utf8');
      expect(code, f).not.toMatch(/from ["']tsx/);
      expect(code, f).not.toMatch(/from ["']esbuild["']/); // only a dynamic import on the from-source path
    }

    const proc = spawn(process.execPath, [path.join(out, 'server/main.js')], {
      env: { ...process.env, DATA_DIR: tempDir('built-data-'), PORT: '0', HOST: '127.0.0.1', LAGESBILD_ADMIN_EMAIL: ADMIN.email, LAGESBILD_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    proc.stdout.on('data', (d) => { log += d; });
    proc.stderr.on('data', (d) => { log += d; });
    try {
      const until = Date.now() + 90_000;
      let m: RegExpExecArray | null = null;
      while (!(m = /running at (http:\/\/[^\s/]+)\//.exec(log))) {
        if (Date.now() > until || proc.exitCode !== null) throw new Error(`the built server did not start:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const url = m[1];
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const page = await (await fetch(`${url}/login`)).text();
      expect(page).toContain(`src="/static/${manifest['app.js']}"`);
      expect(page).toContain(`href="/static/${manifest['app.css']}"`);
      for (const file of Object.values(manifest)) {
        const res = await fetch(`${url}/static/${file}`);
        expect(res.status, file).toBe(200);
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect((await res.arrayBuffer()).byteLength).toBe(fs.statSync(path.join(out, 'web', file)).size);
      }
      expect((await fetch(`${url}/static/app.js`)).status).toBe(404); // only the hashed names exist
    } finally {
      proc.kill('SIGTERM');
      if (proc.exitCode === null) await new Promise((r) => proc.once('exit', r));
    }
  });
});
