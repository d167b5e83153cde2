import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../context.ts';
import { measuredSubstanceKeys } from '../db/repositories/measurements.repository.ts';
import type { Caller } from '../domain/types.ts';
import { resolveReportPeriod } from '../report/assemble.ts';
import type { BaselineReportOptions, FollowUpOptions, RenderedReport, ReportFileFormat } from '../report/index.ts';
import type { ReportResult } from './report.ts';
import type { CountyReportOptions } from '../report/county-report.ts';
import { scopedAreas } from './scope.ts';
import { workerScript } from '../workers.ts';

/**
 * Reports are assembled and rendered on a worker thread (server/report-worker.ts), one at a time,
 * never on the request thread: a 30-year PDF took 70 s there, with /healthz timing out.
 *
 * Size limit: years × areas × substances of a report at most REPORT_MAX_AREA_SUBSTANCE_YEARS (the
 * calendar months the period touches, in years rounded up; no areas/substances given = every one the caller may report on).
 * 1 500 allows, e.g., 30 years of 5 areas × 10 substances or one year of 100 areas × 15 substances.
 * Beyond: 422 `too_large` naming the limit. The worker's heap is capped too (REPORT_WORKER_HEAP_MB);
 * a report that outgrows it fails alone, the server goes on.
 *
 * Progress: `GET /api/v1/reports/…?job=1` answers 202 with a job id at once;
 * `GET /api/v1/report-jobs/{id}` tells queued (with the place in the queue), running (seconds so
 * far) or done/failed; `GET /api/v1/report-jobs/{id}/file` gives the file. Without `job=1` the
 * report route waits for its job and answers with the file, as before.
 */
export const REPORT_MAX_AREA_SUBSTANCE_YEARS = 1500;
export const REPORT_WORKER_HEAP_MB = 1024;
/** Jobs waiting or running at once (all callers); beyond: 503 + Retry-After. */
export const REPORT_QUEUE_MAX = 8;
/** A finished job's file is kept this long for its owner. */
const KEEP_DONE_MS = 10 * 60_000;
/** The worker ends after this long without work (a new one starts with the next report). */
const WORKER_IDLE_MS = 60_000;

export type ReportJobInput =
  | { kind: 'baseline'; options: BaselineReportOptions; format: ReportFileFormat }
  | { kind: 'follow-up' | 'public'; options: FollowUpOptions; format: ReportFileFormat }
  | { kind: 'county'; options: CountyReportOptions; format: ReportFileFormat };
export type ReportJobRequest = ReportJobInput & { id: string; caller: Caller };
/** To the worker: a job on the database of one context (opened on first use), or to close that database again. */
export type ReportWorkerMessage =
  | { job: ReportJobRequest; context: string; config: AppContext['config'] }
  | { release: string };
/** From the worker: ready, a job's result, or that a context's database is closed. */
export type ReportWorkerReply = { id: string; result: ReportResult } | { id: string; error: string };
type FromWorker = ReportWorkerReply | { ready: true } | { released: string };

/** What a report route gets: the report, a reason the caller can fix, or that the worker failed. */
export type ReportJobResult =
  | ReportResult
  | { ok: false; reason: 'too_large'; message: string; size: number; limit: number }
  | { ok: false; reason: 'failed'; message: string };

export interface ReportJobStatus {
  id: string;
  kind: ReportJobInput['kind'];
  format: ReportFileFormat;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Jobs ahead of this one (queued only). */
  position?: number;
  elapsedSeconds: number;
  error?: string;
}

interface Job {
  ctx: AppContext;
  request: ReportJobRequest;
  ownerId: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  result?: ReportJobResult;
  done: Promise<ReportJobResult>;
  resolve: (r: ReportJobResult) => void;
}

/**
 * The report worker and its queue: one per process, shared by its contexts (the server has one;
 * tests run many, and one worker for all spares each its start, seconds under tsx). The worker opens
 * a context's database with its first job and closes it when the context is destroyed.
 */
