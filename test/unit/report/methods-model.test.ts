// The shared methods section, checks and daily appendix (issue 12), on a hand-made input.
import { describe, expect, it } from 'vitest';
import { reportFormat } from '../../../server/report/format.ts';
import type { MethodsData } from '../../../server/report/methods-data.ts';
import { MAX_APPENDIX_ROWS, methodsSections } from '../../../server/report/methods-model.ts';
import { DEFAULT_METHOD_SETTINGS } from '../../../server/usecases/method-settings.ts';
import type { Block } from '../../../server/report/types.ts';

const names = { areaName: (c: string) => `Område ${c}`, substanceName: (k: string) => k.toUpperCase(), periodName: (id: string) => `Kampanj ${id}` };
const text = (blocks: Block[]) => JSON.stringify(blocks);

function data(over: Partial<MethodsData> = {}): MethodsData {
  return {
    settings: { ...DEFAULT_METHOD_SETTINGS, updatedAt: null, updatedBy: null },
    periods: [{ id: '1', from: '2024-03-04', to: '2024-03-10' }],
    populations: [{ area: 'A', name: 'Verket', population: 24000, populationKind: 'persons', populationFrom: '2023-01-01' }, { area: 'B', name: 'Industrin', population: 3100, populationKind: 'pe', populationFrom: null }],
    loqs: [{ substance: 'benzoylecgonine', loqsNgL: [0.5, 1] }],
    // plant 39.2 mg/d, sub-areas 25.8 mg/d: remainder 13.4 mg/d = 13.4 / 39.2 = 34.2 %
    massBalance: [{ area: 'A', substance: 'benzoylecgonine', period: '1', plantLoad: 39.2, subAreasLoad: 25.8, remainder: 13.4, remainderShare: 13.4 / 39.2, nDays: 7, children: ['B', 'C'] }],
    cocaineRatios: [{ area: 'A', period: '1', ratio: 0.26, nDays: 7, flaggedDates: ['2024-03-09'] }],
    // 0.4 µg/m³ (LOQ/2 of 0.8) × 10 000 m³/d / 1000 = 4 mg/d
    daily: [
      { area: 'A', substance: 'benzoylecgonine', date: '2024-03-04', concentrationNgL: 3.92, censored: false, loqNgL: 0.5, flowM3PerDay: 10000, loadMgPerDay: 39.2 },
      { area: 'A', substance: 'cocaine', date: '2024-03-04', concentrationNgL: null, censored: true, loqNgL: 0.8, flowM3PerDay: 10000, loadMgPerDay: 4 },
    ],
    ...over,
  };
}

describe('methodsSections', () => {
  it('says "ej angivet" for what the organisation has not filled in, and where to fill it in', () => {
    const [methods, checks, daily] = methodsSections(data(), reportFormat('sv'), names);
    expect(methods.id).toBe('lab-methods');
    const m = text(methods.blocks);
    expect(m).toContain('Provtagningssätt ej angivet; samlingsprov över 24 timmar');
    expect(m).toContain('Laboratorium: ej angivet. Metod: ej angivet. Ackreditering: ej angivet. Jämförande provningar: ej angivet.');
    expect(m).toContain('har inte fyllts i');
    expect(m).toContain('0,5 / 1'); // both LOQs the lab used
    expect(m).toContain('24\u00a0000');
    expect(m).not.toContain('24\u00a0000 pe'); // persons stay unmarked
    expect(m).toContain('3\u00a0100 pe'); // person equivalents are labelled as pe (issue 11)
    // mass balance: 13,4 (34 %) as computed in the fixture's comment; the flagged dumping day listed
    const c = text(checks.blocks);
    expect(c).toContain('13,4 (34\u00a0%)');
    expect(c).toContain('2024-03-09');
    expect(c).toContain('Kampanj 1');
    // a censored day: "< LOQ", its load at LOQ/2 in brackets
    const d = text(daily.blocks);
    expect(d).toContain('"< 0,8"');
    expect(d).toContain('"(4)"');
    expect(d).toContain('"3,92"');
    expect(d).toContain('"10\u00a0000"');
  });

  it('prints the settings, pe with its caveat, in English too', () => {
    const settings = { ...DEFAULT_METHOD_SETTINGS, samplingMode: 'time_proportional' as const, compositeHours: 24, cooling: '4 °C', storage: '−20 °C', labName: 'RISE', labMethod: 'LC-MS/MS',
      accreditation: 'SWEDAC 1234', interlaboratory: 'SCORE 2024', populationUnit: 'pe' as const, populationSource: 'utility 2023', notes: '', updatedAt: '2026-12-01T10:00:00.000Z', updatedBy: 'x' };
    const [methods] = methodsSections(data({ settings }), reportFormat('en'), names);
    const m = text(methods.blocks);
    expect(m).toContain('Time-proportional composite samples over 24 hours per sampling day');
    expect(m).toContain('Cooling during sampling: 4 °C. Storage until analysis: −20 °C.');
    expect(m).toContain('Laboratory: RISE. Method: LC-MS/MS. Accreditation: SWEDAC 1234. Interlaboratory exercises: SCORE 2024.');
    expect(m).toContain('person equivalents (pe, from BOD₇; includes industry');
    expect(m).toContain('last changed');
  });

  it('says so when a check cannot be made, and caps a very long appendix', () => {
    const many = Array.from({ length: MAX_APPENDIX_ROWS + 5 }, (_, i) => ({ ...data().daily[0], date: `d${i}` }));
    const [, checks, daily] = methodsSections(data({ massBalance: [], cocaineRatios: [], daily: many }), reportFormat('sv'), names);
    expect(text(checks.blocks)).toContain('kontrollen kunde inte göras');
    expect(text(checks.blocks)).toContain('massbalansen kunde inte göras');
    const table = daily.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.table.rows.length).toBe(MAX_APPENDIX_ROWS);
    expect(text(daily.blocks)).toContain(`Visar ${MAX_APPENDIX_ROWS} av ${MAX_APPENDIX_ROWS + 5} rader`);
  });
});
