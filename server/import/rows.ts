import { Readable } from 'node:stream';
import Papa from 'papaparse';

export interface FileRow {
  /** Physical line number in the file (line 1 is the first line). */
  line: number;
  cells: string[];
}

/**
 * Streams the rows of decoded CSV text in batches (papaparse chunk mode, paused while the
 * consumer works), so a file of any size is read with bounded memory.
 */
export async function* csvRowBatches(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<FileRow[]> {
  const queue: FileRow[][] = [];
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  let parserRef: Papa.Parser | null = null;
  let line = 1;

  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const input = Readable.from(text, { objectMode: false, encoding: 'utf8' });
  input.on('error', (e) => {
    failure = e;
    signal();
  });
  Papa.parse(input as unknown as File, {
    delimiter,
    skipEmptyLines: false,
    chunkSize: 1 << 20,
    chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
      const batch: FileRow[] = [];
      for (const cells of results.data) {
        batch.push({ line, cells });
        line += 1;
        for (const c of cells) {
          // A quoted cell that spans lines moves the physical line count on.
          if (c.length > 0 && c.includes('\n')) line += c.split('\n').length - 1;
        }
      }
      parserRef = parser;
      parser.pause();
      queue.push(batch);
      signal();
    },
    complete() {
      done = true;
      signal();
    },
    error(err: Error) {
      failure = err;
      signal();
    },
  } as Papa.ParseConfig<string[]> as never);

  while (true) {
    if (failure) throw failure;
    const batch = queue.shift();
    if (batch) {
      yield batch;
      const p = parserRef as Papa.Parser | null;
      p?.resume();
      continue;
    }
    if (done) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}

/** True for a line with nothing on it (papaparse gives `['']`). */
export function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
