import type { AppContext } from '../context.ts';
import { deleteLoginAttempt, findLoginAttempts, insertLoginAttempt, markLoginSettled } from '../db/repositories/sessions.repository.ts';

const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 5;
const FREE_IP_FAILURES = FREE_FAILURES * 4;

/**
 * Check-and-record, one login at a time per process: a chain of promises, so that 40 parallel
 * attempts cannot all read "4 failures" before any of them is written. The attempt is recorded as a
 * failure up front (before the password is hashed) and turned into a success afterwards.
 */
const chains = new WeakMap<AppContext, Promise<unknown>>();
function serially<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  const prev = chains.get(ctx) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  chains.set(ctx, next.catch(() => undefined));
  return next;
}

/**
 * Growing delays after repeated failed logins, per account and per IP: after 5 failures of an
 * account (20 from an IP) in 15 minutes the next attempt must wait 2, 4, 8 … seconds from the last
 * failure (capped at 15 minutes). An account's count starts over at its own successful login; an
 * IP's does not (one good login must not wipe out failures against other accounts).
 * Returns the seconds to wait, or 0.
 */
async function waitSeconds(ctx: AppContext, email: string, ip: string): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  const emailFailures: string[] = [];
  for (const r of await findLoginAttempts(ctx.db, 'email', email, since)) {
    if (r.success) break;
    emailFailures.push(r.at);
  }
  const ipFailures = (await findLoginAttempts(ctx.db, 'ip', ip, since)).filter((r) => !r.success).map((r) => r.at);
  let wait = 0;
  for (const [failures, free] of [[emailFailures, FREE_FAILURES], [ipFailures, FREE_IP_FAILURES]] as const) {
    if (failures.length < free) continue;
    const delayMs = Math.min(2 ** (failures.length - free + 1) * 1000, WINDOW_MS);
    const until = Date.parse(failures[0]) + delayMs;
    wait = Math.max(wait, Math.ceil((until - Date.now()) / 1000));
  }
  return Math.max(0, wait);
}

export type LoginAttempt = { ok: true; id: number } | { ok: false; retryAfter: number };

/** Atomically checks the throttle and, when allowed, records the attempt as a failure (see settleLogin). */
export function beginLogin(ctx: AppContext, email: string, ip: string): Promise<LoginAttempt> {
  return serially(ctx, async () => {
    const wait = await waitSeconds(ctx, email, ip);
    if (wait > 0) return { ok: false, retryAfter: wait };
    return { ok: true, id: await insertLoginAttempt(ctx.db, { email, ip, success: false, at: new Date().toISOString() }) };
  });
}

/** The outcome of an attempt begun with beginLogin: 'success', 'failure' (kept), or 'void' (never checked). */
export async function settleLogin(ctx: AppContext, id: number, outcome: 'success' | 'failure' | 'void'): Promise<void> {
  if (outcome === 'void') await deleteLoginAttempt(ctx.db, id);
  // A failure's delay counts from when it was known (after the hash), not from when it began.
  else await markLoginSettled(ctx.db, id, outcome === 'success', new Date().toISOString());
}

/** Seconds to wait before the next login (read-only; the pages use it for their message). */
export function loginWaitSeconds(ctx: AppContext, email: string, ip: string): Promise<number> {
  return waitSeconds(ctx, email, ip);
}
