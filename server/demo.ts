import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createContext } from './context.ts';
import { cliCaller } from './auth/sessions.ts';
import { importFile } from './usecases/imports.ts';
import { saveUpload } from './import/files.ts';
import { writeDemoFiles } from './demo/write.ts';
import { seedDemoExtras } from './demo/extras.ts';
import { boundaryGeoJson } from './demo/boundaries.ts';
import { DEMO_AREAS } from './demo/generate.ts';
import { uploadBoundaries } from './usecases/boundaries.ts';

/** `npm run demo`: a throw-away database filled with generated demo data. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-demo-'));
const email = 'demo@lagesbild.local';
const password = 'demo-password-123';
const config = loadConfig({ ...process.env, DATA_DIR: dir, LAGESBILD_ADMIN_EMAIL: email, LAGESBILD_ADMIN_PASSWORD: password, ORGANISATION_NAME: 'Demstad kommun' });
const { ctx } = await createContext(config);
const caller = await cliCaller(ctx);
for (const file of writeDemoFiles(path.join(dir, 'demo-files'))) {
  const tmp = await saveUpload(dir, fs.readFileSync(file), Number.MAX_SAFE_INTEGER);
  const out = await importFile(ctx, { ...caller, email: 'demo' }, { filePath: tmp, fileName: path.basename(file) });
  console.log(`Imported ${path.basename(file)}: ${out.report.counts.accepted} values (${out.outcome}).`);
}
await seedDemoExtras(ctx, caller);
// The map on Lägesbild: the generator's boundary file (SWEREF 99 TM), as a coordinator would upload it.
const shapes = await uploadBoundaries(ctx, caller, { fileName: 'omradesgranser.geojson', text: boundaryGeoJson(DEMO_AREAS) });
console.log(`Area boundaries: ${shapes.ok ? shapes.saved.length : 0} areas.`);
const app = createApp(ctx);
serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`\nLägesbild demo at http://${config.host}:${info.port}/  (throw-away database in ${dir})`);
  console.log(`Log in as ${email} / ${password} (coordinator view: admin), or namnd@lagesbild.local / ${password} (a council member: viewer).`);
});
const cleanup = () => { fs.rmSync(dir, { recursive: true, force: true }); process.exit(0); };
process.on('SIGINT', cleanup);
process.on('SIGTERM', cleanup);
