/**
 * The import's reading thread (a worker_threads thread, started by import/lab-rows.ts for large
 * lab files): decodes, parses and reads the file's data rows into blocks and sends them to the
 * importer, which writes while this thread reads on. It touches no database; it stays at most
 * `blocksAhead` blocks ahead of the importer (each block is acknowledged).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readLabRows, type LabRowsInput } from './import/lab-rows.ts';

const { input, blocksAhead } = workerData as { input: LabRowsInput; blocksAhead: number };
const port = parentPort!;
let credits = blocksAhead;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits += 1;
  wake?.();
  wake = null;
});

try {
  // No forced full collections here (readLabRows' `here.collect`): they held this thread back behind the
  // writer, and its heap stays small with its small young generation (lab-rows.ts).
  for await (const block of readLabRows(input)) {
    if (credits === 0) await new Promise<void>((resolve) => { wake = resolve; });
    credits -= 1;
    // The block's columns share one buffer (lab-rows.ts): it moves to the importer instead of being copied.
    port.postMessage(block, [block.line.buffer as ArrayBuffer]);
  }
  port.postMessage({ done: true });
} catch (e) {
  port.postMessage({ failed: { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } });
}
port.close();
