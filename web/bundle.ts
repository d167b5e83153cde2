import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/**
 * The browser's code and style, served from /static/. `app.js` is the one script every page
 * loads; it dispatches on `<body data-page>` and pulls page modules in with dynamic `import()`,
 * which esbuild splits into content-hashed chunks, so a heavy page module (charts) costs nothing
 * on the other pages.
 *
 * Two ways to get the files:
 * - **Built** (`npm run build`, run by `npm install`): scripts/build.ts writes every file with its
 *   content hash in the name, plus `manifest.json` (entry → file name), into dist/web/. The built
 *   server (dist/server/*.js, where `LAGESBILD_BUILT` is defined) reads them from there: no
 *   esbuild at run time, every URL immutable.
 * - **From source** (tests, `npm run dev`): esbuild builds into memory at the first request, so a
 *   change under web/client shows at the next start. Entries keep their plain names and are
 *   referenced as /static/app.js?v=<hash>.
 */
const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Defined (as true) by scripts/build.ts in the server bundle; undeclared when run from source. */
declare const LAGESBILD_BUILT: boolean | undefined;

export const ENTRIES = [
  { in: path.join(WEB_DIR, 'client/main.ts'), out: 'app' },
  { in: path.join(WEB_DIR, 'static/app.css'), out: 'app' },
];

/** The esbuild options of the browser bundle; `hashed` puts the content hash in entry names too. */
export function clientBuildOptions(hashed: boolean): Omit<BuildOptions, 'entryPoints'> & { entryPoints: typeof ENTRIES } {
  return {
    entryPoints: ENTRIES,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2020',
    platform: 'browser',
    outdir: path.join(WEB_DIR, '.bundle'),
    entryNames: hashed ? '[name]-[hash]' : '[name]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/** dist/web/manifest.json: the entry's plain name (app.js) → the built file's name (app-XXXX.js). */
export type Manifest = Record<string, string>;
export const MANIFEST = 'manifest.json';

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Content hash (hex), the ETag and the cache-busting `?v=`. */
  hash: string;
  /** The file name carries its hash, so it may be cached for good. */
  immutable: boolean;
}

export interface ClientBundle {
  files: Map<string, Asset>;
  /** The URL to reference an entry by: /static/app-XXXX.js when built, /static/app.js?v=3f2a… from source. */
  url(name: string): string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function asset(name: string, bytes: Uint8Array, immutable: boolean): Asset {
  return {
    body: new Uint8Array(bytes),
    contentType: TYPES[path.extname(name)] ?? 'application/octet-stream',
    hash: crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    immutable,
  };
}

/** The files scripts/build.ts wrote into `dir`, read once into memory. */
export function loadBuiltBundle(dir: string): ClientBundle {
  if (!fs.existsSync(path.join(dir, MANIFEST))) throw new Error(`No ${MANIFEST} in ${dir}: run npm run build.`);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  const files = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    if (name === MANIFEST) continue;
    files.set(name, asset(name, fs.readFileSync(path.join(dir, name)), true));
  }
  for (const [entry, file] of Object.entries(manifest)) {
    if (!files.has(file)) throw new Error(`${dir}/${MANIFEST} names ${file} for ${entry}, which is not there: run npm run build.`);
  }
  return {
    files,
    url(name) {
      const file = manifest[name];
      return file ? `/static/${file}` : `/static/${name}`;
    },
  };
}

async function buildInMemory(): Promise<ClientBundle> {
  const esbuild = await import('esbuild'); // a dev dependency: only loaded when running from source
  const result = await esbuild.build({ ...clientBuildOptions(false), write: false });
  const files = new Map<string, Asset>();
  const entryNames = new Set(ENTRIES.map((e) => `${e.out}${path.extname(e.in) === '.css' ? '.css' : '.js'}`));
  for (const f of result.outputFiles) {
    const name = path.basename(f.path);
    files.set(name, asset(name, f.contents, !entryNames.has(name)));
  }
  return {
    files,
    url(name) {
      const a = files.get(name);
      return a ? `/static/${name}?v=${a.hash}` : `/static/${name}`;
    },
  };
}

/** Where the built server finds the browser files: dist/web beside dist/server. */
function builtDir(): string | null {
  if (typeof LAGESBILD_BUILT === 'undefined' || !LAGESBILD_BUILT) return null;
  return path.join(WEB_DIR, '..', 'web');
}

let pending: Promise<ClientBundle> | null = null;

/**
 * The bundle: the built files when this is the built server, else built into memory on first
 * use; a failure (a missing dist/web, a build error) is retried at the next request.
 */
export function clientBundle(): Promise<ClientBundle> {
  if (!pending) {
    const dir = builtDir();
    pending = (dir ? Promise.resolve().then(() => loadBuiltBundle(dir)) : buildInMemory()).catch((e: unknown) => {
      pending = null;
      throw e;
    });
  }
  return pending;
}
