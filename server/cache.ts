import type { AppContext } from './context.ts';

/**
 * Results cached per query and dropped whenever data change (imports, retractions, edits of
 * populations or correction factors bump ctx.dataVersion).
 */
const stores = new WeakMap<AppContext, { version: number; entries: Map<string, Promise<unknown>> }>();
const MAX_ENTRIES = 5000;

export function cached<T>(ctx: AppContext, key: string, compute: () => Promise<T>): Promise<T> {
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
