import type { AppContext } from '../context.ts';
import { findLatestCommittedImportAt } from '../db/repositories/import-batches.repository.ts';
import type { Caller } from '../domain/types.ts';
import { cached } from './cache.ts';

/**
 * "Senast uppdaterad" on every page: the time of the latest committed import of the caller's
 * organisations (a retracted batch no longer counts). Cached until data change: every page asks.
 */
export async function lastUpdated(ctx: AppContext, caller: Caller): Promise<string | null> {
  return cached(ctx, `last-updated|${caller.organisationIds.join(',')}`, () => findLatestCommittedImportAt(ctx.db, caller.organisationIds));
}
