// Statistics for many series at once (the national overview, the bench): the same baselineOf /
// changeOf / trendOf as one at a time, spread over a pool of worker threads. Every series is
// computed independently and deterministically (the bootstrap's seed comes from the data), so
// the rows are exactly those of the serial loop, in the same order.
//
// Series go to the workers in chunks, column-encoded (a date dictionary, indices, values and
// flags in transferable typed arrays) instead of as 280 point objects each. The worker's code is
// bundled by esbuild into memory once per process (as web/bundle.ts does for the browser), so it
// starts in milliseconds and needs no TypeScript loader. A pool that cannot start, a worker that
// dies, or a series whose statistics throw makes the call compute in this thread instead: the
// answer (or the error) is the serial loop's own, only slower.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Series } from '../series.ts';
import { computeStatsRow, encodeChunk, type BulkRow, type BulkWhat } from './bulkRows.ts';

export { computeStatsRow, type BulkRow, type BulkWhat } from './bulkRows.ts';

export interface BulkOptions {
  /** Worker threads; default: one per core (at most 8). 0 computes in this thread. */
  workers?: number;
  /** Series per message (default: about 8 chunks per worker, 16–256 series each). */
  chunkSize?: number;
}

interface Job {
  series: readonly Series[];
  what: BulkWhat;
  rows: BulkRow[];
  remaining: number;
  resolve: (rows: BulkRow[]) => void;
  reject: (error: Error) => void;
}

interface Task {
  job: Job;
  start: number;
  end: number;
}

/** Messages in flight per worker: one running, one waiting, so a worker never idles. */
const IN_FLIGHT = 2;

class StatsPool {
  readonly size: number;
  private readonly workers: Worker[] = [];
  private readonly inFlight = new Map<Worker, Map<number, Task>>();
  private readonly queue: Task[] = [];
  private nextId = 0;
  private broken: Error | null = null;
  private closed = false;
  readonly ready: Promise<void>;

  constructor(size: number) {
    this.size = size;
    this.ready = workerCode().then((code) => this.spawn(code));
    this.ready.catch((error: Error) => this.fail(error));
  }

  private spawn(code: string): Promise<void> {
    if (this.closed) throw new Error('statistics pool closed');
    const starts: Promise<void>[] = [];
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(code, { eval: true });
      worker.unref();
      this.workers.push(worker);
      this.inFlight.set(worker, new Map());
      starts.push(
        new Promise<void>((resolve, reject) => {
          worker.on('message', (message: WorkerMessage) => {
            if (message.type === 'ready') resolve();
            else this.received(worker, message);
          });
          worker.on('error', (error) => {
            reject(error);
            this.fail(error);
          });
          worker.on('exit', (code) => {
            const error = new Error(`statistics worker exited (${code})`);
            reject(error);
            this.fail(error);
          });
        }),
      );
    }
    return Promise.all(starts).then(() => undefined);
  }

  get failed(): boolean {
    return this.broken !== null;
  }

  run(series: readonly Series[], what: BulkWhat, chunkSize: number): Promise<BulkRow[]> {
    return new Promise<BulkRow[]>((resolve, reject) => {
      if (this.broken) return reject(this.broken);
      const job: Job = { series, what, rows: new Array(series.length), remaining: series.length, resolve, reject };
      if (series.length === 0) return resolve([]);
      for (let start = 0; start < series.length; start += chunkSize) this.queue.push({ job, start, end: Math.min(series.length, start + chunkSize) });
      for (const w of this.workers) w.ref();
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (let round = 0; round < IN_FLIGHT && this.queue.length > 0; round++) {
      for (const worker of this.workers) {
        const tasks = this.inFlight.get(worker)!;
        if (tasks.size >= IN_FLIGHT || this.queue.length === 0) continue;
        const task = this.queue.shift()!;
        const id = this.nextId++;
        tasks.set(id, task);
        const chunk = encodeChunk(task.job.series, task.start, task.end);
        worker.postMessage({ type: 'chunk', id, what: task.job.what, chunk }, [chunk.offsets.buffer, chunk.dateIndex.buffer, chunk.values.buffer, chunk.flags.buffer]);
      }
    }
  }

  private received(worker: Worker, message: WorkerMessage): void {
    if (message.type === 'ready') return;
    const tasks = this.inFlight.get(worker)!;
    const task = tasks.get(message.id);
    if (!task) return;
    tasks.delete(message.id);
    const { job } = task;
    if (message.type === 'error') this.abandon(job, new Error(message.message));
    else if (job.remaining > 0) {
      for (let i = 0; i < message.rows.length; i++) job.rows[task.start + i] = message.rows[i];
      job.remaining -= message.rows.length;
      if (job.remaining === 0) job.resolve(job.rows);
    }
    this.dispatch();
    this.idleCheck();
  }

  /** A job with an error: drop its queued chunks, answer with the error (once). */
  private abandon(job: Job, error: Error): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].job === job) this.queue.splice(i, 1);
    if (job.remaining > 0) {
      job.remaining = 0;
      job.reject(error);
    }
  }

  private idleCheck(): void {
    if (this.queue.length > 0) return;
    for (const tasks of this.inFlight.values()) if (tasks.size > 0) return;
    for (const w of this.workers) w.unref();
  }

  private fail(error: Error): void {
    if (this.broken) return;
    this.broken = error;
    const jobs = new Set<Job>(this.queue.map((t) => t.job));
    for (const tasks of this.inFlight.values()) for (const t of tasks.values()) jobs.add(t.job);
    this.queue.length = 0;
    for (const job of jobs) if (job.remaining > 0) {
      job.remaining = 0;
      job.reject(error);
    }
    void this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => 0)));
  }
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'rows'; id: number; rows: BulkRow[] }
  | { type: 'error'; id: number; name: string; message: string };

