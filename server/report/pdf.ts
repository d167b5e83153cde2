/**
 * The report as an A4 PDF (pdfkit): Noto Sans embedded (fonts.ts), charts drawn as vectors from
 * the dashboard's SVG (svg-to-pdfkit), table headers repeated on every page a table spans,
 * "Sida N av M" on every page, and the generation time only in the title block and metadata.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { ChartSpec } from '../charts/types.ts';
import { mainFontText, reportFonts, textRuns, textWidth, type LoadedFont, type ReportFonts } from './fonts.ts';
import { renderChartSvg, type RenderedChart } from './svg.ts';
import type { Block, ReportModel, TableModel } from './types.ts';

const MARGIN = { top: 64, bottom: 58, left: 56, right: 56 };
const COLOURS = { text: '#1a1a1a', muted: '#555555', rule: '#c8c8c8', headerFill: '#e9eef3', zebra: '#f6f8fa', accent: '#0b4f7c' };
const SIZE = { title: 22, subtitle: 12, h2: 16, h3: 12, body: 9.5, table: 8, small: 7.5 };
/** px → pt for the chart SVGs (96 px per inch), shrunk further only if a chart is wider than the text. */
const PX_TO_PT = 0.75;

type Doc = PDFKit.PDFDocument;

class Writer {
  readonly fonts: ReportFonts;
  constructor(readonly doc: Doc) {
    this.fonts = reportFonts();
  }

