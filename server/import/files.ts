import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';

/** Where originals and uploads in progress live under DATA_DIR. */
export const originalsDir = (dataDir: string) => path.join(dataDir, 'originals');
export const uploadsDir = (dataDir: string) => path.join(dataDir, 'uploads');
export const originalPath = (dataDir: string, sha256: string) => path.join(originalsDir(dataDir), sha256);

export class TooLargeError extends Error {
  constructor(public limitBytes: number) {
    super(`The file is larger than the upload limit of ${Math.round(limitBytes / 1024 / 1024)} MB.`);
  }
}

/** A new temporary file name under DATA_DIR/uploads (the directory made if need be). */
function newUploadPath(dataDir: string): string {
  fs.mkdirSync(uploadsDir(dataDir), { recursive: true });
  return path.join(uploadsDir(dataDir), `${Date.now()}-${crypto.randomBytes(6).toString('hex')}.part`);
}

/** Streams an upload to a temporary file under DATA_DIR, stopping at the size limit. */
export async function saveUpload(dataDir: string, body: ReadableStream<Uint8Array> | Readable | Buffer, limitBytes: number): Promise<string> {
  const tmp = newUploadPath(dataDir);
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > limitBytes) cb(new TooLargeError(limitBytes));
      else cb(null, chunk);
    },
  });
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body instanceof Readable ? body : Readable.fromWeb(body as never);
  try {
    await pipeline(source, limiter, fs.createWriteStream(tmp));
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return tmp;
}

/**
 * A file given by path (the CLI) copied to a temporary file under DATA_DIR, as an upload is saved:
 * the import keeps the copy as the original. The kernel copies (a reflink where the file system
 * has them): streaming 110 MB through the event loop took over a second.
 */
export async function copyUpload(dataDir: string, file: string): Promise<string> {
  const tmp = newUploadPath(dataDir);
  try {
    await fs.promises.copyFile(file, tmp, fs.constants.COPYFILE_FICLONE);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return tmp;
}

/** Keeps the original bytes, content-addressed, so a retried commit never stores them twice. */
export function keepOriginal(dataDir: string, tmpFile: string, sha256: string): string {
  fs.mkdirSync(originalsDir(dataDir), { recursive: true });
  const dest = originalPath(dataDir, sha256);
  if (fs.existsSync(dest)) fs.rmSync(tmpFile, { force: true });
  else fs.renameSync(tmpFile, dest);
  return path.relative(dataDir, dest);
}

/** Removes upload leftovers from a crash (called at start). */
export function cleanUploads(dataDir: string): void {
  fs.rmSync(uploadsDir(dataDir), { recursive: true, force: true });
}
