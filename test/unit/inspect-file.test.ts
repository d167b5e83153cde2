import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeUtf8Prefix, inspectFile } from '../../server/import/decode.ts';
import { tempDir } from '../helpers.ts';

const dir = tempDir();
const write = (name: string, bytes: Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, bytes);
  return f;
};

describe('inspectFile: UTF-8 or Windows-1252, in 1 MB chunks', () => {
  // Multi-byte characters of 2, 3 and 4 bytes placed across the 1 MiB chunk boundary.
  for (const [ch, bytes] of [['å', 2], ['€', 3], ['😀', 4]] as const) {
    for (let shift = 1; shift < bytes; shift++) {
      it(`"${ch}" cut ${shift} byte(s) into the first chunk is still UTF-8`, async () => {
        const pad = Buffer.alloc((1 << 20) - shift, 'a');
        const f = write(`u-${bytes}-${shift}.csv`, Buffer.concat([pad, Buffer.from(`${ch}b\n`)]));
        expect((await inspectFile(f)).encoding).toBe('utf-8');
      });
    }
  }

  it('Windows-1252 bytes (and a file ending inside a sequence) are not UTF-8; the reference is TextDecoder fatal', async () => {
    const latin = Buffer.concat([Buffer.alloc(1 << 20, 'a'), Buffer.from([0x53, 0xe5, 0x6e])]); // "Sån" in 1252
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(latin)).toThrow();
    expect((await inspectFile(write('latin.csv', latin))).encoding).toBe('windows-1252');
    const cut = Buffer.concat([Buffer.from('abc'), Buffer.from('€').subarray(0, 2)]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cut)).toThrow();
    expect((await inspectFile(write('cut.csv', cut))).encoding).toBe('windows-1252');
    // A continuation byte with no lead.
    expect((await inspectFile(write('lone.csv', Buffer.from([0x61, 0x80, 0x61])))).encoding).toBe('windows-1252');
  });

  it('completeUtf8Prefix leaves out only a cut sequence', () => {
    const euro = Buffer.from('€'); // e2 82 ac
    expect(completeUtf8Prefix(Buffer.from('ab'))).toBe(2);
    expect(completeUtf8Prefix(Buffer.concat([Buffer.from('a'), euro]))).toBe(4);
    expect(completeUtf8Prefix(Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)]))).toBe(1);
    expect(completeUtf8Prefix(Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)]))).toBe(1);
  });
});
