// Starts the report worker from its TypeScript source (development, tests): the built server
// starts dist/server/report-worker.js directly. See usecases/report-jobs.ts.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
