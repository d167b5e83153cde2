import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MultipartError, multipartBoundary, saveMultipartFile } from '../../server/http/multipart.ts';
import { TooLargeError } from '../../server/import/files.ts';
import { tempDir } from '../helpers.ts';

/** The body a browser's FormData makes (the reference), cut into chunks of `size` bytes. */
async function formBody(form: FormData, size: number): Promise<{ stream: ReadableStream<Uint8Array>; boundary: string }> {
  const req = new Request('http://x/', { method: 'POST', body: form });
  const bytes = Buffer.from(await req.arrayBuffer());
  const boundary = multipartBoundary(req.headers.get('content-type')!)!;
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(at, at + size));
      at += size;
    },
  });
  return { stream, boundary };
}

describe('streaming multipart (the import upload)', () => {
  const dir = tempDir();
  // Bytes that look like a boundary's start, CRLFs and a non-ASCII name.
  const content = Buffer.from(`Provpunkt;Datum\r\n--\r\n-- not a boundary\r\nEXS-ÅRV;2024-01-01\r\n${'x'.repeat(5000)}\r\n`);

  for (const size of [1, 7, 70, 4096, 1 << 20]) {
    it(`stores the file field exactly, other fields skipped (chunks of ${size} B)`, async () => {
      const form = new FormData();
      form.append('note', 'före');
      form.append('file', new File([content], 'Lab "maj" %41 Åre.csv'));
      form.append('after', 'x'.repeat(100));
      const { stream, boundary } = await formBody(form, size);
      const saved = await saveMultipartFile(dir, stream, boundary, 'file', 1 << 20);
      expect(saved!.fileName).toBe('Lab "maj" %41 Åre.csv');
      expect(fs.readFileSync(saved!.tmp).equals(content)).toBe(true);
    });
  }

  it('null without a file field; TooLargeError past the limit (temp file removed); a cut body is an error', async () => {
    const noFile = new FormData();
    noFile.append('file', 'just text');
    const a = await formBody(noFile, 100);
    expect(await saveMultipartFile(dir, a.stream, a.boundary, 'file', 1000)).toBeNull();

    const big = new FormData();
    big.append('file', new File([Buffer.alloc(5000, 65)], 'big.csv'));
    const b = await formBody(big, 512);
    const before = fs.readdirSync(`${dir}/uploads`).length;
    await expect(saveMultipartFile(dir, b.stream, b.boundary, 'file', 4000)).rejects.toBeInstanceOf(TooLargeError);
    expect(fs.readdirSync(`${dir}/uploads`).length).toBe(before);

    const cut = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc')); c.close(); } });
    await expect(saveMultipartFile(dir, cut, 'b', 'file', 4000)).rejects.toBeInstanceOf(MultipartError);
  });

  it('reads the boundary from the content type, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(multipartBoundary('multipart/form-data; boundary="a b"; charset=utf-8')).toBe('a b');
    expect(multipartBoundary('multipart/form-data')).toBeNull();
  });
});