class ReportRunner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private idle: NodeJS.Timeout | null = null;
  private queue: Job[] = [];
  private running: Job | null = null;
  /** Contexts whose database the current worker has opened, by key. */
  private opened = new Set<string>();
  private released = new Map<string, () => void>();
  /** Each context's key in the worker; a destroyed context has none (a job of it about to start fails instead). */
  private keys = new WeakMap<AppContext, string>();
  private nextKey = 1;
  readonly jobs = new Map<string, Job>();

  /** Jobs of this context waiting or running. */
  pending(ctx: AppContext): number {
    return this.queue.filter((j) => j.ctx === ctx).length + (this.running?.ctx === ctx ? 1 : 0);
  }

  submit(job: Job): void {
    if (!this.keys.has(job.ctx)) {
      this.keys.set(job.ctx, String(this.nextKey++));
      job.ctx.beforeDestroy.push(() => this.release(job.ctx));
    }
    this.jobs.set(job.request.id, job);
    this.queue.push(job);
    void this.next();
  }

  /** Jobs ahead of this one, the running one included (of any context: they all wait for the one worker). */
  position(job: Job): number {
    return this.queue.indexOf(job) + (this.running ? 1 : 0);
  }

  private start(): Worker {
    const { file, entry } = workerScript('report-worker');
    const w = new Worker(file, {
      workerData: { entry },
      resourceLimits: { maxOldGenerationSizeMb: REPORT_WORKER_HEAP_MB },
    });
    w.unref();
    this.opened = new Set();
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => { if ('ready' in m) { w.off('error', reject); resolve(); } };
      w.on('message', onMessage);
      w.once('error', reject);
    });
    w.on('message', (m: FromWorker) => {
      if ('released' in m) { this.released.get(m.released)?.(); return; }
      if ('ready' in m || !this.running || this.running.request.id !== m.id) return;
      const { logger } = this.running.ctx;
      const result: ReportJobResult = 'error' in m ? { ok: false, reason: 'failed', message: 'The report could not be made; the error is logged.' } : m.result;
      if ('error' in m) logger.error('report worker: job failed', { job: m.id, error: m.error });
      if (result.ok) result.report.bytes = Buffer.from(result.report.bytes.buffer, result.report.bytes.byteOffset, result.report.bytes.byteLength);
      this.finish(result);
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.ready = null;
      for (const done of this.released.values()) done();
      if (this.running) {
        this.running.ctx.logger.error('report worker stopped during a job', { job: this.running.request.id, why });
        const tooBig = /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(why);
        this.finish({ ok: false, reason: 'failed', message: tooBig
          ? `The report needed more than ${REPORT_WORKER_HEAP_MB} MB of memory. Choose fewer areas or substances or a shorter period.`
          : 'The report could not be made; the error is logged.' });
      }
    };
    w.on('error', (e) => lost(`${(e as { code?: string }).code ?? ''} ${e.message}`));
    w.on('exit', (code) => lost(`exit ${code}`));
    return w;
  }

  private finish(result: ReportJobResult): void {
    const job = this.running;
    if (!job) return;
    this.running = null;
    job.result = result;
    job.finishedAt = Date.now();
    job.resolve(result);
    setTimeout(() => this.jobs.delete(job.request.id), KEEP_DONE_MS).unref();
    void this.next();
  }

  private async next(): Promise<void> {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) {
      this.idle ??= setTimeout(() => { this.idle = null; if (!this.running && !this.queue.length) void this.stop(); }, WORKER_IDLE_MS);
      this.idle.unref();
      return;
    }
    if (this.idle) { clearTimeout(this.idle); this.idle = null; }
    this.running = job;
    job.startedAt = Date.now();
    try {
      this.worker ??= this.start();
      await this.ready;
      const context = this.keys.get(job.ctx);
      if (!context) return this.finish(STOPPED);
      this.opened.add(context);
      this.worker!.postMessage({ job: job.request, context, config: job.ctx.config } satisfies ReportWorkerMessage);
    } catch (e) {
      this.worker = null;
      job.ctx.logger.error('report worker did not start', { error: String(e) });
      if (this.running === job) this.finish({ ok: false, reason: 'failed', message: 'The report could not be made; the error is logged.' });
    }
  }

  /**
   * A context is destroyed: its waiting jobs fail, and the worker closes its database (a job of it
   * still running there fails). The worker itself goes on for the process's other contexts.
   */
  private async release(ctx: AppContext): Promise<void> {
    const key = this.keys.get(ctx)!;
    this.keys.delete(ctx);
    for (const job of this.queue.filter((j) => j.ctx === ctx)) {
      this.queue.splice(this.queue.indexOf(job), 1);
      job.result = STOPPED;
      job.finishedAt = Date.now();
      job.resolve(STOPPED);
    }
    // Nobody can ask for them any more (a lookup needs the context).
    for (const [id, job] of this.jobs) if (job.ctx === ctx) this.jobs.delete(id);
    const w = this.worker;
    if (!w || !this.opened.delete(key)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, RELEASE_WAIT_MS);
      this.released.set(key, () => { clearTimeout(timer); resolve(); });
      w.postMessage({ release: key } satisfies ReportWorkerMessage);
    });
    this.released.delete(key);
  }

  private async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    for (const done of this.released.values()) done();
    await w?.terminate();
  }
}

const STOPPED: ReportJobResult = { ok: false, reason: 'failed', message: 'The server stopped before the report was made.' };
/** How long a destroyed context waits for the worker to close its database (it may be busy with a long render). */
const RELEASE_WAIT_MS = 2000;

