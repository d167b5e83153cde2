import path from 'node:path';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './auth/client-ip.ts';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  LAGESBILD_ADMIN_EMAIL: z.string().email().optional(),
  LAGESBILD_ADMIN_PASSWORD: z.string().min(12, 'LAGESBILD_ADMIN_PASSWORD must be at least 12 characters').optional(),
  MIN_PUBLIC_POPULATION: z.coerce.number().int().min(0).default(5000),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(200),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  ORGANISATION_NAME: z.string().trim().min(1).max(200).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//i, 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file)').optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA: lower-case letters, digits and _ only').optional(),
  /**
   * Which reverse proxies to believe about the client's IP (login throttling, audit): unset = none
   * (the socket's peer is the client); a hop count ("1" behind one nginx); or a comma-separated list
   * of the proxies' IP addresses. See server/auth/client-ip.ts and the README.
   */
  TRUST_PROXY: z.string().default('').refine((v) => { try { parseTrustProxy(v); return true; } catch { return false; } }, 'TRUST_PROXY must be a hop count or a comma-separated list of proxy IP addresses'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  adminEmail?: string;
  adminPassword?: string;
  minPublicPopulation: number;
  maxUploadBytes: number;
  cookieSecure: 'auto' | 'true' | 'false';
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** The installation's organisation name; unset = the first admin is asked for it (first-run page). */
  organisationName?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** postgres://… to run on PostgreSQL; unset: the SQLite file under dataDir. */
  databaseUrl?: string;
  /** PostgreSQL only: work in this schema instead of public (tests use one per file). */
  databaseSchema?: string;
  trustProxy: TrustProxy;
};

/** Parses the environment once; throws a readable error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    adminEmail: e.LAGESBILD_ADMIN_EMAIL,
    adminPassword: e.LAGESBILD_ADMIN_PASSWORD,
    minPublicPopulation: e.MIN_PUBLIC_POPULATION,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    cookieSecure: e.COOKIE_SECURE,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    organisationName: e.ORGANISATION_NAME,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
  };
}
