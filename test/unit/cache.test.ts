import { describe, expect, it } from 'vitest';
import { cached, cachedPatiently } from '../../server/usecases/cache.ts';
import type { AppContext } from '../../server/context.ts';

const fakeCtx = () => ({ dataVersion: { value: 1 } }) as unknown as AppContext;
const after = <T>(ms: number, v: T) => new Promise<T>((r) => setTimeout(() => r(v), ms));

describe('cache', () => {
  it('drops every entry when the data version changes', async () => {
    const ctx = fakeCtx();
    expect(await cached(ctx, 'k', async () => 1)).toBe(1);
    expect(await cached(ctx, 'k', async () => 2)).toBe(1);
    ctx.dataVersion.value += 1;
    expect(await cached(ctx, 'k', async () => 3)).toBe(3);
  });

  it('waits for a rebuild within the patience, and answers the previous result beyond it', async () => {
    const ctx = fakeCtx();
    expect(await cachedPatiently(ctx, 'o', () => after(5, 'v1'), 50)).toEqual({ value: 'v1', stale: false });
    ctx.dataVersion.value += 1;
    expect(await cachedPatiently(ctx, 'o', () => after(5, 'v2'), 50)).toEqual({ value: 'v2', stale: false });
    ctx.dataVersion.value += 1;
    const slow = await cachedPatiently(ctx, 'o', () => after(200, 'v3'), 50);
    expect(slow).toEqual({ value: 'v2', stale: true });
    await after(250, null);
    expect(await cachedPatiently(ctx, 'o', () => after(5, 'never'), 50)).toEqual({ value: 'v3', stale: false });
  });
});
