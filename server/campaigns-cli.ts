// `npm run cli -- campaigns [--json]`: the campaigns and their delivery, through the same use case as the API.
import type { AppContext } from './context.ts';
import { cliCaller } from './auth/sessions.ts';
import { listCampaigns } from './usecases/campaigns.ts';

export async function campaignsVerb(ctx: AppContext, args: string[]): Promise<number> {
  const campaigns = await listCampaigns(ctx, await cliCaller(ctx));
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(campaigns, null, 2)}\n`);
    return 0;
  }
  for (const c of campaigns) {
    const delivery = c.status === 'detected' ? `${c.delivery.delivered} samples` : `delivered ${c.delivery.delivered} of ${c.delivery.expected}`;
    const missing = c.delivery.missingDays.length ? `, missing ${c.delivery.missingDays.join(', ')}` : '';
    process.stdout.write(`${c.id}\t${c.from} – ${c.to}\t${c.status}${c.baseline ? (c.baselineChosen ? ' baseline' : ' baseline (default)') : ''}\t${c.name}\t${c.areas.join(',')}\t${delivery}${missing}\n`);
  }
  return 0;
}
