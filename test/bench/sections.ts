/** Benchmark sections beyond the import (stats, charts, report), run after it by run.ts. */
export interface BenchSection {
  name: string;
  run(o: { lab: string; out: string; quick: boolean }): Promise<Record<string, string | number>>;
}
export const benchSections: BenchSection[] = [];
