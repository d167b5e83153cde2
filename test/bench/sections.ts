/** Benchmark sections beyond the import (stats, charts, report), run after it by run.ts. */
export interface BenchSection {
  name: string;
  run(o: { lab: string; out: string; quick: boolean; importedDir?: string }): Promise<Record<string, string | number>>;
}
import { benchNationalStats } from './stats-section.ts';
import { benchHttp } from './http-section.ts';
import { benchDashboard } from './dashboard-bench.ts';

export const benchSections: BenchSection[] = [];
benchSections.push({ name: 'stats', run: benchNationalStats });
benchSections.push({ name: 'http', run: benchHttp });
import { benchReport } from './report-bench.ts'; benchSections.push({ name: 'report', run: benchReport });
benchSections.push({ name: 'dashboard', run: benchDashboard });
import { benchFollowUpReport } from './followup-bench.ts'; benchSections.push({ name: 'follow-up report', run: benchFollowUpReport });
import { benchStalls } from './stalls-bench.ts'; benchSections.push({ name: 'stalls (issue 16)', run: benchStalls });
