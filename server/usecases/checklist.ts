import type { AppContext } from '../context.ts';
import { checklistFacts } from '../db/repositories/checklist.repository.ts';
import type { Caller } from '../domain/types.ts';

/**
 * The first hour as a checklist on the home page: areas → flow → lab → baseline → report. Each step
 * ticks itself from what the database holds, so the list needs no state of its own; the page shows
 * it until every step is done. `next` is the first step not done (the one to do now): uploading a
 * lab file before the areas is the mistake the order prevents.
 */
export const CHECKLIST_STEPS = ['areas', 'flow', 'lab', 'baseline', 'report'] as const;
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number];

export interface Checklist {
  steps: { step: ChecklistStep; done: boolean }[];
  next: ChecklistStep | null;
  allDone: boolean;
}

export async function setupChecklist(ctx: AppContext, caller: Caller): Promise<Checklist> {
  const f = await checklistFacts(ctx.db, caller.organisationIds);
  const done: Record<ChecklistStep, boolean> = { areas: f.areas, flow: f.flow, lab: f.lab, baseline: f.baselineChosen, report: f.report };
  const steps = CHECKLIST_STEPS.map((step) => ({ step, done: done[step] }));
  const next = steps.find((s) => !s.done)?.step ?? null;
  return { steps, next, allDone: next === null };
}
