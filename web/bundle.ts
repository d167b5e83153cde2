import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/**
 * The browser's code and style, built by esbuild into memory once per process (at the first
 * request that needs them) and served from /static/. `app.js` is the one script every page
 * loads; it dispatches on `<body data-page>` and pulls page modules in with dynamic `import()`,
 * which esbuild splits into content-hashed chunks, so a heavy page module (charts) costs nothing
 * on the other pages.
 */
const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));

const ENTRIES = [
  { in: path.join(WEB_DIR, 'client/main.ts'), out: 'app' },
  { in: path.join(WEB_DIR, 'static/app.css'), out: 'app' },
];

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Content hash (hex), the ETag and the cache-busting `?v=`. */
  hash: string;
  /** Chunk file names carry their hash already, so they may be cached for good. */
  immutable: boolean;
}

export interface ClientBundle {
  files: Map<string, Asset>;
  /** The URL to reference an entry by, e.g. url('app.js') → /static/app.js?v=3f2a… */
  url(name: string): string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function build(): Promise<ClientBundle> {
  const result = await esbuild.build({
    entryPoints: ENTRIES,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2020',
    platform: 'browser',
    write: false,
    outdir: path.join(WEB_DIR, '.bundle'),
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map<string, Asset>();
  const entryNames = new Set(ENTRIES.map((e) => `${e.out}${path.extname(e.in) === '.css' ? '.css' : '.js'}`));
  for (const f of result.outputFiles) {
    const name = path.basename(f.path);
    files.set(name, {
      body: new Uint8Array(f.contents),
      contentType: TYPES[path.extname(name)] ?? 'application/octet-stream',
      hash: crypto.createHash('sha256').update(f.contents).digest('hex').slice(0, 16),
      immutable: !entryNames.has(name),
    });
  }
  return {
    files,
    url(name) {
      const a = files.get(name);
      return a ? `/static/${name}?v=${a.hash}` : `/static/${name}`;
    },
  };
}

let pending: Promise<ClientBundle> | null = null;

/** The bundle, built on first use; a failed build is retried at the next request. */
export function clientBundle(): Promise<ClientBundle> {
  if (!pending) {
    pending = build().catch((e: unknown) => {
      pending = null;
      throw e;
    });
  }
  return pending;
}
