// Streaming multipart/form-data (RFC 7578) for the import upload: the file field goes straight to
// a temp file under DATA_DIR, chunk by chunk, never whole into memory. Hono's parseBody() read the
// whole request into an ArrayBuffer, then a File, then a Buffer copy: a 150 MB upload held about
// three times that in the server. Linear in the body: every byte is searched for the boundary once
// (a carry of boundary length − 1 bytes between chunks).
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { TooLargeError, uploadsDir } from '../import/files.ts';

export class MultipartError extends Error {}

/** Longest header block of one part; a longer one is not a form the upload page sends. */
const MAX_PART_HEADERS = 16 * 1024;

/** The boundary of a `multipart/form-data; boundary=…` content type, or null. */
export function multipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

/** `filename` of a Content-Disposition header (filename* in UTF-8 preferred), and the field name. */
function disposition(headers: string): { name: string | null; fileName: string | null } {
  const line = /^content-disposition:\s*(.*)$/im.exec(headers)?.[1] ?? '';
  const param = (key: string) => new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;]*))`, 'i').exec(line);
  const name = param('name');
  const star = /(?:^|;)\s*filename\*=(?:UTF-8|utf-8)''([^;]*)/.exec(line);
  let fileName: string | null = null;
  if (star) {
    try { fileName = decodeURIComponent(star[1].trim()); } catch { fileName = null; }
  }
  if (fileName === null) {
    const f = param('filename');
    // The HTML form encoding writes ", LF and CR in names as %22, %0A, %0D (undici's parser undoes just these).
    if (f) fileName = (f[1] ?? f[2] ?? '').replace(/%22/g, '"').replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').trim();
  }
  return { name: name ? (name[1] ?? name[2] ?? '').trim() : null, fileName };
}

/**
 * Reads a multipart body and stores the first part named `field` that carries a file under
 * DATA_DIR/uploads. Returns null when there is no such part; throws TooLargeError past
 * `limitBytes` (the temp file removed), MultipartError for a malformed body.
 */
export async function saveMultipartFile(
  dataDir: string, body: ReadableStream<Uint8Array>, boundary: string, field: string, limitBytes: number,
): Promise<{ tmp: string; fileName: string } | null> {
  // A CRLF before the first boundary makes every delimiter the same: CRLF "--" boundary.
  const delim = Buffer.from(`\r\n--${boundary}`);
  let state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble';
  let buf: Buffer = Buffer.from('\r\n');
  let out: fs.WriteStream | null = null;
  let result: { tmp: string; fileName: string } | null = null;
  let size = 0;
  /** Whether the current part's body is the stored file (else it is skipped). */
  let keeping = false;

  const write = async (bytes: Buffer) => {
    if (!keeping || bytes.length === 0) return;
    size += bytes.length;
    if (size > limitBytes) throw new TooLargeError(limitBytes);
    if (!out!.write(bytes)) await once(out!, 'drain');
  };
  const closeFile = async () => {
    if (!out) return;
    const o = out;
    out = null;
    keeping = false;
    o.end();
    await once(o, 'finish');
  };

  try {
    for await (const chunk of Readable.fromWeb(body as never) as AsyncIterable<Buffer>) {
      if (state === 'done') continue; // the epilogue: read, ignored
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (state === 'preamble' || state === 'body') {
          const at = buf.indexOf(delim);
          if (at < 0) {
            const keep = Math.min(buf.length, delim.length - 1);
            if (state === 'body') await write(buf.subarray(0, buf.length - keep));
            buf = Buffer.from(buf.subarray(buf.length - keep));
            break;
          }
          if (state === 'body') {
            await write(buf.subarray(0, at));
            if (keeping) await closeFile();
          }
          buf = buf.subarray(at + delim.length);
          state = 'after';
        }
        if (state === 'after') {
          if (buf.length < 2) break;
          if (buf[0] === 0x2d && buf[1] === 0x2d) { state = 'done'; break; } // "--": the last boundary
          // Transport padding (spaces, tabs) may follow the boundary before its CRLF.
          const eol = buf.indexOf('\r\n');
          if (eol < 0) {
            if (buf.length > 256) throw new MultipartError('A multipart boundary line is malformed.');
            break;
          }
          if (buf.subarray(0, eol).toString('latin1').trim() !== '') throw new MultipartError('A multipart boundary line is malformed.');
          buf = buf.subarray(eol + 2);
          state = 'headers';
        }
        if (state === 'headers') {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) {
            if (buf.length > MAX_PART_HEADERS) throw new MultipartError('The headers of a multipart part are too long.');
            break;
          }
          const { name, fileName } = disposition(buf.subarray(0, end).toString('utf8'));
          buf = buf.subarray(end + 4);
          if (name === field && fileName !== null && !result) {
            fs.mkdirSync(uploadsDir(dataDir), { recursive: true });
            const tmp = path.join(uploadsDir(dataDir), `${Date.now()}-${crypto.randomBytes(6).toString('hex')}.part`);
            out = fs.createWriteStream(tmp);
            result = { tmp, fileName };
            keeping = true;
          }
          state = 'body';
          continue;
        }
        if (state === 'done') break;
      }
    }
    if (state !== 'done') throw new MultipartError('The multipart body ended before its closing boundary.');
    return result;
  } catch (e) {
    const o = out as fs.WriteStream | null;
    o?.destroy();
    if (result) fs.rmSync(result.tmp, { force: true });
    throw e;
  }
}