let bundled: Promise<string> | null = null;

/** bulkWorker.ts and what it imports, bundled into one CommonJS script (once per process). */
function workerCode(): Promise<string> {
  bundled ??= (async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./bulkWorker.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  })();
  bundled.catch(() => {
    bundled = null;
  });
  return bundled;
}

/** One worker per core, at most 8 (the statistics of a national dataset need no more). */
function defaultWorkers(): number {
  return Math.min(8, availableParallelism());
}

let pool: StatsPool | null = null;

function poolOf(size: number): StatsPool {
  if (!pool || pool.failed || pool.size !== size) {
    if (pool) void pool.close();
    pool = new StatsPool(size);
  }
  return pool;
}

/** Starts the pool ahead of the first call (and waits until its workers are loaded). */
export async function startStatsPool(workers = defaultWorkers()): Promise<void> {
  await poolOf(workers).ready;
}

/** Stops the worker threads (tests, the bench; the server keeps them). */
export async function closeStatsPool(): Promise<void> {
  const p = pool;
  pool = null;
  if (p) await p.close();
}

/**
 * baselineOf / changeOf / trendOf for every series, in order, as `series.map(s =>
 * computeStatsRow(s, what))` would give them. Any failure in the pool (a worker that cannot
 * start or dies, or a series whose statistics throw) makes the call compute in this thread, so
 * the result or the error is the serial loop's own.
 */
export async function computeStatsBulk(series: readonly Series[], what: BulkWhat, opts: BulkOptions = {}): Promise<BulkRow[]> {
  const workers = opts.workers ?? defaultWorkers();
  if (workers <= 0 || series.length === 0) {
    lastRun = { mode: 'thread', workers: 0 };
    return series.map((s) => computeStatsRow(s, what));
  }
  const chunkSize = opts.chunkSize ?? Math.min(256, Math.max(16, Math.ceil(series.length / (workers * 8))));
  try {
    const p = poolOf(workers);
    await p.ready;
    const rows = await p.run(series, what, chunkSize);
    lastRun = { mode: 'workers', workers };
    return rows;
  } catch (error) {
    lastRun = { mode: 'thread', workers: 0, fallback: String((error as Error)?.message ?? error) };
    return series.map((s) => computeStatsRow(s, what));
  }
}

let lastRun: { mode: 'workers' | 'thread'; workers: number; fallback?: string } = { mode: 'thread', workers: 0 };

/** How the last computeStatsBulk call ran (and why it fell back to this thread, if it did). */
export function lastBulkRun(): { mode: 'workers' | 'thread'; workers: number; fallback?: string } {
  return { ...lastRun };
}
