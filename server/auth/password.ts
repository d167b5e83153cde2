import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
// One of OWASP's scrypt settings: N=2^15, r=8, p=3 (32 MiB per hash, so concurrent logins stay cheap).
const PARAMS = { N: 1 << 15, r: 8, p: 3, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

export const MIN_PASSWORD_LENGTH = 12;

/**
 * At most HASH_ACTIVE password hashes run at once (each takes ~100 ms of a core and 32 MiB), and at
 * most HASH_QUEUED wait for a turn; beyond that a hash fails at once with HashBusyError, which the
 * routes answer with 503 and Retry-After. Forty parallel logins then cost the machine two cores,
 * not all of them.
 */
export const HASH_ACTIVE = 2;
export const HASH_QUEUED = 16;
export const HASH_RETRY_AFTER_S = 2;

export class HashBusyError extends Error {
  readonly retryAfter = HASH_RETRY_AFTER_S;
  constructor() {
    super('Too many logins are being checked right now; try again in a few seconds.');
  }
}

let active = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= HASH_ACTIVE) {
    if (waiting.length >= HASH_QUEUED) throw new HashBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    active += 1;
  }
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight to the next in line
    else active -= 1;
  }
}

export function passwordProblem(pw: string): string | null {
  if (pw.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (pw.length > 1024) return 'Password is too long.';
  return null;
}

/** Format: scrypt$N$r$p$salt$hash (base64). */
export async function hashPassword(pw: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await limited(() => scrypt(pw, salt, KEYLEN, PARAMS));
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(pw: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = await limited(() => scrypt(pw, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem,
  }));
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

/** A hash that no password matches, so that unknown users cost the same time as wrong passwords. */
export const DUMMY_HASH = 'scrypt$32768$8$3$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function randomPassword(): string {
  return crypto.randomBytes(12).toString('base64url');
}

export function sha256Hex(s: string | Buffer): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}
