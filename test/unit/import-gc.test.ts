import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { collectGarbage, collectGarbageOnlyAfterGrowth } from '../../server/import/memory.ts';

/** Forced full collections during `work` (Node's gc performance entries, flag "forced"). */
async function forcedCollections(work: () => void): Promise<number> {
  let n = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if ((((e as unknown as { detail: { flags: number } }).detail).flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0) n += 1;
  });
  obs.observe({ entryTypes: ['gc'] });
  work();
  await new Promise((r) => setTimeout(r, 50)); // entries are delivered asynchronously
  obs.disconnect();
  return n;
}

describe('the import\'s forced garbage collections (issue 16: each stops every request)', () => {
  it('the CLI collects on every call; the server only after the heap grew by the set amount', async () => {
    expect(await forcedCollections(() => { for (let i = 0; i < 3; i++) collectGarbage(); })).toBe(3);
    collectGarbageOnlyAfterGrowth(64 * 1024 * 1024);
    // The test's heap is far below 64 MB: no call collects.
    expect(await forcedCollections(() => { for (let i = 0; i < 5; i++) collectGarbage(); })).toBe(0);
    // 100 MB of live objects later: one more.
    const keep: number[][] = [];
    expect(await forcedCollections(() => {
      for (let i = 0; i < 1600; i++) keep.push(new Array(8192).fill(i + 0.5));
      collectGarbage();
      collectGarbage();
    })).toBe(1);
    expect(keep.length).toBe(1600);
  });
});
