import type { Hono } from 'hono';
import type { AppEnv } from './types.ts';

/**
 * Route modules beyond the foundation (stats, charts, pages, reports), listed in one place so
 * that the app, and the access-control test that walks its router, see every one of them.
 */
export const extraRoutes: { api: (() => Hono<AppEnv>)[]; pages: (() => Hono<AppEnv>)[] } = {
  api: [],
  pages: [],
};
