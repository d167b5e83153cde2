import Papa from 'papaparse';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Rows handed on at a time; between two such batches the event loop gets a turn (other requests,
 * /healthz), since reading the rows of a 1 MB block synchronously took hundreds of milliseconds.
 */
export const ROWS_PER_TURN = 500;

export interface FileRow {
  /** Physical line number in the file (line 1 is the first line). */
  line: number;
  cells: string[];
}

/**
 * The longest row accepted, in characters (a quoted cell spanning lines counts whole). No lab, flow
 * or areas file has rows near this; a file without line breaks, or with an unclosed quote, does.
 */
export const MAX_ROW_CHARS = 1 << 20;

/** A row longer than MAX_ROW_CHARS: the import stops with an error naming its line. */
export class RowTooLongError extends Error {
  readonly code = 'line_too_long';
  constructor(readonly line: number, readonly limit = MAX_ROW_CHARS) {
    super(`Line ${line} is longer than ${limit.toLocaleString('en')} characters (no line break, or a quote (") that is never closed). Check that the file is a CSV file with one row per line.`);
  }
}

/**
 * Streams the rows of decoded CSV text in batches. The text is cut at row boundaries and each
 * block parsed by papaparse synchronously, so at most a block or two is in memory at a time,
 * however large the file (papaparse's own stream reader buffers ahead without bound).
 * Linear in the file: each character is scanned once for quotes and line breaks (the quote state
 * carries over between chunks), and the text held back waiting for a row's end never exceeds
 * MAX_ROW_CHARS (beyond that: RowTooLongError).
 */
export async function* csvRowBatches(text: AsyncIterable<string>, delimiter: string, maxRowChars = MAX_ROW_CHARS): AsyncGenerator<FileRow[]> {
  let pending = '';
  let line = 1;
  let scanned = 0; // pending[0..scanned) has been scanned
  let quoted = false;
  const parse = (block: string): FileRow[] => {
    const body = block.endsWith('\r\n') ? block.slice(0, -2) : block.endsWith('\n') ? block.slice(0, -1) : block;
    const rows: FileRow[] = [];
    if (body === '') { // a block of one empty line (papaparse gives no row for '')
      rows.push({ line, cells: [''] });
      line += 1;
      return rows;
    }
    // A line ends at '\n' (as the cut above and every line number say), with an optional '\r' before
    // it. papaparse would guess '\r' alone as the row separator when lone '\r's outnumber '\r\n's,
    // putting rows where no line breaks; so say which it is, and a lone '\r' stays cell content.
    const newline = body.indexOf('\r') < 0 ? '\n' : everyLfAfterCr(body) ? '\r\n' : null;
    const text = newline ? body : body.replace(/\r\n/g, '\n');
    for (const cells of Papa.parse<string[]>(text, { delimiter, newline: newline ?? '\n', skipEmptyLines: false }).data) {
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
    let cut = -1;
    for (let i = scanned; i < pending.length; i++) {
      const ch = pending.charCodeAt(i);
      if (ch === 34) quoted = !quoted; // '"' ('""' inside quotes toggles twice)
      else if (ch === 10 && !quoted) cut = i;
    }
    if (cut >= 0) {
      const block = pending.slice(0, cut + 1);
      pending = pending.slice(cut + 1);
      scanned = pending.length;
      const rows = parse(block);
      for (let i = 0; i < rows.length; i += ROWS_PER_TURN) {
        yield rows.length <= ROWS_PER_TURN ? rows : rows.slice(i, i + ROWS_PER_TURN);
        await nextTurn();
      }
    } else {
      scanned = pending.length;
    }
    if (pending.length > maxRowChars) throw new RowTooLongError(line, maxRowChars);
  }
  if (pending !== '') {
    const rows = parse(pending);
    for (let i = 0; i < rows.length; i += ROWS_PER_TURN) yield rows.length <= ROWS_PER_TURN ? rows : rows.slice(i, i + ROWS_PER_TURN);
  }
}

/** True when every '\n' in the text has a '\r' before it (a CRLF file, maybe with lone '\r's). */
function everyLfAfterCr(text: string): boolean {
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (text.charCodeAt(i - 1) !== 13) return false;
  return true;
}

/** True for a line with nothing on it (papaparse gives `['']`). */
export function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
