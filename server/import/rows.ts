import Papa from 'papaparse';

export interface FileRow {
  /** Physical line number in the file (line 1 is the first line). */
  line: number;
  cells: string[];
}

/** Index just past the last line break that is outside quotes, or -1. */
function lastRowBreak(text: string): number {
  if (!text.includes('"')) return text.lastIndexOf('\n');
  let quoted = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted; // '"' ('""' inside quotes toggles twice)
    else if (ch === 10 && !quoted) last = i;
  }
  return last;
}

/**
 * Streams the rows of decoded CSV text in batches. The text is cut at row boundaries and each
 * block parsed by papaparse synchronously, so at most a block or two is in memory at a time,
 * however large the file (papaparse's own stream reader buffers ahead without bound).
 */
export async function* csvRowBatches(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<FileRow[]> {
  let pending = '';
  let line = 1;
  const parse = (block: string): FileRow[] => {
    const body = block.endsWith('\r\n') ? block.slice(0, -2) : block.endsWith('\n') ? block.slice(0, -1) : block;
    const rows: FileRow[] = [];
    for (const cells of Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false }).data) {
      rows.push({ line, cells });
      line += 1;
      for (const c of cells) {
        // A quoted cell that spans lines moves the physical line count on.
        if (c.length > 0 && c.includes('\n')) line += c.split('\n').length - 1;
      }
    }
    return rows;
  };
  for await (const chunk of text) {
    pending += chunk;
    const cut = lastRowBreak(pending);
    if (cut < 0) continue;
    const block = pending.slice(0, cut + 1);
    pending = pending.slice(cut + 1);
    yield parse(block);
  }
  if (pending !== '') yield parse(pending);
}

/** True for a line with nothing on it (papaparse gives `['']`). */
export function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
