import type { Context } from 'hono';
import { resolveRange, type ResolvedRange } from '../../usecases/periods.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';

/** resolveRange for a handler: an unknown period is a 404, a bad range a 400. */
export async function rangeOrThrow(
  c: Context<AppEnv>, from: string | undefined, to: string | undefined, period: number | undefined, what: string, fallback?: 'baseline' | 'latest', campaign?: number,
): Promise<ResolvedRange> {
  const res = await resolveRange(c.get('ctx'), c.get('caller')!, { from, to, period, campaign }, what, fallback);
  if (res.ok) return res.range;
  if (res.reason === 'period_not_found' || res.reason === 'campaign_not_found') throw notFound(res.message);
  throw new HttpProblem(400, 'Bad Request', res.message);
}
