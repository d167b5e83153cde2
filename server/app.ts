import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from './context.ts';
import { authRoutes } from './http/api/auth.ts';
import { importRoutes } from './http/api/imports.ts';
import { measurementRoutes } from './http/api/measurements.ts';
import { registryRoutes } from './http/api/registry.ts';
import { authenticate, csrf, publicRoute } from './http/middleware/auth.ts';
import { firstRun } from './http/middleware/first-run.ts';
import { requestId, revalidatable, securityHeaders } from './http/middleware/security.ts';
import { HttpProblem, problemResponse } from './http/problem.ts';
import type { AppEnv } from './http/types.ts';
import { extraRoutes } from './http/routes.ts';
import { periodRoutes } from './http/api/periods.ts';
import { statsRoutes } from './http/api/stats.ts';
import { auditRoutes } from './http/api/audit.ts';
import { chartRoutes } from './http/api/charts.ts';
import { userRoutes } from './http/api/users.ts';

/** The largest request body of any route but the uploads (JSON, forms). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The uploads (POST): lab/flow/area files and boundary files, each refused above MAX_UPLOAD_MB by its route. */
const UPLOAD_PATHS = new Set(['/api/v1/imports', '/api/v1/boundaries']);
const BUSY_RETRY_AFTER_S = 5;

/** Builds the whole app from a context: middleware, then the route modules. */
export function createApp(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.onError((err, c) => {
    if (err instanceof HttpProblem) {
      return problemResponse(c, { title: err.title, status: err.status, detail: err.detail, ...err.extra }, err.headers);
    }
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
      // The database stayed locked by a long write (an import) past the busy timeout: not our bug, try again.
      return problemResponse(c, { title: 'Service Unavailable', status: 503, detail: 'The database is busy with a large import. Try again in a few seconds; nothing was changed.' }, { 'retry-after': String(BUSY_RETRY_AFTER_S) });
    }
    const id = c.get('requestId');
    ctx.logger.error('unhandled error', { requestId: id, path: c.req.path, method: c.req.method, error: String(err), stack: (err as Error).stack });
    return problemResponse(c, { title: 'Internal Server Error', status: 500, detail: `Something went wrong on our side (reference ${id}). Nothing was changed. The error is logged.` });
  });
  app.notFound((c) => problemResponse(c, { title: 'Not Found', status: 404, detail: `No route ${c.req.method} ${c.req.path}.` }));

  // The context and the request id in one layer (each layer costs every request a promise).
  const withRequestId = requestId();
  app.use('*', (c, next) => {
    c.set('ctx', ctx);
    return withRequestId(c, next);
  });
  app.use('*', securityHeaders);
  app.use('*', revalidatable([{ prefix: '/static/' }, { prefix: '/api/v1/charts/', cacheControl: 'private, no-cache' }]));
  app.get('/healthz', publicRoute(), (c) => c.json({ status: 'ok' }));
  // Every body but an upload's is small: refuse more than MAX_BODY_BYTES before reading it all.
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => problemResponse(c, { title: 'Payload Too Large', status: 413, detail: `Request bodies are limited to ${MAX_BODY_BYTES / 1024 / 1024} MB; files go to POST /api/v1/imports (boundary files to POST /api/v1/boundaries).` }),
  });
  // GET and HEAD bodies are never read (Node discards them); asking for one would build a full
  // fetch Request (and its AbortSignal) for every page and chart: 7 % of a chart request's CPU.
  const noBodyRead = (m: string) => m === 'GET' || m === 'HEAD';
  app.use('*', (c, next) => (noBodyRead(c.req.method) || (c.req.method === 'POST' && UPLOAD_PATHS.has(c.req.path)) ? next() : limit(c, next)));
  app.use('*', authenticate);
  app.use('*', csrf);
  app.use('*', firstRun);

  const api = new Hono<AppEnv>();
  api.route('/', authRoutes());
  api.route('/', userRoutes());
  api.route('/', registryRoutes());
  api.route('/', importRoutes());
  api.route('/', measurementRoutes());
  api.route('/', periodRoutes());
  api.route('/', statsRoutes());
  api.route('/', auditRoutes());
  api.route('/', chartRoutes());
  for (const mod of extraRoutes.api) api.route('/', mod());
  app.route('/api/v1', api);
  for (const mod of extraRoutes.pages) app.route('/', mod());
  return app;
}
