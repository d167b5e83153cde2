import type { AppContext } from '../context.ts';
import { findLoginAttempts, insertLoginAttempt } from '../db/repositories/sessions.repository.ts';

const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 5;

/**
 * Growing delays after repeated failed logins, per account and per IP: after 5 failures in
 * 15 minutes the next attempt must wait 2, 4, 8 … seconds (capped at 15 minutes).
 * Returns the seconds to wait, or 0.
 */
export async function loginWaitSeconds(ctx: AppContext, email: string, ip: string): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  const fails = async (col: 'email' | 'ip', v: string) => {
    const rows = await findLoginAttempts(ctx.db, col, v, since);
    const failures: string[] = [];
    for (const r of rows) {
      if (r.success) break; // a success resets the count
      failures.push(r.at);
    }
    return failures;
  };
  let wait = 0;
  for (const [failures, free] of [[await fails('email', email), FREE_FAILURES], [await fails('ip', ip), FREE_FAILURES * 4]] as const) {
    if (failures.length < free) continue;
    const delayMs = Math.min(2 ** (failures.length - free + 1) * 1000, WINDOW_MS);
    const until = Date.parse(failures[0]) + delayMs;
    wait = Math.max(wait, Math.ceil((until - Date.now()) / 1000));
  }
  return Math.max(0, wait);
}

export async function recordLogin(ctx: AppContext, email: string, ip: string, success: boolean): Promise<void> {
  await insertLoginAttempt(ctx.db, { email, ip, success, at: new Date().toISOString() });
}