  get left(): number { return MARGIN.left; }
  get width(): number { return this.doc.page.width - MARGIN.left - MARGIN.right; }
  get bottom(): number { return this.doc.page.height - MARGIN.bottom; }
  get atTop(): boolean { return this.doc.y <= MARGIN.top + 1; }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom && !this.atTop) this.newPage();
  }

  private use(font: LoadedFont, size: number, colour = COLOURS.text): void {
    this.doc.font(font.name).fontSize(size).fillColor(colour);
  }

  /** Height of a text block in the main font (characters the font lacks measured as their stand-ins). */
  measure(text: string, width: number, size: number, bold = false): number {
    const f = bold ? this.fonts.bold : this.fonts.regular;
    this.use(f, size);
    return this.doc.heightOfString(mainFontText(text, this.fonts, f), { width, lineGap: 1.5 });
  }

  /** Text at (x, y) or at the cursor, switching to the fallback font for glyphs Noto Sans lacks. */
  text(text: string, opts: { x?: number; y?: number; width: number; size: number; bold?: boolean; colour?: string; align?: 'left' | 'right' | 'center'; oneLine?: boolean }): void {
    const main = opts.bold ? this.fonts.bold : this.fonts.regular;
    const runs = textRuns(text, this.fonts, main);
    if (!runs.length) return;
    if (opts.oneLine && runs.length === 1 && runs[0].font !== 'fallback' && opts.x !== undefined && opts.y !== undefined) {
      // A table cell known to fit on one line: placed directly, without PDFKit's line wrapper
      // (which dominates the time of a long table such as the daily appendix).
      this.use(main, opts.size, opts.colour);
      // fontkit advances (cached), not PDFKit's widthOfString: that shapes the text a second time.
      const w = opts.align && opts.align !== 'left' ? textWidth(runs[0].text, opts.size, main) : 0;
      const x = opts.align === 'right' ? opts.x + opts.width - w : opts.align === 'center' ? opts.x + (opts.width - w) / 2 : opts.x;
      this.doc.text(runs[0].text, x, opts.y, { lineBreak: false, lineGap: 1.5 });
      return;
    }
    const base = { width: opts.width, align: opts.align ?? 'left', lineGap: 1.5 } as const;
    runs.forEach((run, i) => {
      this.use(run.font === 'fallback' && this.fonts.fallback ? this.fonts.fallback : main, opts.size, opts.colour);
      const o = { ...base, continued: i < runs.length - 1 };
      if (i === 0 && opts.x !== undefined && opts.y !== undefined) this.doc.text(run.text, opts.x, opts.y, o);
      else if (i === 0) this.doc.text(run.text, this.left, this.doc.y, o);
      else this.doc.text(run.text, o);
    });
  }

  heading(text: string, size: number, gapBefore: number): void {
    if (!this.atTop) this.doc.y += gapBefore;
    this.ensure(size * 1.6 + 60); // keep a heading with what follows it
    this.text(text, { width: this.width, size, bold: true, colour: COLOURS.accent });
    this.doc.y += size * 0.35;
  }

  paragraph(text: string, tone?: 'lead' | 'muted'): void {
    const size = tone === 'lead' ? SIZE.body + 1 : SIZE.body;
    this.ensure(Math.min(this.measure(text, this.width, size), 40));
    this.text(text, { width: this.width, size, colour: tone === 'muted' ? COLOURS.muted : COLOURS.text });
    this.doc.y += 6;
  }

  list(items: string[]): void {
    for (const item of items) {
      const h = this.measure(item, this.width - 12, SIZE.body);
      this.ensure(Math.min(h, 36));
      const y = this.doc.y;
      this.text('•', { x: this.left + 2, y, width: 10, size: SIZE.body });
      this.text(item, { x: this.left + 12, y, width: this.width - 12, size: SIZE.body });
      this.doc.y += 3;
    }
    this.doc.y += 4;
  }

  facts(rows: [string, string][]): void {
    const labelW = 130;
    for (const [label, value] of rows) {
      const y = this.doc.y;
      this.text(label, { x: this.left, y, width: labelW - 8, size: SIZE.body + 0.5, bold: true });
      const after = this.doc.y;
      this.text(value, { x: this.left + labelW, y, width: this.width - labelW, size: SIZE.body + 0.5 });
      this.doc.y = Math.max(after, this.doc.y) + 3;
    }
  }

  /** Single-line width of a text in the table font. */
  private lineWidth(text: string, size: number, bold: boolean): number {
    return textWidth(mainFontText(text, this.fonts), size, bold ? this.fonts.bold : this.fonts.regular);
  }

  /**
   * Font size and column widths from the content. Each column wants its widest line; when the
   * table is too wide, a slightly smaller font is tried first, then the widest columns (long
   * text, such as source notes) are capped so that they wrap and the narrow ones do not.
   */
  layoutTable(t: TableModel, padX: number): { size: number; widths: number[] } {
    const cols = t.columns.map((_, i) => [t.columns[i], ...t.rows.map((r) => r[i] ?? '')]);
    // words break at spaces, never at a no-break space ("< LOQ", "24 000")
    const longestWord = (s: string, size: number, bold: boolean) => Math.max(0, ...s.split(/[ \t\n]+/).map((w) => this.lineWidth(w, size, bold)));
    const measure = (size: number) => ({
      natural: cols.map((c) => Math.max(longestWord(c[0], size, true), ...c.slice(1).map((s) => this.lineWidth(s, size, false))) + 2 * padX + 1),
      min: cols.map((c) => Math.max(...c.map((s, j) => longestWord(s, size, j === 0))) + 2 * padX + 1),
    });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const size of [SIZE.table, SIZE.table - 0.5, SIZE.table - 1]) {
      const { natural } = measure(size);
      const total = sum(natural);
      if (total <= this.width) return { size, widths: natural.map((w) => w + ((this.width - total) * w) / total) };
    }
    const size = SIZE.table;
    const { natural, min } = measure(size);
    if (sum(min) >= this.width) return { size, widths: min.map((w) => (w * this.width) / sum(min)) };
    // the cap C with Σ min(natural, max(C, min)) = width, by bisection
    let lo = 0, hi = Math.max(...natural);
    const widthsAt = (cap: number) => natural.map((n, i) => Math.min(n, Math.max(cap, min[i])));
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (sum(widthsAt(mid)) > this.width) hi = mid; else lo = mid;
    }
    const widths = widthsAt(lo);
    const rest = this.width - sum(widths);
    return { size, widths: widths.map((w) => w + rest / widths.length) };
  }

  table(t: TableModel): void {
    const pad = { x: 3, y: 2.6 };
    const { size, widths } = this.layoutTable(t, pad.x);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    // A cell whose single-line width (fontkit advances, 2 % margin for kerning) fits its column is one line high.
    const lineHeight = [this.measure(' ', this.width, size, false), this.measure(' ', this.width, size, true)];
    const fits = (c: string, i: number, bold: boolean) => !c.includes('\n') && this.lineWidth(c, size, bold) * 1.02 + 0.5 <= widths[i] - 2 * pad.x;
    const cellHeight = (cells: string[], bold: boolean) =>
      Math.max(...cells.map((c, i) => (fits(c, i, bold) ? lineHeight[bold ? 1 : 0] : this.measure(c || ' ', widths[i] - 2 * pad.x, size, bold)))) + 2 * pad.y;
    const headerH = cellHeight(t.columns, true);
    const drawRow = (cells: string[], y: number, h: number, header: boolean, zebra: boolean) => {
      if (header || zebra) this.doc.save().rect(this.left, y, this.width, h).fill(header ? COLOURS.headerFill : COLOURS.zebra).restore();
      cells.forEach((c, i) => this.text(c, { x: xs[i] + pad.x, y: y + pad.y, width: widths[i] - 2 * pad.x, size, bold: header, align: t.numeric[i] ? 'right' : 'left', oneLine: fits(c, i, header) }));
      this.doc.save().moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).lineWidth(header ? 0.8 : 0.4).strokeColor(COLOURS.rule).stroke().restore();
    };
    if (t.caption) {
      this.ensure(16 + headerH + 30);
      this.text(t.caption, { width: this.width, size: SIZE.body, bold: true });
      this.doc.y += 3;
    }
    const firstRow = t.rows.length ? cellHeight(t.rows[0], false) + 12 : 0;
    this.ensure(headerH + firstRow);
    let y = this.doc.y;
    drawRow(t.columns, y, headerH, true, false);
    y += headerH;
    const noteH = (r: number) => (t.rowNotes?.[r] ? this.measure(t.rowNotes[r], this.width - 2 * pad.x, SIZE.small) + pad.y : 0);
    t.rows.forEach((row, r) => {
      const note = t.rowNotes?.[r];
      const h = cellHeight(row, false) + noteH(r);
      if (y + h > this.bottom) {
        this.newPage();
        y = this.doc.y;
        drawRow(t.columns, y, headerH, true, false);
        y += headerH;
      }
      const group = t.groups?.[r];
      if (group !== undefined && r > 0 && t.groups![r - 1] !== group) {
        this.doc.save().moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.9).strokeColor('#8894a1').stroke().restore();
      }
      drawRow(row, y, h, false, group !== undefined ? group % 2 === 1 : r % 2 === 1);
      if (note) this.text(note, { x: this.left + pad.x, y: y + h - noteH(r), width: this.width - 2 * pad.x, size: SIZE.small, colour: COLOURS.muted });
      y += h;
    });
    this.doc.x = this.left;
    this.doc.y = y + 10;
  }

  chart(rendered: RenderedChart): void {
    let scale = Math.min(PX_TO_PT, this.width / rendered.width);
    // Shrink a little rather than leave half a page empty; beyond that, start a new page.
    const room = this.bottom - this.doc.y;
    if (rendered.height * scale > room && rendered.height * scale * 0.82 <= room) scale = room / rendered.height;
    const w = rendered.width * scale;
    const h = rendered.height * scale;
    this.ensure(h);
    const y = this.doc.y;
    SVGtoPDF(this.doc, rendered.svg, this.left + (this.width - w) / 2, y, {
      width: w, height: h, preserveAspectRatio: 'xMinYMin meet',
      fontCallback: (_family, bold, italic, o) => {
        if (italic) o.fauxItalic = true;
        return bold ? this.fonts.bold.name : this.fonts.regular.name;
      },
      warningCallback: () => undefined,
    });
    this.doc.x = this.left;
    this.doc.y = y + h + 10;
  }
}

