/**
 * `npm run build` (run by `npm install` and `npm ci` through `prepare`): writes what `npm start`
 * runs, so that production needs neither tsx nor esbuild.
 *   dist/server/{main,cli,demo,report-worker,import-worker}.js  the server, CLI, demo and the two workers, each an ES module bundle of our own
 *                                   code; packages stay imports from node_modules
 *   dist/web/                       the browser bundle, every file named by its content hash,
 *                                   and manifest.json (app.js → app-XXXX.js) for the pages
 * Usage: tsx scripts/build.ts [outdir]   (default dist; the old contents are replaced)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { clientBuildOptions, MANIFEST, type Manifest } from '../web/bundle.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.resolve(ROOT, process.argv[2] ?? 'dist');

export async function build(out = OUT): Promise<{ server: string[]; web: Manifest }> {
  fs.rmSync(out, { recursive: true, force: true });
  const started = Date.now();

  // Every module and shared chunk lands in dist/server/x.js, as deep below the root as
  // server/<dir>/x.ts, so paths taken relative to a module (report/assemble.ts:
  // ../../package.json) still point at the root. Splitting keeps a dynamic import() a separate
  // chunk loaded when it runs: the CLI loads the report (vega, pdfkit, fonts: ~35 MB) only for
  // `report`, not for an import.
  const entries = ['main', 'cli', 'demo', 'report-worker', 'import-worker'];
  await esbuild.build({
    entryPoints: entries.map((e) => ({ in: path.join(ROOT, 'server', `${e}.ts`), out: e })),
    outdir: path.join(out, 'server'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    splitting: true,
    target: 'node20',
    sourcemap: true,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    define: { LAGESBILD_BUILT: 'true' },
    logLevel: 'warning',
  });

  const webOut = path.join(out, 'web');
  const opts = clientBuildOptions(true);
  const result = await esbuild.build({ ...opts, outdir: webOut, write: true, metafile: true });
  const manifest: Manifest = {};
  for (const [file, o] of Object.entries(result.metafile.outputs)) {
    const entry = opts.entryPoints.find((e) => o.entryPoint && path.resolve(ROOT, o.entryPoint) === e.in);
    if (entry) manifest[`${entry.out}${path.extname(file)}`] = path.basename(file);
  }
  for (const need of ['app.js', 'app.css']) if (!manifest[need]) throw new Error(`the browser build made no ${need}`);
  fs.writeFileSync(path.join(webOut, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`Built ${path.relative(ROOT, out) || '.'}/server (${entries.join(', ')}) and ${path.relative(ROOT, webOut)} (${Object.values(manifest).join(', ')}) in ${Date.now() - started} ms.`);
  return { server: entries, web: manifest };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await build();
