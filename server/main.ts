import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createContext } from './context.ts';
import { collectGarbageOnlyAfterGrowth } from './import/memory.ts';

const config = loadConfig();
// Other requests wait out every forced full GC of an import (import/memory.ts): a safety net only here.
collectGarbageOnlyAfterGrowth(256 * 1024 * 1024);
const { ctx, notice } = await createContext(config);
const app = createApp(ctx);
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}/`;
  console.log(`Lägesbild is running at ${url}`);
  // On PostgreSQL: the server and database, never the password.
  const pgUrl = config.databaseUrl ? new URL(config.databaseUrl) : null;
  console.log(pgUrl ? `Database: PostgreSQL ${pgUrl.hostname}:${pgUrl.port || 5432}${pgUrl.pathname}${config.databaseSchema ? ` (schema ${config.databaseSchema})` : ''}; files in ${config.dataDir}` : `Database: ${config.dataDir}`);
  if (notice.oneTimeAdmin) {
    console.log(`\nFirst start: an administrator was created. Log in with\n  e-mail:   ${notice.oneTimeAdmin.email}\n  password: ${notice.oneTimeAdmin.password}\nThis password is shown only once and works once: the first login asks for a new one (and, for a fresh install, the name of the municipality or county).\n`);
  } else {
    console.log('Log in with your e-mail and password (set the first admin with LAGESBILD_ADMIN_EMAIL and LAGESBILD_ADMIN_PASSWORD).');
  }
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: no new requests; finishing what is in flight…`);
  server.close(async () => {
    await ctx.importLock.run(async () => undefined); // wait for a running import to commit or roll back
    await ctx.destroy();
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 30_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