async function renderCharts(model: ReportModel): Promise<Map<ChartSpec, RenderedChart>> {
  const out = new Map<ChartSpec, RenderedChart>();
  for (const s of model.sections) for (const b of s.blocks) if (b.kind === 'chart') out.set(b.spec, await renderChartSvg(b.spec));
  return out;
}

function block(w: Writer, b: Block, charts: Map<ChartSpec, RenderedChart>): void {
  switch (b.kind) {
    case 'paragraph': return w.paragraph(b.text, b.tone);
    case 'list': return w.list(b.items);
    case 'facts': return w.facts(b.rows);
    case 'table': return w.table(b.table);
    case 'subheading':
      if (b.newPage && !w.atTop) w.newPage();
      return w.heading(b.text, SIZE.h3, 6);
    case 'chart': return w.chart(charts.get(b.spec)!);
  }
}

/** Running header (from page 2) and "Sida N av M" on every page, written once all pages exist. */
function pageFurniture(w: Writer, model: ReportModel): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    const label = model.pageLabelTemplate.replace('{n}', String(i + 1)).replace('{m}', String(range.count));
    doc.font(w.fonts.regular.name).fontSize(SIZE.small).fillColor(COLOURS.muted);
    doc.text(label, MARGIN.left, doc.page.height - MARGIN.bottom + 22, { width: w.width, align: 'right', lineBreak: false });
    if (i > range.start) {
      doc.text(mainFontText(model.runningHeader, w.fonts), MARGIN.left, MARGIN.top - 30, { width: w.width, align: 'left', lineBreak: false });
      doc.save().moveTo(MARGIN.left, MARGIN.top - 16).lineTo(doc.page.width - MARGIN.right, MARGIN.top - 16).lineWidth(0.5).strokeColor(COLOURS.rule).stroke().restore();
    }
    doc.page.margins.bottom = keep;
  }
}

