import path from 'node:path';
import { z } from 'zod';

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
  };
}
