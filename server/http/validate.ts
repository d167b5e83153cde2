import type { Context } from 'hono';
import { z } from 'zod';
import { HttpProblem, type ProblemIssue } from './problem.ts';

function issuesOf(err: z.ZodError): ProblemIssue[] {
  return err.issues.map((i) => ({ column: i.path.join('.') || undefined, code: 'invalid', message: i.message }));
}

/** Reads and validates a JSON body; a 400 problem names each bad field. */
export async function jsonBody<T extends z.ZodTypeAny>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpProblem(400, 'Bad Request', 'The request body must be JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpProblem(400, 'Bad Request', 'Some fields are missing or invalid.', { errors: issuesOf(parsed.error) });
  return parsed.data;
}

export function queryParams<T extends z.ZodTypeAny>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new HttpProblem(400, 'Bad Request', 'Some query parameters are invalid.', { errors: issuesOf(parsed.error) });
  return parsed.data;
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2020-09-14.').refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'Not a real date.');
export const csvList = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