export async function renderPdf(model: ReportModel): Promise<Buffer> {
  const charts = await renderCharts(model);
  const created = new Date(model.metadata.generatedAt);
  const doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, autoFirstPage: false, displayTitle: true,
    lang: model.lang === 'sv' ? 'sv-SE' : 'en-GB',
    info: {
      Title: model.metadata.title, Author: model.metadata.author, Subject: model.metadata.subject, Keywords: model.metadata.keywords,
      Creator: model.metadata.creator, Producer: model.metadata.creator, CreationDate: created, ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const fonts = reportFonts();
  for (const f of [fonts.regular, fonts.bold, fonts.fallback]) if (f) doc.registerFont(f.name, f.bytes);

  const w = new Writer(doc);
  w.newPage();
  w.text(model.title, { width: w.width, size: SIZE.title, bold: true, colour: COLOURS.accent });
  doc.y += 4;
  w.text(model.subtitle, { width: w.width, size: SIZE.subtitle, colour: COLOURS.muted });
  doc.y += 14;
  w.facts(model.facts);
  doc.y += 6;
  doc.save().moveTo(w.left, doc.y).lineTo(w.left + w.width, doc.y).lineWidth(0.8).strokeColor(COLOURS.rule).stroke().restore();
  doc.y += 14;

  for (const section of model.sections) {
    if (section.newPage && !w.atTop) w.newPage();
    w.heading(section.heading, SIZE.h2, 14);
    for (const b of section.blocks) block(w, b, charts);
  }
  pageFurniture(w, model);
  doc.end();
  return done;
}
