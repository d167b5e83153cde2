/**
 * CSV writing shared by exports. Text cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR at the start) get a leading apostrophe; numbers stay numbers.
 */
export type Cell = string | number | boolean | null | undefined;

export interface CsvOptions {
  delimiter?: ',' | ';';
  decimalComma?: boolean;
  bom?: boolean;
}

export function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(v: Cell, o: CsvOptions): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    const s = String(v);
    return o.decimalComma ? s.replace('.', ',') : s;
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const t = neutralize(v);
  const d = o.delimiter ?? ',';
  return t.includes(d) || /["\r\n]/.test(t) || t !== t.trim() ? `"${t.replace(/"/g, '""')}"` : t;
}

export function toCsv(header: string[], rows: Cell[][], o: CsvOptions = {}): string {
  const d = o.delimiter ?? ',';
  const lines = [header.map((h) => cell(h, o)).join(d), ...rows.map((r) => r.map((v) => cell(v, o)).join(d))];
  return (o.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}
