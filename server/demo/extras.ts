import type { AppContext } from '../context.ts';
import type { Caller } from '../http/types.ts';

/** Periods, events and a viewer for the demo (filled in as those features land). */
export async function seedDemoExtras(_ctx: AppContext, _caller: Caller): Promise<void> {}
