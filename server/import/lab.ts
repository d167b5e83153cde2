import { pick, type HeaderColumn } from './columns.ts';
import type { AreaRef, Registry } from './lookup.ts';
import type { IssueSink, ReportBuilder } from './report.ts';
import {
  concentrationFactor, flowFactor, localDateTime, parseConcentrationCell, parseNumber, parseSampleTime, tidy,
  type DecimalSeparator, type SampleTime, type SlashOrder,
} from './values.ts';
import type { FlowRow, MeasurementRow } from './writer.ts';

/** How the columns of a lab file map to what we store. */
export interface LabLayout {
  layout: 'long' | 'wide';
  area: HeaderColumn;
  start: HeaderColumn;
  end?: HeaderColumn;
  sampleId?: HeaderColumn;
  flow?: HeaderColumn;
  population?: HeaderColumn;
  loq?: HeaderColumn;
  unit?: HeaderColumn;
  substance?: HeaderColumn; // long
  value?: HeaderColumn; // long
  substanceColumns: { col: HeaderColumn; key: string }[]; // wide
  ignored: HeaderColumn[];
}

export function labLayout(cols: HeaderColumn[], registry: Registry, report: ReportBuilder): LabLayout | null {
  const taken = new Set<number>();
  const area = pick(cols, 'area', taken);
  const start = pick(cols, 'start', taken);
  const end = pick(cols, 'end', taken);
  const sampleId = pick(cols, 'sampleId', taken);
  const substance = pick(cols, 'substance', taken);
  const value = pick(cols, 'value', taken);
  const unit = pick(cols, 'unit', taken);
  const loq = pick(cols, 'loq', taken);
  const flow = pick(cols, 'flow', taken);
  const population = pick(cols, 'population', taken);
  const substanceColumns: LabLayout['substanceColumns'] = [];
  const ignored: HeaderColumn[] = [];
  for (const c of cols) {
    if (taken.has(c.index) || c.header === '') continue;
    const key = registry.substance(c.name);
    if (key) substanceColumns.push({ col: c, key });
    else ignored.push(c);
  }
  const long = Boolean(substance && value);
  const missing: string[] = [];
  if (!area) missing.push('Provpunkt / Site');
  if (!start) missing.push('Provtagning start / Sample date');
  if (!long && substanceColumns.length === 0) missing.push('Analys + Halt (long) or one column per substance (wide)');
  for (const m of missing) report.error(1, m, 'missing_column', `The file has no column for ${m}. Found: ${cols.map((c) => c.header).join(', ')}.`);
  if (missing.length) return null;
  for (const c of ignored) {
    report.warning(1, c.header, 'ignored_column', `Column "${c.header}" is not a known column or substance and was ignored.`, { suggestions: registry.suggestSubstances(c.name) });
  }
  if (!long) {
    for (const s of substanceColumns) {
      const u = s.col.unit ?? null;
      if (!u && !unit) report.error(1, s.col.header, 'unknown_unit', `Column "${s.col.header}" gives no unit; write it in the header, e.g. "${s.col.name} (ng/L)".`);
      else if (u && concentrationFactor(u) == null) report.error(1, s.col.header, 'unknown_unit', `Unknown unit "${u}" in "${s.col.header}".`);
    }
  } else if (!unit && !value!.unit) {
    report.error(1, value!.header, 'missing_column', 'The file has no unit column (Enhet / Unit) and no unit in the value header.');
  }
  return { layout: long ? 'long' : 'wide', area: area!, start: start!, end, sampleId, flow, population, loq, unit, substance, value, substanceColumns, ignored };
}

export interface LabRowResult {
  values: MeasurementRow[];
  flow: FlowRow | null;
  /** Values the row held that could not be read (errors already reported). */
  rejected: number;
}

type Cached<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/**
 * Reads data lines of a lab file; problems go to the report with line and column. Cells repeat
 * a lot (areas, dates, substances, units), so their readings are cached by the raw text: this
 * is the import's hot path.
 */
export class LabRowReader {
  private dates = new Map<string, Cached<SampleTime>>();
  private areas = new Map<string, AreaRef | null>();
  private substances = new Map<string, string | null>();
  private factors = new Map<string, number | null>();
  private loqs = new Map<string, number>();
  /**
   * Labs repeat a sample's flow, population and times on each of its substance rows: the last
   * reading of each is kept, so that a repeat costs a string comparison.
   */
  private flowUnit: string;
  private flowFactor: number | null;
  private lastFlow = { text: '', q: NaN };
  /** The last flow read; returned as is (same object, first line's `row`) while the rows of its sample repeat it. */
  private lastFlowRow: FlowRow | null = null;
  private lastPopulation = { text: '', p: NaN };
  private lastStart: { t: SampleTime | null; local: string | null } = { t: null, local: null };
  private lastEnd: { t: SampleTime | null; local: string | null } = { t: null, local: null };

  constructor(private L: LabLayout, private registry: Registry, private report: IssueSink, private decimal: DecimalSeparator, private slash: SlashOrder) {
    this.flowUnit = L.flow?.unit ?? 'm3/d';
    this.flowFactor = flowFactor(this.flowUnit);
  }

