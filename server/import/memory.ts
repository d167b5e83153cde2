import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

/** Rows an import reads between full garbage collections (collectGarbage). */
export const GC_EVERY_ROWS = 50_000;

/**
 * A full garbage collection, to keep a long import's heap at its live size. The import's rows
 * die young, but some survive a scavenge or two (a batch being processed) and are promoted; V8
 * lets the old generation grow to several times its live size before collecting it (measured on
 * the national bench file: 13 MB live, 60–100 MB heap). Collecting every ~50 000 rows costs a
 * few tens of milliseconds each and keeps the CLI import's peak RSS ≤ 200 MB.
 *
 * `gc` is V8's, exposed to one fresh context: the flag changes nothing else in the process.
 */
/** Heap growth since the last collection below which collectGarbage does nothing (0: always collect). */
let growthBytes = 0;
let usedAfterLast = 0;

/**
 * In the server: collect only after the heap has grown by `bytes` since the last collection. A
 * forced full collection stops the whole process for its duration (250–450 ms with a server's heap
 * on a loaded machine); a 100 MB dry run collected 47 times and /healthz and every other request
 * waited each time. V8's own collections are incremental and concurrent; this stays a safety net.
 * The CLI (nothing else waits on it) keeps collecting every time, for its low peak RSS.
 */
export function collectGarbageOnlyAfterGrowth(bytes: number): void {
  growthBytes = bytes;
}

export function collectGarbage(): void {
  if (growthBytes > 0 && v8.getHeapStatistics().used_heap_size < usedAfterLast + growthBytes) return;
  fullCollection();
  if (growthBytes > 0) usedAfterLast = v8.getHeapStatistics().used_heap_size;
}

function fullCollection(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
