import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, gzipEtag, gzipOnce } from '../../../server/http/compress.ts';

describe('gzip for cached bodies', () => {
  it('reads Accept-Encoding as RFC 9110 §12.5.3 says: listed or *, unless q=0', () => {
    const cases: [string | undefined, boolean][] = [
      [undefined, false],
      ['', false],
      ['identity', false],
      ['gzip', true],
      ['gzip, deflate, br, zstd', true], // what Chromium sends
      ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
      ['GZIP', true],
      ['x-gzip', true],
      ['gzip;q=0', false],
      ['gzip; q=0.000', false],
      ['*', true],
      ['*;q=0', false],
      ['br, *;q=0', false],
      ['gzip;q=0, *', false], // gzip named and refused: * does not bring it back
      ['deflate, br', false],
    ];
    for (const [header, expected] of cases) expect([header, acceptsGzip(header)]).toEqual([header, expected]);
  });

  it('compresses a body once and gives its gzip form a tag of its own', () => {
    const body = Buffer.from(JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ['2024-03-04', 'måndag', String(i)]) }));
    const gz = gzipOnce(body);
    expect(gunzipSync(gz).equals(body)).toBe(true);
    expect(gzipOnce(body)).toBe(gz); // the same bytes, not compressed again
    expect(gzipOnce(Buffer.from(body))).not.toBe(gz); // another buffer is another body
    expect(gzipEtag('"abc123"')).toBe('"abc123-gz"');
  });
});
