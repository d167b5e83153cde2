import { pick, type HeaderColumn } from './columns.ts';
import type { Registry } from './lookup.ts';
import type { ReportBuilder } from './report.ts';
import { flowFactor, parseNumber, parseSampleTime, tidy, type DecimalSeparator, type SlashOrder } from './values.ts';
import type { FlowRow } from './writer.ts';

export interface FlowLayout {
  area: HeaderColumn;
  date: HeaderColumn;
  flow: HeaderColumn;
  unit?: HeaderColumn;
}

export function flowLayout(cols: HeaderColumn[], report: ReportBuilder): FlowLayout | null {
  const taken = new Set<number>();
  const area = pick(cols, 'area', taken);
  const date = pick(cols, 'start', taken);
  const flow = pick(cols, 'flow', taken);
  const unit = pick(cols, 'unit', taken);
  const missing = [!area && 'Provpunkt / Site', !date && 'Datum / Date', !flow && 'Flöde / Flow'].filter(Boolean) as string[];
  for (const m of missing) report.error(1, m, 'missing_column', `The flow file has no column for ${m}. Found: ${cols.map((c) => c.header).join(', ')}.`);
  if (missing.length) return null;
  if (flow!.unit && flowFactor(flow!.unit) == null) {
    report.error(1, flow!.header, 'unknown_unit', `Unknown flow unit "${flow!.unit}". Use m³/d, L/s or m³/h.`);
    return null;
  }
  return { area: area!, date: date!, flow: flow!, unit };
}

export function readFlowRow(
  L: FlowLayout, cells: string[], line: number, registry: Registry, report: ReportBuilder, decimal: DecimalSeparator, slash: SlashOrder,
): FlowRow | null {
  const cell = (c?: HeaderColumn) => (c ? (cells[c.index] ?? '').trim() : '');
  let bad = false;
  const areaText = cell(L.area);
  const area = registry.area(areaText);
  if (!area) {
    const suggestions = registry.suggestAreas(areaText);
    report.error(line, L.area.header, areaText ? 'unknown_area' : 'missing_value', areaText ? `Unknown sampling point "${areaText}".${suggestions.length ? ` Closest known: ${suggestions.join(', ')}.` : ''}` : 'The sampling point is empty.', { value: areaText, suggestions });
    bad = true;
  }
  const d = parseSampleTime(cell(L.date), slash);
  if (!d.ok) {
    report.error(line, L.date.header, d.code, d.message, { value: cell(L.date) });
    bad = true;
  }
  const unit = L.flow.unit ?? (cell(L.unit) || 'm3/d');
  const factor = flowFactor(unit);
  const text = cell(L.flow);
  const q = parseNumber(text, decimal);
  if (factor == null) {
    report.error(line, L.unit?.header ?? L.flow.header, 'unknown_unit', `Unknown flow unit "${unit}". Use m³/d, L/s or m³/h.`, { value: unit });
    bad = true;
  } else if (text === '') {
    report.error(line, L.flow.header, 'missing_value', 'The flow is empty.');
    bad = true;
  } else if (Number.isNaN(q)) {
    report.error(line, L.flow.header, 'not_a_number', `Flow "${text}" is not a number.`, { value: text });
    bad = true;
  } else if (q <= 0) {
    report.error(line, L.flow.header, 'negative_value', `Flow ${text} must be greater than zero.`, { value: text });
    bad = true;
  }
  if (bad || !area || !d.ok || factor == null) return null;
  return { areaId: area.id, date: d.value.date, flowM3PerDay: tidy(q * factor), originalText: text, originalUnit: unit, row: line };
}
