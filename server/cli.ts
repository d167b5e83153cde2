import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { createContext, type AppContext } from './context.ts';
import { cliCaller } from './auth/sessions.ts';
import { passwordProblem, randomPassword } from './auth/password.ts';
import { IMPORT_KINDS, type ImportKind } from './import/columns.ts';
import { importFile } from './usecases/imports.ts';
import { createUser } from './usecases/users.ts';
import type { Role } from './domain/types.ts';
import { copyUpload } from './import/files.ts';
import { backupDatabase } from './usecases/backup.ts';
import { cliVerbs } from './cli-verbs.ts';

const USAGE = `Usage: npm run cli -- <verb> …
  import <file> [--kind lab|flow|areas|reference] [--dry-run] [--on-conflict reject|replace|skip]
  report --from D --to D [--areas A,B] [--substances S,T] [--lang sv|en] [--format pdf|html|csv|csv-excel] --out FILE
  user add <email> --role admin|coordinator|viewer [--password P]
  backup <file>
Works on the database in DATA_DIR (default ./data) as the operator.`;

function fail(msg: string): never {
  console.error(`Error: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

async function importVerb(ctx: AppContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
    kind: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'on-conflict': { type: 'string' },
  } });
  const file = positionals[0];
  if (!file) fail('import needs a file.');
  if (!fs.existsSync(file)) fail(`No such file: ${file}`);
  if (values.kind && !IMPORT_KINDS.includes(values.kind as ImportKind)) fail(`--kind must be one of ${IMPORT_KINDS.join(', ')}.`);
  const oc = values['on-conflict'];
  if (oc && !['reject', 'replace', 'skip'].includes(oc)) fail('--on-conflict must be reject, replace or skip.');
  const caller = await cliCaller(ctx);
  const tmp = await copyUpload(ctx.config.dataDir, file);
  const started = Date.now();
  const out = await importFile(ctx, caller, {
    filePath: tmp, fileName: path.basename(file), kind: values.kind as ImportKind | undefined, dryRun: values['dry-run'], onConflict: oc as never,
  });
  fs.rmSync(tmp, { force: true });
  const r = out.report;
  console.log(`${path.basename(file)}: ${r.kind ?? 'unknown kind'}, ${r.format.encoding}, delimiter "${r.format.delimiter === '\t' ? 'tab' : r.format.delimiter}", decimal "${r.format.decimalSeparator}", ${r.format.layout ?? ''}`);
  console.log(`rows ${r.counts.rows}, values ${r.counts.values}, accepted ${r.counts.accepted}, duplicates ${r.counts.duplicates}, rejected ${r.counts.rejected}, censored ${r.counts.censored} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const i of r.issues.slice(0, 50)) console.log(`  ${i.severity === 'error' ? 'ERROR  ' : 'warning'} line ${i.row ?? '-'}${i.column ? `, ${i.column}` : ''}: [${i.code}] ${i.message}`);
  if (r.issues.length > 50 || r.issuesOmitted) console.log(`  … and ${r.issues.length - 50 + r.issuesOmitted} more`);
  const verdict = {
    dry_run: r.wouldCommit ? 'Dry run: the file would import.' : 'Dry run: the file would be rejected.', committed: `Imported as batch ${r.id}.`,
    already_imported: 'Not imported.', busy: 'Not imported.', rejected: 'Rejected: nothing was imported.',
  }[out.outcome];
  console.log(verdict);
  return out.outcome === 'committed' || (out.outcome === 'dry_run' && r.wouldCommit) ? 0 : 1;
}

async function userVerb(ctx: AppContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' }, password: { type: 'string' } } });
  if (positionals[0] !== 'add' || !positionals[1]) fail('user add <email> --role admin|coordinator|viewer [--password P]');
  const email = positionals[1].trim().toLowerCase();
  const role = values.role;
  if (!role || !['admin', 'coordinator', 'viewer'].includes(role)) fail('--role must be admin, coordinator or viewer.');
  let password = values.password;
  const generated = !password;
  if (password && passwordProblem(password)) fail(passwordProblem(password)!);
  password ??= randomPassword();
  const res = await createUser(ctx, await cliCaller(ctx), { email, role: role as Role, password, oneTime: generated });
  if (!res.ok) fail(res.reason === 'exists' ? `A user ${email} already exists.` : res.reason === 'weak_password' ? res.message : 'No such organisation.');
  console.log(`Created ${role} ${email}.`);
  if (generated) console.log(`One-time password (shown only now): ${password}`);
  return 0;
}

async function main(): Promise<number> {
  const [verb, ...rest] = process.argv.slice(2);
  if (!verb || verb === '--help' || verb === 'help') {
    console.log(USAGE);
    return verb ? 0 : 2;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const { ctx } = await createContext(config);
  try {
    switch (verb) {
      case 'import': return await importVerb(ctx, rest);
      case 'user': return await userVerb(ctx, rest);
      case 'backup': {
        const file = rest[0];
        if (!file) fail('backup needs a target file.');
        const r = await backupDatabase(ctx, file);
        console.log(`Backup written to ${file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB, integrity ${r.integrity}).`);
        return 0;
      }
      default: {
        const extra = cliVerbs[verb];
        if (extra) return await extra(ctx, rest);
        fail(`Unknown verb "${verb}".`);
      }
    }
  } finally {
    await ctx.destroy();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
