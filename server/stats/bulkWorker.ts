// Worker thread of bulk.ts: decodes a chunk of series, computes their rows, posts them back.
import { parentPort } from 'node:worker_threads';
import { computeStatsRow, decodeChunk, type BulkWhat, type EncodedChunk } from './bulkRows.ts';

const port = parentPort!;
port.on('message', (message: { type: 'chunk'; id: number; what: BulkWhat; chunk: EncodedChunk }) => {
  try {
    const rows = decodeChunk(message.chunk).map((s) => computeStatsRow(s, message.what));
    port.postMessage({ type: 'rows', id: message.id, rows });
  } catch (error) {
    port.postMessage({ type: 'error', id: message.id, name: (error as Error)?.name ?? 'Error', message: String((error as Error)?.message ?? error) });
  }
});
port.postMessage({ type: 'ready' });
