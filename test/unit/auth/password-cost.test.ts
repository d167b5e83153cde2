import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, SCRYPT_PARAMS } from '../../../server/auth/password.ts';

describe('the password hash cost of a real server', () => {
  it("is OWASP's scrypt N=2^15, r=8, p=3, in every new hash and in the dummy hash", () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 32768, r: 8, p: 3 });
    expect(DUMMY_HASH.startsWith('scrypt$32768$8$3$')).toBe(true);
    // A fresh process, as a server is (the test suites' cheaper cost is set by their setup file only).
    const script = "const { hashPassword } = await import('./server/auth/password.ts'); console.log(await hashPassword('correct-horse-battery'));";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  });
});
