import { gzipSync } from 'node:zlib';

/**
 * Gzip for cached bodies (the chart specs, the static files): each body is compressed once, on the
 * first request that accepts it, and the result is kept as long as the body itself is (a WeakMap on
 * the cached buffer), so a repeated chart costs no compression. Measured on the bench's charts: 19 KB become
 * 3 KB (no values), 113 KB become 11 KB (ten years of concentrations).
 */
const gzipped = new WeakMap<Uint8Array, Uint8Array<ArrayBuffer>>();

export function gzipOnce(body: Uint8Array): Uint8Array<ArrayBuffer> {
  let gz = gzipped.get(body);
  if (!gz) {
    const z = gzipSync(body);
    gzipped.set(body, (gz = new Uint8Array(z.buffer as ArrayBuffer, z.byteOffset, z.byteLength)));
  }
  return gz;
}

/** Answers for the few Accept-Encoding headers that browsers send (one per browser version). */
const seen = new Map<string, boolean>();

/** Whether an Accept-Encoding header allows gzip (listed, or `*`, without q=0). Browsers always send it. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let yes = seen.get(header);
  if (yes === undefined) {
    if (seen.size >= 64) seen.clear();
    seen.set(header, (yes = readAcceptEncoding(header)));
  }
  return yes;
}

function readAcceptEncoding(header: string): boolean {
  let star = false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = !q || Number(q.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') return allowed;
    if (coding === '*') star = allowed;
  }
  return star;
}

/** The entity tag of the gzip form of a body whose tag is `etag` (a different representation, so a different tag). */
export const gzipEtag = (etag: string): string => `${etag.slice(0, -1)}-gz"`;

/**
 * What to send of a cached body to a client with this Accept-Encoding: the gzip form (its own tag)
 * when it accepts it, else the body as it is. `headers` go on the 200 and the 304 alike; `body()`
 * compresses only when called (a 304 needs none), once per body.
 */
export function representation(acceptEncoding: string | undefined, body: Uint8Array<ArrayBuffer>, etag: string): { etag: string; headers: Record<string, string>; body: () => Uint8Array<ArrayBuffer>; encoding: Record<string, string> } {
  const gzip = acceptsGzip(acceptEncoding);
  return {
    etag: gzip ? gzipEtag(etag) : etag,
    headers: { vary: 'Accept-Encoding' },
    encoding: gzip ? { 'content-encoding': 'gzip' } : {},
    body: () => (gzip ? gzipOnce(body) : body),
  };
}
