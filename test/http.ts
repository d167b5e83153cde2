import fs from 'node:fs';
import type { Hono } from 'hono';
import type { AppEnv } from '../server/http/types.ts';
import { ADMIN } from './helpers.ts';

export interface Session {
  cookie: string;
  csrf: string;
}

/** Logs in through the real endpoint and returns the cookie and CSRF token. */
export async function login(app: Hono<AppEnv>, email = ADMIN.email, password = ADMIN.password): Promise<Session> {
  const res = await app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 204) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, csrf: res.headers.get('x-csrf-token') ?? '' };
}

/** Creates a user through the admin's session (POST /api/v1/users must answer 201) and logs them in. */
export async function addUser(app: Hono<AppEnv>, admin: Session, user: { email: string; password: string; role?: string }): Promise<Session> {
  const res = await sendJson(app, admin, 'POST', '/api/v1/users', { role: 'viewer', ...user });
  if (res.status !== 201) throw new Error(`creating ${user.email} failed: ${res.status} ${await res.text()}`);
  return login(app, user.email, user.password);
}

export function headers(s: Session | null, extra: Record<string, string> = {}): Record<string, string> {
  return s ? { cookie: s.cookie, 'x-csrf-token': s.csrf, ...extra } : extra;
}

/** Uploads a file as the upload page does (multipart field "file"). */
export async function upload(app: Hono<AppEnv>, s: Session, file: string | { name: string; bytes: Buffer | string }, query = ''): Promise<Response> {
  const name = typeof file === 'string' ? file.split('/').pop()! : file.name;
  const bytes = typeof file === 'string' ? fs.readFileSync(file) : Buffer.from(file.bytes);
  const form = new FormData();
  form.append('file', new File([bytes], name));
  return app.request(`/api/v1/imports${query ? `?${query}` : ''}`, { method: 'POST', headers: headers(s), body: form });
}

export async function getJson<T = any>(app: Hono<AppEnv>, s: Session | null, url: string): Promise<{ status: number; body: T }> {
  const res = await app.request(url, { headers: headers(s) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function sendJson(app: Hono<AppEnv>, s: Session | null, method: string, url: string, body?: unknown): Promise<Response> {
  return app.request(url, { method, headers: headers(s, { 'content-type': 'application/json' }), body: body === undefined ? undefined : JSON.stringify(body) });
}

/** All measurements, following the cursor. */
export async function allMeasurements(app: Hono<AppEnv>, s: Session, query = ''): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const { status, body }: { status: number; body: any } = await getJson(app, s, `/api/v1/measurements?limit=500${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
    if (status !== 200) throw new Error(`measurements: ${status} ${JSON.stringify(body)}`);
    out.push(...body.data);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

/** The data of a chart spec's layer `i`, inline (`data.values`) or named in the spec's `datasets`. */
export function layerValues<T = any>(spec: { layer: { data?: { values?: T[]; name?: string } }[]; datasets?: Record<string, T[]> }, i: number): T[] {
  const d = spec.layer[i].data;
  return d?.name !== undefined ? spec.datasets![d.name] : d!.values!;
}
