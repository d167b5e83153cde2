/**
 * Reading single cells of lab and flow files: numbers with decimal comma and thousands
 * separators, censored results, units, and dates. Pure; each reader returns a value or a
 * problem code with a message a coordinator understands.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(code: string, message: string): Read<T> => ({ ok: false, code, message });

export type DecimalSeparator = '.' | ',';

/** Spaces of every kind that labs and Excel put between thousands. */
const THOUSANDS_SPACE = /[\s\u00a0\u202f\u2009\u2007]/g;

const SIMPLE_NUMBER = /^-?\d+([.,]\d+)?$/;

/** Parses "1 234,5", "1\u00a0234.5", "402,2", "1.234,5" (comma decimal), "-12,0". NaN if not a number. */
export function parseNumber(raw: string, decimal: DecimalSeparator): number {
  // Fast path for the common plain cell ("402,2", "6224", "12.5").
  if (SIMPLE_NUMBER.test(raw) && (decimal === ',' || !raw.includes(','))) {
    return finite(Number(decimal === ',' ? raw.replace(',', '.') : raw));
  }
  let s = raw.trim().replace(THOUSANDS_SPACE, '');
  if (s === '') return NaN;
  s = s.replace(/^\u2212/, '-'); // typographic minus
  if (decimal === ',') {
    // Points are thousands only beside a decimal comma or as several groups ("1.234,5", "1.234.567");
    // a lone "1.234" or "0.025" is a decimal point, as the fast path above reads it (and "+1.234" too).
    if (/^[-+]?\d{1,3}(\.\d{3})+(,\d*)?$/.test(s) && (s.includes(',') || s.indexOf('.') !== s.lastIndexOf('.'))) s = s.replace(/\./g, '');
    if (s.includes('.') && s.includes(',')) return NaN;
    s = s.replace(',', '.');
  } else if (/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) {
    s = s.replace(/,/g, '');
  }
  // (\d+(\.\d*)? rather than \d+\.?\d*: the latter backtracks quadratically on a long run of digits.)
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return NaN;
  return finite(Number(s));
}

/**
 * No concentration (ng/L), LOQ, flow (m³/d) or population reaches 10^15. Beyond it a number is an
 * error in the file, and "1e400" (Infinity), or "1e306" µg/L × 1000, would be stored as
 * Infinity, which JSON turns into null: not a number.
 */
const MAX_MAGNITUDE = 1e15;
const finite = (n: number) => (Math.abs(n) < MAX_MAGNITUDE ? n : NaN);

/** Removes binary noise from unit conversion (0.4022 × 1000 → 402.2, not 402.20000000000005). */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** True when a cell looks like a number written with a decimal comma ("402,2"). */
export function looksLikeDecimalComma(raw: string): boolean {
  // A number is short; on a long cell of spaces the pattern's nested spaces backtrack cubically.
  return raw.length <= 64 && /^\s*<?\s*-?[\d\s\u00a0]*\d,\d+\s*$/.test(raw);
}

// ---- units -------------------------------------------------------------------------------

function unitKey(u: string): string {
  return u
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[µμ]/g, 'u')
    .replace(/³/g, '3')
    .replace(/\s+/g, '')
    .replace(/^\(|\)$/g, '')
    .replace(/per/g, '/');
}

/** Factor to ng/L. µg/m³ equals ng/L. */
const CONCENTRATION_UNITS: Record<string, number> = {
  'ng/l': 1, 'ug/m3': 1, 'pg/ml': 1,
  'ug/l': 1000, 'mg/m3': 1000, 'ng/ml': 1000,
};

/** Factor to m³/day. */
const FLOW_UNITS: Record<string, number> = {
  'm3/d': 1, 'm3/day': 1, 'm3/dygn': 1, 'm3/dag': 1, 'm3/24h': 1, 'm3/dy': 1,
  'l/s': 86.4, 'm3/h': 24, 'l/d': 0.001, 'l/dygn': 0.001, 'ml/d': 1000, 'm3/s': 86400,
};

export function concentrationFactor(unit: string): number | null {
  return CONCENTRATION_UNITS[unitKey(unit)] ?? null;
}
export function flowFactor(unit: string): number | null {
  return FLOW_UNITS[unitKey(unit)] ?? null;
}

/** Splits "Flöde (m3/d)", "Amphetamine (ng/L)", "Kokain µg/m3" into name and unit. */
export function splitHeaderUnit(header: string): { name: string; unit: string | null } {
  const h = header.trim();
  if (h.length > 200) return { name: h, unit: null }; // no header is that long; the patterns below are quadratic in it
  const paren = /^(.*?)[\s]*[([]([^()[\]]+)[)\]]\s*$/.exec(h);
  if (paren && (concentrationFactor(paren[2]) != null || flowFactor(paren[2]) != null)) {
    return { name: paren[1].trim(), unit: paren[2].trim() };
  }
  const trailing = /^(.*\S)\s+(\S+)$/.exec(h);
  if (trailing && (concentrationFactor(trailing[2]) != null || flowFactor(trailing[2]) != null)) {
    return { name: trailing[1].trim(), unit: trailing[2].trim() };
  }
  return { name: h, unit: null };
}

// ---- censored results ---------------------------------------------------------------------

export type ConcentrationCell =
  | { kind: 'value'; value: number }
  | { kind: 'below'; loq: number } // "<5", "< 5,0"
  | { kind: 'below_loq' }; // "<LOQ", "n.d.", "ej påvisad": LOQ from the LOQ column

const NOT_DETECTED = /^(?:<\s*(?:loq|rg|lod|mrl|rapporteringsgrans|kvantifieringsgrans|bg)|n\.?\s*d\.?|nd|ej\s+pavisa[dt]|ej\s+detekterad|not\s+detected|below\s+loq|b\.?d\.?l\.?|blq|under\s+rapporteringsgrans)$/;