const runner = new ReportRunner();

/** Years × areas × substances of a report (see the size limit above); 0 when its input is wrong (the job then says why). */
export async function reportSize(ctx: AppContext, caller: Caller, input: ReportJobInput): Promise<{ years: number; areas: number; substances: number; size: number }> {
  // The county report is one table and chart of quarterly rounds per substance: no per-area pages.
  if (input.kind === 'county') return { years: 0, areas: 0, substances: 0, size: 0 };
  const scoped = await scopedAreas(ctx, caller);
  const chosen = input.options.areas ? scoped.filter((a) => input.options.areas!.includes(a.code)) : scoped;
  const areaIds = chosen.map((a) => a.id);
  const substances = input.options.substances?.length ?? (await measuredSubstanceKeys(ctx.db, areaIds)).size;
  let from: string | undefined;
  let to: string | undefined;
  if (input.kind === 'baseline') {
    try {
      ({ from, to } = await resolveReportPeriod(ctx, caller, input.options));
    } catch {
      return { years: 0, areas: chosen.length, substances, size: 0 };
    }
  } else if (areaIds.length) {
    // A follow-up report reaches from its baseline campaign to the last one: at most the measured span.
    const span = await ctx.db.selectFrom('measurements').select((eb) => [eb.fn.min('date').as('from'), eb.fn.max('date').as('to')])
      .where('active', '=', 1).where('area_id', 'in', areaIds).executeTakeFirst();
    from = span?.from ?? undefined;
    to = span?.to ?? undefined;
  }
  // Whole calendar months touched, in years rounded up: 1950-01-01…2020-12-31 is 71, a July–June season 1.
  const months = from && to && from <= to ? (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1 : 0;
  const years = Math.ceil(months / 12);
  return { years, areas: chosen.length, substances, size: years * chosen.length * substances };
}

/**
 * Queues a report for the worker: the job (its `done` settles with the result), or a reason it
 * was not queued (too large; the queue is full → `busy`).
 */
export async function startReportJob(ctx: AppContext, caller: Caller, input: ReportJobInput): Promise<
  { ok: true; id: string; done: Promise<ReportJobResult> } | { ok: false; reason: 'busy'; retryAfter: number } | (ReportJobResult & { ok: false })
> {
  const { years, areas, substances, size } = await reportSize(ctx, caller, input);
  if (size > REPORT_MAX_AREA_SUBSTANCE_YEARS) {
    return {
      ok: false, reason: 'too_large', size, limit: REPORT_MAX_AREA_SUBSTANCE_YEARS,
      message: `This report would cover ${years} year(s) × ${areas} area(s) × ${substances} substance(s) = ${size} area-substance-years; the limit is ${REPORT_MAX_AREA_SUBSTANCE_YEARS}. Choose fewer areas or substances, or a shorter period.`,
    };
  }
  if (runner.pending(ctx) >= REPORT_QUEUE_MAX) return { ok: false, reason: 'busy', retryAfter: 30 };
  let resolve!: (r: ReportJobResult) => void;
  const done = new Promise<ReportJobResult>((r) => { resolve = r; });
  const id = randomUUID();
  runner.submit({ ctx, request: { ...input, id, caller }, ownerId: ownerOf(caller), createdAt: Date.now(), done, resolve });
  return { ok: true, id, done };
}

const ownerOf = (c: Caller) => `${c.organisationId}:${c.userId ?? c.email}`;

function findJob(ctx: AppContext, caller: Caller, id: string): Job | null {
  const job = runner.jobs.get(id);
  return job && job.ctx === ctx && job.ownerId === ownerOf(caller) ? job : null;
}

/** A job's progress, or null when there is none of the caller's with this id (another user's job is not found either). */
export function reportJobStatus(ctx: AppContext, caller: Caller, id: string): ReportJobStatus | null {
  const job = findJob(ctx, caller, id);
  if (!job) return null;
  const r = job.request;
  const status = job.result ? (job.result.ok ? 'done' : 'failed') : job.startedAt ? 'running' : 'queued';
  const since = job.startedAt ?? job.createdAt;
  return {
    id, kind: r.kind, format: r.format, status,
    ...(status === 'queued' ? { position: runner.position(job) } : {}),
    elapsedSeconds: Math.round(((job.finishedAt ?? Date.now()) - since) / 100) / 10,
    ...(job.result && !job.result.ok ? { error: job.result.message } : {}),
  };
}

/** A finished job's result (the file or why not), `pending` while it runs, null when not the caller's. */
export function reportJobResult(ctx: AppContext, caller: Caller, id: string): ReportJobResult | 'pending' | null {
  const job = findJob(ctx, caller, id);
  if (!job) return null;
  return job.result ?? 'pending';
}

export type { RenderedReport };
