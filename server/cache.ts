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
