import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a long computation in a request's path runs before other requests get a turn (ms). */
export const SLICE_MS = 20;

/**
 * Turns for long work on the event loop: `if (turns.due) await turns.take()` between two steps
 * gives the other requests a turn once the work has run SLICE_MS since its last pause, however long
 * each step takes on this machine (a fixed count of steps between pauses was 400 ms on a slow one).
 */
export class Turns {
  private since = performance.now();

  constructor(private readonly sliceMs = SLICE_MS) {}

  get due(): boolean {
    return performance.now() - this.since >= this.sliceMs;
  }

  async take(): Promise<void> {
    await nextTurn();
    this.since = performance.now();
  }
}
