import fs from 'node:fs';
import crypto from 'node:crypto';
import { isUtf8 } from 'node:buffer';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface FileFacts {
  sha256: string;
  sizeBytes: number;
  encoding: Encoding;
  hasBom: boolean;
  /** Looks like a spreadsheet, archive or other binary file rather than text. */
  binaryKind: string | null;
}

const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'zip/xlsx'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'xls'],
  [[0x25, 0x50, 0x44, 0x46], 'pdf'],
  [[0x1f, 0x8b], 'gzip'],
];

/** The length of `b` without a UTF-8 sequence its end cuts short (at most 3 bytes are left out). */
export function completeUtf8Prefix(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const byte = b[b.length - k];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > k ? b.length - k : b.length;
  }
  return b.length; // three continuation bytes: complete or invalid, isUtf8 tells
}

/**
 * One streaming pass over the stored file: sha256, size, and whether it is valid UTF-8
 * (invalid UTF-8 ⇒ Windows-1252, which also reads ISO-8859-1). Memory stays bounded.
 */
export async function inspectFile(file: string): Promise<FileFacts> {
  const hash = crypto.createHash('sha256');
  let validUtf8 = true;
  /** The start of a UTF-8 sequence cut by the chunk's end, checked with the next chunk. */
  let carry: Buffer = Buffer.alloc(0);
  let size = 0;
  let head: Buffer | null = null;
  let nulSeen = false;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    if (!head) head = buf.subarray(0, 8);
    hash.update(buf);
    size += buf.length;
    if (!nulSeen && size <= 1 << 20 && buf.includes(0)) nulSeen = true;
    if (validUtf8) {
      // Validated in place (no decoded string: a 1 MB string per chunk lands in V8's large-object
      // space and a 150 MB upload grew the heap by 100 MB before a collection).
      const bytes = carry.length ? Buffer.concat([carry, buf]) : buf;
      const end = completeUtf8Prefix(bytes);
      if (!isUtf8(bytes.subarray(0, end))) validUtf8 = false;
      carry = Buffer.from(bytes.subarray(end));
    }
  }
  if (validUtf8 && carry.length) validUtf8 = false; // the file ends inside a sequence
  const h = head ?? Buffer.alloc(0);
  // Excel's "Unicode text" and some lab systems write UTF-16 with a byte order mark: every other
  // byte is NUL, which is text here, not a binary file.
  const utf16: Encoding | null = h[0] === 0xff && h[1] === 0xfe ? 'utf-16le' : h[0] === 0xfe && h[1] === 0xff ? 'utf-16be' : null;
  const magic = MAGIC.find(([bytes]) => bytes.every((b, i) => h[i] === b));
  const binaryKind = magic ? magic[1] : nulSeen && !utf16 ? 'binary' : null;
  const hasBom = utf16 !== null || (h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf);
  return { sha256: hash.digest('hex'), sizeBytes: size, encoding: utf16 ?? (validUtf8 ? 'utf-8' : 'windows-1252'), hasBom, binaryKind };
}

/**
 * The file as decoded text chunks (BOM removed), for the parser. Small chunks keep each parsed
 * block short-lived, so the garbage collector reclaims it young instead of growing the heap.
 */
export async function* decodedChunks(file: string, encoding: Encoding, chunkBytes = 64 * 1024): AsyncGenerator<string> {
  // Node's TextDecoder reads UTF-16LE only; big-endian bytes are swapped pairwise first (a chunk
  // boundary may fall inside a pair: the odd byte waits for the next chunk).
  if (encoding === 'utf-16be') {
    const dec = new TextDecoder('utf-16le', { ignoreBOM: false });
    let carry: Buffer | null = null;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: chunkBytes })) {
      let buf: Buffer = carry ? Buffer.concat([carry, chunk as Buffer]) : Buffer.from(chunk as Buffer);
      carry = buf.length % 2 ? buf.subarray(buf.length - 1) : null;
      if (carry) buf = buf.subarray(0, buf.length - 1);
      const s = dec.decode(Buffer.from(buf).swap16(), { stream: true });
      if (s) yield s;
    }
    const tail = dec.decode();
    if (tail) yield tail;
    return;
  }
  const dec = new TextDecoder(encoding, { ignoreBOM: false });
  for await (const chunk of fs.createReadStream(file, { highWaterMark: chunkBytes })) {
    const s = dec.decode(chunk as Buffer, { stream: true });
    if (s) yield s;
  }
  const tail = dec.decode();
  if (tail) yield tail;
}

/** The delimiter that splits the header line into the most cells (outside quotes). */
export function sniffDelimiter(firstLine: string): ';' | ',' | '\t' {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  if (counts['\t'] > 0 && counts['\t'] >= counts[';'] && counts['\t'] >= counts[',']) return '\t';
  return counts[';'] >= counts[','] && counts[';'] > 0 ? ';' : ',';
}