  private flowNumber(text: string): number {
    if (text !== this.lastFlow.text) this.lastFlow = { text, q: parseNumber(text, this.decimal) };
    return this.lastFlow.q;
  }

  private populationNumber(text: string): number {
    if (text !== this.lastPopulation.text) this.lastPopulation = { text, p: parseNumber(text, this.decimal) };
    return this.lastPopulation.p;
  }

  private local(t: SampleTime, last: { t: SampleTime | null; local: string | null }): string | null {
    // Cached readings are shared objects: the same object is the same cell text.
    if (last.t !== t) {
      last.t = t;
      last.local = localDateTime(t);
    }
    return last.local;
  }

  private date(text: string): Cached<SampleTime> {
    let d = this.dates.get(text);
    if (!d) {
      d = parseSampleTime(text, this.slash);
      if (this.dates.size < 100_000) this.dates.set(detach(text), d);
    }
    return d;
  }

  private area(text: string): AreaRef | null {
    let a = this.areas.get(text);
    if (a === undefined) {
      a = this.registry.area(text) ?? null;
      if (this.areas.size < 100_000) this.areas.set(detach(text), a);
    }
    return a;
  }

  private substance(text: string): string | null {
    let k = this.substances.get(text);
    if (k === undefined) {
      k = this.registry.substance(text) ?? null;
      if (this.substances.size < 100_000) this.substances.set(detach(text), k);
    }
    return k;
  }

  private factor(unit: string): number | null {
    let f = this.factors.get(unit);
    if (f === undefined) {
      f = concentrationFactor(unit);
      this.factors.set(detach(unit), f);
    }
    return f;
  }

  read(cells: string[], line: number): LabRowResult {
    const { L, report } = this;
    const valueCount = L.layout === 'long' ? 1 : L.substanceColumns.reduce((n, s) => n + (cellOf(cells, s.col) !== '' ? 1 : 0), 0);
    const out: LabRowResult = { values: [], flow: null, rejected: 0 };
    let bad = false;

    const areaText = cellOf(cells, L.area);
    const area = areaText ? this.area(areaText) : null;
    if (!areaText) {
      report.error(line, L.area.header, 'missing_value', 'The sampling point is empty.');
      bad = true;
    } else if (!area) {
      const suggestions = this.registry.suggestAreas(areaText);
      report.error(line, L.area.header, 'unknown_area', `Unknown sampling point "${areaText}".${suggestions.length ? ` Closest known: ${suggestions.join(', ')}.` : ''} Add it under Areas, or add "${areaText}" as an alias of an existing area.`, { value: areaText, suggestions });
      bad = true;
    }
    const startText = cellOf(cells, L.start);
    const start = this.date(startText);
    if (!start.ok) {
      report.error(line, L.start.header, start.code, start.message, { value: startText });
      bad = true;
    }
    let end: SampleTime | null = null;
    const endText = cellOf(cells, L.end);
    if (L.end && endText !== '') {
      const e = this.date(endText);
      if (!e.ok) {
        report.error(line, L.end.header, e.code, e.message, { value: endText });
        bad = true;
      } else {
        end = e.value;
        if (start.ok && `${end.date}T${end.time ?? '99:99'}` < `${start.value.date}T${start.value.time ?? '00:00'}`) {
          report.error(line, L.end.header, 'end_before_start', `Sampling ends (${endText}) before it starts (${startText}).`);
          bad = true;
        }
      }
    }
    let population: number | null = null;
    const popText = cellOf(cells, L.population);
    if (L.population && popText !== '') {
      const p = this.populationNumber(popText);
      if (Number.isNaN(p) || p <= 0 || !Number.isInteger(p)) {
        report.error(line, L.population.header, Number.isNaN(p) ? 'not_a_number' : 'negative_value', `Population "${popText}" must be a whole number above zero.`);
        bad = true;
      } else population = p;
    }
    const flowText = cellOf(cells, L.flow);
    const lastFlow = this.lastFlowRow;
    if (L.flow && flowText !== '' && area && start.ok && lastFlow && lastFlow.originalText === flowText && lastFlow.areaId === area.id && lastFlow.date === start.value.date) {
      out.flow = lastFlow; // the sample's flow again, on its next substance row: read once (the caller tells repeats by identity)
    } else if (L.flow && flowText !== '' && area && start.ok) {
      const unit = this.flowUnit;
      const factor = this.flowFactor;
      const q = this.flowNumber(flowText);
      if (factor == null) {
        report.error(line, L.flow.header, 'unknown_unit', `Unknown flow unit "${unit}". Use m³/d, L/s or m³/h.`);
        bad = true;
      } else if (Number.isNaN(q)) {
        report.error(line, L.flow.header, 'not_a_number', `Flow "${flowText}" is not a number.`, { value: flowText });
        bad = true;
      } else if (q <= 0) {
        report.error(line, L.flow.header, 'negative_value', `Flow ${flowText} must be greater than zero.`);
        bad = true;
      } else {
        out.flow = this.lastFlowRow = { areaId: area.id, date: start.value.date, flowM3PerDay: factor === 1 ? q : tidy(q * factor), originalText: flowText, originalUnit: unit, row: line };
      }
    }
    if (bad || !area || !start.ok) {
      out.rejected = valueCount;
      return out;
    }
    const sampleStart = this.local(start.value, this.lastStart);
    const sampleEnd = end ? this.local(end, this.lastEnd) : null;
    const labSampleId = cellOf(cells, L.sampleId) || null;
    const rowUnit = cellOf(cells, L.unit);

    if (L.layout === 'long') {
      const subText = cellOf(cells, L.substance);
      const key = subText ? this.substance(subText) : null;
      const valueText = cellOf(cells, L.value);
      if (!subText) {
        report.error(line, L.substance!.header, 'missing_value', 'The substance is empty.');
        out.rejected += 1;
      } else if (!key) {
        const suggestions = this.registry.suggestSubstances(subText);
        report.error(line, L.substance!.header, 'unknown_substance', `Unknown substance "${subText}".${suggestions.length ? ` Closest known: ${suggestions.join(', ')}.` : ''} Add it as an alias under Substances if it is one of them.`, { value: subText, suggestions });
        out.rejected += 1;
      } else if (valueText === '') {
        report.error(line, L.value!.header, 'missing_value', `No value for ${subText}. Every row of a long-format file needs a result (write "<LOQ" for results below the limit).`);
        out.rejected += 1;
      } else {
        this.value(out, cells, line, valueText, L.value!, key, rowUnit || L.value!.unit, area.id, start.value.date, sampleStart, sampleEnd, labSampleId, population);
      }
    } else {
      for (const s of L.substanceColumns) {
        const text = cellOf(cells, s.col);
        if (text === '') continue; // not analysed
        this.value(out, cells, line, text, s.col, s.key, s.col.unit ?? (rowUnit || null), area.id, start.value.date, sampleStart, sampleEnd, labSampleId, population);
      }
    }
    return out;
  }

