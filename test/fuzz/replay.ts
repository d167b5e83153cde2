/**
 * Replays failing cases saved by run.ts (test/.tmp/fuzz-failures.json) on a fresh database,
 * printing the rendered file and the violations: `tsx test/fuzz/replay.ts [index]`.
 * Note: a case may depend on what earlier cases committed; on a fresh database it may pass.
 */
import fs from 'node:fs';
import { checkCase, createFuzzEnv, render, type FuzzCase } from './properties.ts';

const failures = JSON.parse(fs.readFileSync('test/.tmp/fuzz-failures.json', 'utf8')) as { case: FuzzCase; violations: string[] }[];
const which = process.argv[2] === undefined ? failures.map((_, i) => i) : [Number(process.argv[2])];
const env = await createFuzzEnv();
try {
  for (const i of which) {
    const c = failures[i].case;
    const r = render(c);
    console.log(`\n===== case ${i}: ${c.kind}, ${c.mutate}, passKind=${r.passKind}, commit=${c.commit}, http=${c.viaHttp}`);
    console.log(r.text.length > 3000 ? `${r.text.slice(0, 3000)}… (${r.text.length} chars)` : r.text);
    console.log('recorded:', failures[i].violations.join('\n  '));
    const res = await checkCase(env, { ...c, commit: c.commit });
    console.log(`replayed: status ${res.status}`, res.violations.length ? res.violations.join('\n  ') : 'no violations');
  }
} finally {
  await env.close();
}
