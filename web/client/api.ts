import { tr } from './dom.ts';

/** The session's CSRF token from <meta name="csrf-token">; every state-changing call sends it. */
export function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

export interface ApiResult<T = unknown> {
  ok: boolean;
  status: number;
  body: T;
}

export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: { row?: number; column?: string; code: string; message: string }[];
  [k: string]: unknown;
}

/** A JSON call to the API; never throws for HTTP errors (the body holds the problem). */
export async function api<T = unknown>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrfToken() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { detail: text.slice(0, 300) };
  }
  return { ok: res.ok, status: res.status, body: parsed as T };
}

/** One readable sentence from a problem+json body. */
export function problemText(p: unknown): string {
  const prob = (p ?? {}) as Problem;
  const parts = [prob.detail ?? prob.title ?? ''];
  for (const e of prob.errors ?? []) if (e.message && e.message !== prob.detail) parts.push(`${e.column ? `${e.column}: ` : ''}${e.message}`);
  return parts.filter(Boolean).join(' ') || tr('common.network');
}
