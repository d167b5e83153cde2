import { describe, expect, it } from 'vitest';
import { campaignLogsOf } from '../../../server/usecases/advisor.ts';
import { orderModel, sampleIdOf } from '../../../server/report/order.ts';
import type { Series } from '../../../server/stats/types.ts';

const point = (date: string, value: number | null, censored = false) => ({ date, value, censored, loqNgL: 2, concentrationNgL: value });

describe('campaignLogsOf', () => {
  it('groups by every sampling date, so days below LOQ shorten a campaign instead of splitting it', () => {
    const series: Series = {
      area: 'A', substance: 'x', metric: 'concentration', censoredMode: 'half_loq', source: 'own',
      // 1–7 March, with 3, 4 and 5 March below LOQ (a 3-day hole among the positive values) and no flow on 7 March.
      points: [point('2024-03-01', 10), point('2024-03-02', 20), point('2024-03-03', 1, true), point('2024-03-04', 1, true), point('2024-03-05', 1, true),
        point('2024-03-06', 40), point('2024-03-07', null), point('2024-09-02', 1, true)],
    };
    const out = campaignLogsOf(series);
    // One campaign (the September one has no positive day and is left out), mid = 4 March = epoch day 19786.
    expect(out).toHaveLength(1);
    expect(out[0].midEpochDay).toBe(19786);
    expect(out[0].logs).toEqual([Math.log(10), Math.log(20), Math.log(40)]);
  });
});

describe('orderModel', () => {
  it('has one CSV line per area × day × substance and a sample id per area × day', () => {
    const m = orderModel({
      lang: 'sv', generatedAt: '2024-03-01T10:00:00Z', appVersion: '1.0', organisation: 'Exempelstad',
      campaign: { id: 12, name: 'Vår', from: '2024-03-11', to: '2024-03-13', status: 'planned', composite: 'flow_24h', lab: '', notes: '' },
      dates: ['2024-03-11', '2024-03-12', '2024-03-13'],
      areas: [{ code: 'A', name: 'Verk A' }, { code: 'B', name: 'Verk B' }],
      substances: [{ key: 'cocaine', name: 'Kokain', loqWishedNgL: 2 }, { key: 'mdma', name: 'MDMA', loqWishedNgL: null }],
    });
    expect(m.csv.machine.rows).toHaveLength(2 * 3 * 2);
    expect(m.csv.machine.rows[0]).toEqual(['Vår', 'K12-A-20240311', 'A', '2024-03-11', 'cocaine', 2]);
    expect(sampleIdOf(12, 'B', '2024-03-13')).toBe('K12-B-20240313');
    const ids = m.sections[1].blocks.find((b) => b.kind === 'table' && b.table.columns[0] === 'Provnummer');
    expect(ids && ids.kind === 'table' ? ids.table.rows.length : 0).toBe(6);
    // No lab chosen yet: the sheet says so instead of leaving the field blank.
    expect(JSON.stringify(m.sections[0])).toContain('Laboratorium är inte valt ännu');
  });
});
