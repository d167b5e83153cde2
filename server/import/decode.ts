import fs from 'node:fs';
import crypto from 'node:crypto';

export type Encoding = 'utf-8' | 'windows-1252';

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

/**
 * One streaming pass over the stored file: sha256, size, and whether it is valid UTF-8
 * (invalid UTF-8 ⇒ Windows-1252, which also reads ISO-8859-1). Memory stays bounded.
 */
export async function inspectFile(file: string): Promise<FileFacts> {
  const hash = crypto.createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
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
      try {
        utf8.decode(buf, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  const h = head ?? Buffer.alloc(0);
  const magic = MAGIC.find(([bytes]) => bytes.every((b, i) => h[i] === b));
  const binaryKind = magic ? magic[1] : nulSeen ? 'binary' : null;
  const hasBom = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf;
  return { sha256: hash.digest('hex'), sizeBytes: size, encoding: validUtf8 ? 'utf-8' : 'windows-1252', hasBom, binaryKind };
}

/**
 * The file as decoded text chunks (BOM removed), for the parser. Small chunks keep each parsed
 * block short-lived, so the garbage collector reclaims it young instead of growing the heap.
 */
export async function* decodedChunks(file: string, encoding: Encoding, chunkBytes = 64 * 1024): AsyncGenerator<string> {
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
