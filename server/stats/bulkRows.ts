// One row of bulk statistics per series, and the column encoding that carries series to a
// worker thread (bulk.ts). Shared by the pool and its workers.
import type { Series } from '../series.ts';
import { baselineOf, changeOf, trendOf, type DateRange } from './seriesStats.ts';

/** What to compute per series: baseline needs `baseline`, change needs both ranges. */
export interface BulkWhat {
  baseline?: DateRange;
  current?: DateRange;
  /** true: trend over all points; a range: trend within it. */
  trend?: boolean | Partial<DateRange>;
}

export interface BulkRow {
  baseline?: ReturnType<typeof baselineOf>;
  change?: ReturnType<typeof changeOf>;
  trend?: ReturnType<typeof trendOf>;
}

/** One series, in this thread: exactly what the serial code computes. */
export function computeStatsRow(series: Series, what: BulkWhat): BulkRow {
  const row: BulkRow = {};
  if (what.baseline) row.baseline = baselineOf(series, what.baseline);
  if (what.baseline && what.current) row.change = changeOf(series, what.baseline, what.current);
  if (what.trend) row.trend = trendOf(series, what.trend === true ? undefined : what.trend);
  return row;
}

/** Series [start, end) of a job, column-encoded for a worker. */
export interface EncodedChunk {
  dates: string[];
  areas: string[];
  substances: string[];
  metrics: string[];
  sources: string[];
  /** Point offsets per series (length count + 1). */
  offsets: Int32Array<ArrayBuffer>;
  dateIndex: Int32Array<ArrayBuffer>;
  values: Float64Array<ArrayBuffer>;
  /** 1: value null; 2: censored. */
  flags: Uint8Array<ArrayBuffer>;
}

export function encodeChunk(series: readonly Series[], start: number, end: number): EncodedChunk {
  let total = 0;
  for (let s = start; s < end; s++) total += series[s].points.length;
  const chunk: EncodedChunk = {
    dates: [],
    areas: [],
    substances: [],
    metrics: [],
    sources: [],
    offsets: new Int32Array(end - start + 1),
    dateIndex: new Int32Array(total),
    values: new Float64Array(total),
    flags: new Uint8Array(total),
  };
  const dictionary = new Map<string, number>();
  let k = 0;
  for (let s = start; s < end; s++) {
    const one = series[s];
    chunk.areas.push(one.area);
    chunk.substances.push(one.substance);
    chunk.metrics.push(one.metric);
    chunk.sources.push(one.source);
    for (const p of one.points) {
      let d = dictionary.get(p.date);
      if (d === undefined) {
        d = chunk.dates.length;
        dictionary.set(p.date, d);
        chunk.dates.push(p.date);
      }
      chunk.dateIndex[k] = d;
      const missing = p.value == null;
      chunk.values[k] = missing ? 0 : (p.value as number);
      chunk.flags[k] = (missing ? 1 : 0) | (p.censored ? 2 : 0);
      k++;
    }
    chunk.offsets[s - start + 1] = k;
  }
  return chunk;
}

/** The series of a chunk, with the fields the statistics read (a missing value stays null). */
export function decodeChunk(chunk: EncodedChunk): Series[] {
  const out: Series[] = [];
  for (let s = 0; s + 1 < chunk.offsets.length; s++) {
    const points: Series['points'] = [];
    for (let k = chunk.offsets[s]; k < chunk.offsets[s + 1]; k++) {
      const f = chunk.flags[k];
      points.push({ date: chunk.dates[chunk.dateIndex[k]], value: f & 1 ? null : chunk.values[k], censored: (f & 2) !== 0, loqNgL: null, concentrationNgL: null });
    }
    out.push({ area: chunk.areas[s], substance: chunk.substances[s], metric: chunk.metrics[s] as Series['metric'], censoredMode: 'half_loq', source: chunk.sources[s] as Series['source'], points });
  }
  return out;
}
