// The series use case now lives in usecases/series.ts; this re-export serves stats/ until
// `Series` moves to server/stats/types.ts (then delete this file).
export type { Series, SeriesPoint } from './usecases/series.ts';