export function parseConcentrationCell(raw: string, decimal: DecimalSeparator): Read<ConcentrationCell> {
  if (SIMPLE_NUMBER.test(raw)) {
    const v = parseNumber(raw, decimal);
    if (!Number.isNaN(v)) {
      if (v < 0) return fail('negative_value', `${raw} is negative; a concentration cannot be below zero.`);
      return { ok: true, value: { kind: 'value', value: v } };
    }
  }
  const s = raw.trim();
  if (s === '') return fail('missing_value', 'The value is empty.');
  const folded = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (NOT_DETECTED.test(folded)) return ok({ kind: 'below_loq' });
  const below = /^<\s*(.+)$/.exec(s);
  if (below) {
    const loq = parseNumber(below[1], decimal);
    if (Number.isNaN(loq)) return fail('not_a_number', `"${s}" is neither a number nor a "<LOQ" result.`);
    if (loq <= 0) return fail('negative_value', `The limit in "${s}" must be greater than zero.`);
    return ok({ kind: 'below', loq });
  }
  const v = parseNumber(s, decimal);
  if (Number.isNaN(v)) return fail('not_a_number', `"${s}" is not a number.`);
  if (v < 0) return fail('negative_value', `${s} is negative; a concentration cannot be below zero.`);
  return ok({ kind: 'value', value: v });
}

// ---- dates ----------------------------------------------------------------------------------

export interface SampleTime {
  date: string; // YYYY-MM-DD, local (Europe/Stockholm)
  time: string | null; // HH:MM local, null when only a date was given
}

/** Day order for slashed dates, decided per file: 'dmy' (14/09/2020) or 'mdy' (09/14/2020). */
export type SlashOrder = 'dmy' | 'mdy' | null;

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12) return `month ${m} does not exist`;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > days) return `day ${d} does not exist in ${y}-${pad(m)}`;
  if (y < 1990 || y > 2100) return `year ${y} is outside 1990–2100`;
  return null;
}

const stockholm = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function toStockholm(instant: Date): SampleTime {
  const parts = Object.fromEntries(stockholm.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Reads `2020-09-14`, `2020-09-14 07:00`, `2020-09-14T07:00:00`, `...Z`/`+02:00` (converted to
 * Stockholm time), `14.09.2020 07:00`, `20200914`, and slashed dates when the file's order is known.
 */
export function parseSampleTime(raw: string, slashOrder: SlashOrder = null): Read<SampleTime> {
  const s = raw.trim();
  if (s === '') return fail('bad_date', 'The date is empty.');
  let y: number, m: number, d: number;
  let rest = '';
  let mt: RegExpExecArray | null;
  if ((mt = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(s))) {
    [y, m, d, rest] = [Number(mt[1]), Number(mt[2]), Number(mt[3]), mt[4]];
  } else if ((mt = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(.*)$/.exec(s))) {
    [d, m, y, rest] = [Number(mt[1]), Number(mt[2]), Number(mt[3]), mt[4]];
  } else if ((mt = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    [y, m, d] = [Number(mt[1]), Number(mt[2]), Number(mt[3])];
  } else if ((mt = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(.*)$/.exec(s))) {
    const a = Number(mt[1]), b = Number(mt[2]);
    const order: SlashOrder = slashOrder ?? (a > 12 ? 'dmy' : b > 12 ? 'mdy' : a === b ? 'dmy' : null); // 05/05: both orders agree
    if (!order) {
      return fail('ambiguous_date', `"${s}" could be ${mt[3]}-${pad(b)}-${pad(a)} or ${mt[3]}-${pad(a)}-${pad(b)}. Write dates as YYYY-MM-DD (e.g. ${mt[3]}-${pad(b)}-${pad(a)}).`);
    }
    [d, m] = order === 'dmy' ? [a, b] : [b, a];
    y = Number(mt[3]);
    rest = mt[4];
  } else {
    return fail('bad_date', `"${s}" is not a date. Use YYYY-MM-DD, e.g. 2020-09-14.`);
  }
  const bad = validDate(y, m, d);
  if (bad) return fail('bad_date', `"${s}" is not a real date: ${bad}.`);
  const date = `${y}-${pad(m)}-${pad(d)}`;
  rest = rest.trim();
  if (rest === '') return ok({ date, time: null });
  const tm = /^(?:T|\s)?\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(rest.startsWith('T') ? rest : ' ' + rest);
  if (!tm) return fail('bad_date', `"${s}" has a time that cannot be read; use e.g. 2020-09-14 07:00.`);
  const hh = Number(tm[1]), mm = Number(tm[2]);
  if (hh > 23 || mm > 59) return fail('bad_date', `"${s}" has an impossible time of day.`);
  if (tm[4]) {
    const off = tm[4].toUpperCase() === 'Z' ? 'Z' : tm[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const instant = new Date(`${date}T${pad(hh)}:${pad(mm)}:${tm[3] ?? '00'}${off}`);
    if (Number.isNaN(instant.getTime())) return fail('bad_date', `"${s}" is not a real date and time.`);
    return ok(toStockholm(instant));
  }
  return ok({ date, time: `${pad(hh)}:${pad(mm)}` });
}

/** Evidence a slashed date gives about the file's day order. */
export function slashEvidence(raw: string): SlashOrder {
  const mt = /^\s*(\d{1,2})\/(\d{1,2})\/\d{4}/.exec(raw);
  if (!mt) return null;
  if (Number(mt[1]) > 12) return 'dmy';
  if (Number(mt[2]) > 12) return 'mdy';
  return null;
}

export function localDateTime(t: SampleTime): string | null {
  return t.time ? `${t.date}T${t.time}` : null;
}