  private value(
    out: LabRowResult, cells: string[], line: number, text: string, column: HeaderColumn, key: string, unit: string | null,
    areaId: number, date: string, sampleStart: string | null, sampleEnd: string | null, labSampleId: string | null, population: number | null,
  ): void {
    const { L, report } = this;
    const unitText = unit ?? '';
    const factor = unitText ? this.factor(unitText) : null;
    const c = parseConcentrationCell(text, this.decimal);
    if (!c.ok) {
      report.error(line, column.header, c.code, c.message, { value: text });
      out.rejected += 1;
      return;
    }
    if (factor == null) {
      const col = L.layout === 'long' && L.unit ? L.unit.header : column.header;
      report.error(line, col, 'unknown_unit', `Unknown unit "${unitText}". Use ng/L, µg/m³ or µg/L.`, { value: unitText });
      out.rejected += 1;
      return;
    }
    let loqNgL: number | null = null;
    const loqText = cellOf(cells, L.loq);
    if (L.loq && loqText !== '') {
      let l = this.loqs.get(loqText);
      if (l === undefined) {
        l = parseNumber(loqText, this.decimal);
        if (this.loqs.size < 100_000) this.loqs.set(detach(loqText), l);
      }
      if (Number.isNaN(l) || l <= 0) {
        report.error(line, L.loq.header, 'not_a_number', `LOQ "${loqText}" is not a positive number.`);
        out.rejected += 1;
        return;
      }
      const lf = L.loq.unit ? this.factor(L.loq.unit) ?? factor : factor;
      loqNgL = lf === 1 ? l : tidy(l * lf);
    }
    const v = c.value;
    if (v.kind === 'value') {
      out.values.push({
        areaId, substanceKey: key, date, sampleStart, sampleEnd, labSampleId, concentrationNgL: factor === 1 ? v.value : tidy(v.value * factor),
        censored: false, loqNgL, originalText: text, originalUnit: unitText, population, row: line,
      });
      return;
    }
    const loq = v.kind === 'below' ? (factor === 1 ? v.loq : tidy(v.loq * factor)) : loqNgL;
    if (loq == null) {
      report.error(line, column.header, 'no_loq', `"${text}" means below the limit of quantification, but no LOQ is given for this row (fill the LOQ column).`);
      out.rejected += 1;
      return;
    }
    out.values.push({
      areaId, substanceKey: key, date, sampleStart, sampleEnd, labSampleId, concentrationNgL: null, censored: true, loqNgL: loq,
      originalText: text, originalUnit: unitText, population, row: line,
    });
  }
}

/**
 * A copy of a cell's text that does not keep the parsed block alive: V8 keeps substrings as
 * slices of their parent, so a cached cell would hold on to a megabyte of file text.
 */
function detach(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function cellOf(cells: string[], c: HeaderColumn | undefined): string {
  if (!c) return '';
  const v = cells[c.index];
  return v === undefined ? '' : v.trim();
}
