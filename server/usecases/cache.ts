import type { AppContext } from '../context.ts';

/**
 * The data version this process knows. `value` follows the version stored in the database: this
 * process's own commits set it at once (commit.ts); commits of other processes (the CLI, another
 * server) are seen when `read` is next asked, at most every `DATA_VERSION_CHECK_MS`.
 */
export interface DataVersion {
  value: number;
  /** When the stored version was last read (ms since epoch). */
  checkedAt: number;
  /** Reads the stored version (absent in unit tests with a fake context). */
  read?: () => Promise<number>;
  /** The read in flight, shared by concurrent requests. */
  pending?: Promise<void>;
}

export const DATA_VERSION_CHECK_MS = 1000;

/** Brings ctx.dataVersion up to the stored version if it was not checked within the last second. */
export async function refreshDataVersion(ctx: AppContext): Promise<void> {
  const dv = ctx.dataVersion;
  if (!dv.read || Date.now() - dv.checkedAt < DATA_VERSION_CHECK_MS) return;
  dv.pending ??= dv.read().then((stored) => {
    if (stored > dv.value) dv.value = stored;
    dv.checkedAt = Date.now();
  }).catch(() => { /* database busy: try again on the next request */ }).finally(() => { dv.pending = undefined; });
  await dv.pending;
}

/** Notes a version this process has just committed (or read), so its own caches drop at once. */
export function noteDataVersion(ctx: AppContext, version: number): void {
  if (version > ctx.dataVersion.value) ctx.dataVersion.value = version;
}

/**
 * Results cached per query and dropped whenever data change (imports, retractions, edits of
 * populations or correction factors bump the stored data version).
 */
const stores = new WeakMap<AppContext, { version: number; entries: Map<string, Promise<unknown>> }>();
const MAX_ENTRIES = 5000;

export async function cached<T>(ctx: AppContext, key: string, compute: () => Promise<T>): Promise<T> {
  await refreshDataVersion(ctx);
  let store = stores.get(ctx);
  if (!store || store.version !== ctx.dataVersion.value) {
    store = { version: ctx.dataVersion.value, entries: new Map() };
    stores.set(ctx, store);
  }
  const hit = store.entries.get(key);
  if (hit) return hit as Promise<T>;
  if (store.entries.size >= MAX_ENTRIES) store.entries.delete(store.entries.keys().next().value!);
  const p = compute();
  store.entries.set(key, p);
  p.catch(() => store!.entries.delete(key));
  return p;
}

const lastGood = new WeakMap<AppContext, Map<string, unknown>>();

/**
 * Like `cached`, for figures that take seconds to rebuild at national scale (the overview):
 * after a data change the new result is awaited for up to `patienceMs`; if it is not ready by
 * then, the previous result is returned (marked `stale`) while the rebuild goes on, so a busy
 * server keeps answering. A municipality's overview rebuilds within the patience and is never stale.
 */
export async function cachedPatiently<T>(ctx: AppContext, key: string, compute: () => Promise<T>, patienceMs = 2000): Promise<{ value: T; stale: boolean }> {
  let store = lastGood.get(ctx);
  if (!store) lastGood.set(ctx, (store = new Map()));
  const fresh = cached(ctx, key, compute).then((v) => {
    if (store!.size > 200) store!.clear();
    store!.set(key, v);
    return v;
  });
  if (!store.has(key)) return { value: await fresh, stale: false };
  const STALE = Symbol('stale');
  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([fresh, new Promise<typeof STALE>((resolve) => { timer = setTimeout(() => resolve(STALE), patienceMs); })]);
  clearTimeout(timer);
  if (waited === STALE) {
    fresh.catch(() => undefined);
    return { value: store.get(key) as T, stale: true };
  }
  return { value: waited as T, stale: false };
}
