import { pick, type HeaderColumn } from './columns.ts';
import type { Registry } from './lookup.ts';
import type { ReportBuilder } from './report.ts';
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

/** Reads one data line of a lab file; problems go to the report with line and column. */
export function readLabRow(
  L: LabLayout, cells: string[], line: number, registry: Registry, report: ReportBuilder, decimal: DecimalSeparator, slash: SlashOrder,
): LabRowResult {
  const cell = (c?: HeaderColumn) => (c ? (cells[c.index] ?? '').trim() : '');
  const valueCount = L.layout === 'long' ? 1 : L.substanceColumns.filter((s) => cell(s.col) !== '').length;
  const out: LabRowResult = { values: [], flow: null, rejected: 0 };
  const rejectAll = () => ({ ...out, rejected: valueCount });
  let bad = false;

  const areaText = cell(L.area);
  const area = areaText ? registry.area(areaText) : undefined;
  if (!areaText) {
    report.error(line, L.area.header, 'missing_value', 'The sampling point is empty.');
    bad = true;
  } else if (!area) {
    const suggestions = registry.suggestAreas(areaText);
    report.error(line, L.area.header, 'unknown_area', `Unknown sampling point "${areaText}".${suggestions.length ? ` Closest known: ${suggestions.join(', ')}.` : ''} Add it under Areas, or add "${areaText}" as an alias of an existing area.`, { value: areaText, suggestions });
    bad = true;
  }
  const start = parseSampleTime(cell(L.start), slash);
  if (!start.ok) {
    report.error(line, L.start.header, start.code, start.message, { value: cell(L.start) });
    bad = true;
  }
  let end: SampleTime | null = null;
  if (L.end && cell(L.end) !== '') {
    const e = parseSampleTime(cell(L.end), slash);
    if (!e.ok) {
      report.error(line, L.end.header, e.code, e.message, { value: cell(L.end) });
      bad = true;
    } else {
      end = e.value;
      if (start.ok && `${end.date}T${end.time ?? '99:99'}` < `${start.value.date}T${start.value.time ?? '00:00'}`) {
        report.error(line, L.end.header, 'end_before_start', `Sampling ends (${cell(L.end)}) before it starts (${cell(L.start)}).`);
        bad = true;
      }
    }
  }
  let population: number | null = null;
  if (L.population && cell(L.population) !== '') {
    const p = parseNumber(cell(L.population), decimal);
    if (Number.isNaN(p) || p <= 0 || !Number.isInteger(p)) {
      report.error(line, L.population.header, Number.isNaN(p) ? 'not_a_number' : 'negative_value', `Population "${cell(L.population)}" must be a whole number above zero.`);
      bad = true;
    } else population = p;
  }
  const rowUnit = cell(L.unit);
  if (L.flow && cell(L.flow) !== '' && area && start.ok) {
    const unit = L.flow.unit ?? 'm3/d';
    const factor = flowFactor(unit);
    const q = parseNumber(cell(L.flow), decimal);
    if (factor == null) {
      report.error(line, L.flow.header, 'unknown_unit', `Unknown flow unit "${unit}". Use m³/d, L/s or m³/h.`);
      bad = true;
    } else if (Number.isNaN(q)) {
      report.error(line, L.flow.header, 'not_a_number', `Flow "${cell(L.flow)}" is not a number.`, { value: cell(L.flow) });
      bad = true;
    } else if (q <= 0) {
      report.error(line, L.flow.header, 'negative_value', `Flow ${cell(L.flow)} must be greater than zero.`);
      bad = true;
    } else {
      out.flow = { areaId: area.id, date: start.value.date, flowM3PerDay: tidy(q * factor), originalText: cell(L.flow), originalUnit: unit, row: line };
    }
  }
  if (bad || !area || !start.ok) return rejectAll();

  const base = {
    areaId: area.id, date: start.value.date, sampleStart: localDateTime(start.value), sampleEnd: end ? localDateTime(end) : null,
    labSampleId: cell(L.sampleId) || null, population, row: line,
  };
  const readValue = (text: string, column: HeaderColumn, key: string, unit: string | null): void => {
    const unitText = unit ?? '';
    const factor = unitText ? concentrationFactor(unitText) : null;
    const c = parseConcentrationCell(text, decimal);
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
    if (L.loq && cell(L.loq) !== '') {
      const l = parseNumber(cell(L.loq), decimal);
      if (Number.isNaN(l) || l <= 0) {
        report.error(line, L.loq.header, 'not_a_number', `LOQ "${cell(L.loq)}" is not a positive number.`);
        out.rejected += 1;
        return;
      }
      loqNgL = tidy(l * (L.loq.unit ? concentrationFactor(L.loq.unit) ?? factor : factor));
    }
    if (c.value.kind === 'value') {
      out.values.push({ ...base, substanceKey: key, concentrationNgL: tidy(c.value.value * factor), censored: false, loqNgL, originalText: text, originalUnit: unitText });
    } else {
      const loq = c.value.kind === 'below' ? tidy(c.value.loq * factor) : loqNgL;
      if (loq == null) {
        report.error(line, column.header, 'no_loq', `"${text}" means below the limit of quantification, but no LOQ is given for this row (fill the LOQ column).`);
        out.rejected += 1;
        return;
      }
      out.values.push({ ...base, substanceKey: key, concentrationNgL: null, censored: true, loqNgL: loq, originalText: text, originalUnit: unitText });
    }
  };

  if (L.layout === 'long') {
    const subText = cell(L.substance);
    const key = subText ? registry.substance(subText) : undefined;
    if (!subText) {
      report.error(line, L.substance!.header, 'missing_value', 'The substance is empty.');
      out.rejected += 1;
    } else if (!key) {
      const suggestions = registry.suggestSubstances(subText);
      report.error(line, L.substance!.header, 'unknown_substance', `Unknown substance "${subText}".${suggestions.length ? ` Closest known: ${suggestions.join(', ')}.` : ''} Add it as an alias under Substances if it is one of them.`, { value: subText, suggestions });
      out.rejected += 1;
    } else if (cell(L.value) === '') {
      report.error(line, L.value!.header, 'missing_value', `No value for ${subText}. Every row of a long-format file needs a result (write "<LOQ" for results below the limit).`);
      out.rejected += 1;
    } else {
      readValue(cell(L.value), L.value!, key, rowUnit || L.value!.unit);
    }
  } else {
    for (const s of L.substanceColumns) {
      const text = cell(s.col);
      if (text === '') continue; // not analysed
      readValue(text, s.col, s.key, s.col.unit ?? (rowUnit || null));
    }
  }
  return out;
}
