import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
// One of OWASP's scrypt settings: N=2^15, r=8, p=3 (32 MiB per hash, so concurrent logins stay cheap).
export const SCRYPT_PARAMS = { N: 1 << 15, r: 8, p: 3 } as const;
let PARAMS = { ...SCRYPT_PARAMS, maxmem: 64 * 1024 * 1024 };

/**
 * The cost of NEW hashes, for the in-process test suites only (test/setup/cheap-hashes.ts): their
 * hundreds of accounts and logins would each cost 300 ms of scrypt. A stored hash carries its own
 * parameters, so checking one is unchanged. Nothing in server/ calls this.
 */
export function useScryptCostForTests(N: number): void {
  PARAMS = { ...PARAMS, N };
}
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

/** How many scrypt runs have started (for tests and diagnostics: a login costs exactly one). */
export const hashStats = { runs: 0 };

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  hashStats.runs += 1;
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

/**
 * Format: scrypt$N$r$p$salt$hash (base64). `sameSaltAs`: another account's stored hash for the same
 * e-mail; the new hash takes its salt and parameters, so that a login checks every account of one
 * e-mail with ONE scrypt run (matchPassword) and takes no longer when the e-mail has several.
 */
export async function hashPassword(pw: string, sameSaltAs?: string): Promise<string> {
  const like = sameSaltAs ? parseHash(sameSaltAs) : null;
  const salt = like ? like.salt : crypto.randomBytes(16);
  const params = like ? like.params : PARAMS;
  const hash = await limited(() => scrypt(pw, salt, KEYLEN, params));
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

function parseHash(stored: string): { params: crypto.ScryptOptions & { N: number; r: number; p: number }; salt: Buffer; hash: Buffer } | null {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return null;
  return { params: { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem }, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

/**
 * Which of `stored` (the hashes of every account of one e-mail, oldest first) the password matches,
 * or -1. Hashes that share the first one's salt and parameters cost one scrypt run together; an
 * older hash with its own salt (written before accounts were kept per organisation) costs its own.
 * With no hashes it still runs once (DUMMY_HASH), so an unknown e-mail answers as slowly.
 */
export async function matchPassword(pw: string, stored: string[]): Promise<number> {
  const list = stored.length ? stored : [DUMMY_HASH];
  const derived = new Map<string, Buffer>();
  let found = -1;
  for (let i = 0; i < list.length; i++) {
    const h = parseHash(list[i]);
    if (!h) continue;
    const key = [h.params.N, h.params.r, h.params.p, h.salt.toString('base64'), h.hash.length].join('$');
    let got = derived.get(key);
    if (!got) {
      const params = h.params;
      got = await limited(() => scrypt(pw, h.salt, h.hash.length, params));
      derived.set(key, got);
    }
    if (found < 0 && got.length === h.hash.length && crypto.timingSafeEqual(got, h.hash) && stored.length) found = i;
  }
  return found;
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
