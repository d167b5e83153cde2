import { describe, expect, it } from 'vitest';
import { Turns } from '../../server/turns.ts';

describe('Turns', () => {
  it('is due once its slice of work has run, and the turn taken starts a new slice in which a queued callback ran', async () => {
    const turns = new Turns(30);
    expect(turns.due).toBe(false);
    const t = performance.now();
    while (performance.now() - t < 35) { /* 35 ms of work */ }
    expect(turns.due).toBe(true);
    let ran = false;
    setImmediate(() => { ran = true; });
    await turns.take();
    expect(ran).toBe(true); // another request's callback got its turn
    expect(turns.due).toBe(false);
  });
});
