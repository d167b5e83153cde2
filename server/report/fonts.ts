/**
 * The report's embedded fonts: Noto Sans (SIL OFL 1.1, from @fontsource/noto-sans), regular and
 * bold, for the PDF text, the charts drawn into the PDF and the HTML file's @font-face. The
 * fontsource "latin" subset has å ä ö µ × – … but not ≤ ≥ ≈ →; when @fontsource/noto-sans-math
 * (OFL) is installed it fills those in, otherwise they are written as ASCII ("<=", "~") rather
 * than silently dropped.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import * as fontkit from 'fontkit';

export interface LoadedFont {
  /** The name the PDF registers it under. */
  name: string;
  /** TrueType (sfnt) bytes. */
  bytes: Buffer;
  font: fontkit.Font;
  /** For the HTML @font-face. */
  woff2: Buffer | null;
}

export interface ReportFonts {
  regular: LoadedFont;
  bold: LoadedFont;
  /** Glyphs the Noto Sans subset lacks (math symbols, arrows); null when the package is absent. */
  fallback: LoadedFont | null;
}

const require = createRequire(import.meta.url);

/** What to write for a character no embedded font has. */
const ASCII: Record<string, string> = {
  '≤': '<=', '≥': '>=', '≈': '~', '≠': '!=', '→': '->', '←': '<-', '↑': '^', '↓': 'v', '√': 'sqrt', '∞': 'inf', '⁻': '-', '\u2009': ' ', '\u202f': '\u00a0',
};

/**
 * WOFF 1.0 → TrueType: the same tables, zlib-inflated. fontkit inflates WOFF tables with a
 * pure-JS inflater on every PDF (most of a report's time); node's zlib does it once here.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: Buffer; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4), compLength = woff.readUInt32BE(at + 8), origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? zlib.inflateSync(raw) : raw });
  }
  const log2 = Math.floor(Math.log2(numTables));
  const header = Buffer.alloc(12 + 16 * numTables);
  woff.copy(header, 0, 4, 8); // flavor = sfnt version
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(2 ** log2 * 16, 6);
  header.writeUInt16BE(log2, 8);
  header.writeUInt16BE(numTables * 16 - 2 ** log2 * 16, 10);
  const body: Buffer[] = [];
  let offset = header.length;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    t.tag.copy(header, rec);
    header.writeUInt32BE(t.checksum, rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(t.data.length, rec + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    body.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...body]);
}

function load(name: string, spec: string, woff2Spec: string | null): LoadedFont | null {
  try {
    const file = require.resolve(spec);
    const bytes = woffToSfnt(fs.readFileSync(file));
    let woff2: Buffer | null = null;
    if (woff2Spec) try { woff2 = fs.readFileSync(require.resolve(woff2Spec)); } catch { woff2 = null; }
    return { name, bytes, font: fontkit.create(bytes), woff2 };
  } catch {
    return null;
  }
}

let cached: ReportFonts | null = null;

export function reportFonts(): ReportFonts {
  if (cached) return cached;
  const base = '@fontsource/noto-sans/files/noto-sans-latin';
  const regular = load('NotoSans', `${base}-400-normal.woff`, `${base}-400-normal.woff2`);
  const bold = load('NotoSans-Bold', `${base}-700-normal.woff`, `${base}-700-normal.woff2`);
  if (!regular || !bold) throw new Error('The report font is missing: reinstall @fontsource/noto-sans (npm install).');
  const fallback = load('NotoSansMath', '@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff', null);
  cached = { regular, bold, fallback };
  return cached;
}

/** A run of text and the font that has its glyphs. */
export interface TextRun { text: string; font: 'main' | 'fallback' }

const glyphCache = new WeakMap<object, Map<number, boolean>>();

/** fontkit's cmap lookup, remembered per font and code point (every table cell asks for every character). */
function hasGlyph(font: LoadedFont['font'], cp: number): boolean {
  let cache = glyphCache.get(font);
  if (!cache) glyphCache.set(font, (cache = new Map()));
  let has = cache.get(cp);
  if (has === undefined) cache.set(cp, (has = font.hasGlyphForCodePoint(cp)));
  return has;
}

/**
 * Splits text into runs the main font can draw and runs for the fallback font; a character
 * neither has becomes its ASCII stand-in (or "?"), so nothing is dropped without a trace.
 */
export function textRuns(text: string, fonts: ReportFonts, main: LoadedFont = fonts.regular): TextRun[] {
  const runs: TextRun[] = [];
  const push = (s: string, font: TextRun['font']) => {
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += s;
    else runs.push({ text: s, font });
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 && ch !== '\n' && ch !== '\t') continue;
    if (ch === '\n' || hasGlyph(main.font, cp)) push(ch, 'main');
    else if (fonts.fallback && hasGlyph(fonts.fallback.font, cp)) push(ch, 'fallback');
    else push(ASCII[ch] ?? '?', 'main');
  }
  return runs;
}

/** The text with every character the main font lacks replaced by its stand-in (for chart SVGs). */
export function mainFontText(text: string, fonts: ReportFonts, main: LoadedFont = fonts.regular): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += hasGlyph(main.font, cp) || ch === '\n' ? ch : ASCII[ch] ?? '?';
  }
  return out;
}

/** Advance widths per font and code point: fontkit builds a glyph object per lookup, and a long table asks tens of thousands of times. */
const advanceCache = new WeakMap<object, Map<number, number>>();

/** Advance width of a text in px at a font size (no kerning; vega's text layout needs only that). */
export function textWidth(text: string, sizePx: number, loaded: LoadedFont): number {
  let units = 0;
  const f = loaded.font;
  let cache = advanceCache.get(f);
  if (!cache) advanceCache.set(f, (cache = new Map()));
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let w = cache.get(cp);
    if (w === undefined) {
      w = hasGlyph(f, cp) ? f.glyphForCodePoint(cp).advanceWidth : f.unitsPerEm * 0.6;
      cache.set(cp, w);
    }
    units += w;
  }
  return (units / f.unitsPerEm) * sizePx;
}
