// Starts a worker thread from its TypeScript source (development, tests): the built server starts
// dist/server/<name>.js directly. See usecases/report-jobs.ts and import/lab-rows.ts.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
