import { Hono } from 'hono';
import { clientBundle } from '../../../web/bundle.ts';
import { representation } from '../compress.ts';
import { publicRoute } from '../middleware/auth.ts';
import { notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';

const FOREVER = 'public, max-age=31536000, immutable';
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

/**
 * The client bundle, held in memory (see web/bundle.ts). Built (npm run build), every file has
 * its content hash in the name and is cached for good. Run from source, the entries (app.js,
 * app.css) are referenced as /static/app.js?v=<hash>: with the current hash they may be cached
 * for good, without it they revalidate by ETag; split chunks have the hash in their name.
 */
export function staticRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/static/:file', publicRoute(), async (c) => {
    const bundle = await clientBundle();
    const asset = bundle.files.get(c.req.param('file'));
    if (!asset) throw notFound('No such static file.');
    // Text files go gzipped to a client that accepts it (compressed once per file, kept in memory):
    // the charts' bundle is 845 KB, about a third of that gzipped. Fonts and images are compressed already.
    const etag = `"${asset.hash}"`;
    const sent = COMPRESSIBLE.test(asset.contentType) ? representation(c.req.header('accept-encoding'), asset.body, etag) : { etag, headers: {}, encoding: {}, body: () => asset.body };
    const headers = { etag: sent.etag, 'cache-control': asset.immutable || c.req.query('v') === asset.hash ? FOREVER : 'no-cache', ...sent.headers };
    if (c.req.header('if-none-match') === sent.etag) return c.body(null, 304, headers);
    return c.body(sent.body(), 200, { ...headers, 'content-type': asset.contentType, ...sent.encoding });
  });
  return r;
}
