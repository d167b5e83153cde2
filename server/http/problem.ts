import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ProblemIssue {
  row?: number;
  column?: string;
  code: string;
  message: string;
}

export interface Problem {
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemIssue[];
  [k: string]: unknown;
}

/** An error a handler throws to answer with application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    public status: ContentfulStatusCode,
    public title: string,
    public detail?: string,
    public extra: Record<string, unknown> = {},
    public headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

/**
 * problem+json. Every response names its request in X-Request-Id; a server error (5xx) carries it
 * in the body too, as `requestId`, the reference a user quotes and the log holds. Client errors keep
 * a body that depends on the request only (a wrong password and an unknown user must read the same).
 */
export function problemResponse(c: Context, p: Problem, headers: Record<string, string> = {}): Response {
  const requestId: unknown = c.get('requestId');
  const id = typeof requestId === 'string' ? requestId : undefined;
  const body = id && p.status >= 500 ? { ...p, requestId: id } : p;
  return new Response(JSON.stringify(body), {
    status: p.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...(id ? { 'x-request-id': id } : {}), ...headers },
  });
}

export const notFound = (what = 'Not found') => new HttpProblem(404, 'Not Found', what);
export const forbidden = (what = 'You do not have permission to do this.') => new HttpProblem(403, 'Forbidden', what);
export const badRequest = (detail: string, errors?: ProblemIssue[]) =>
  new HttpProblem(400, 'Bad Request', detail, errors ? { errors } : {});
