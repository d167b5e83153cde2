import { describe, expect, it } from 'vitest';
import { countyRounds, quarterOf } from '../../../server/stats/rounds.ts';
import { fixtures, expectMatches } from './fixtures.ts';

describe('countyRounds vs the Python reference', () => {
  it.each(fixtures.rounds)('$name', ({ campaigns, areas, expected }) => {
    expectMatches(countyRounds(campaigns, areas), expected);
  });
});

describe('countyRounds by hand', () => {
  it('weeks 14, 16, 20 of 2021: one round 2021-Q2, value (24·110 + 11·80 + 52·150)/87 = 130.115, coverage 1', () => {
    const areas = [{ area: 'A', population: 24000 }, { area: 'B', population: 11000 }, { area: 'C', population: 52000 }];
    const rounds = countyRounds(
      [{ area: 'A', mid: '2021-04-05', mean: 110 }, { area: 'B', mid: '2021-04-19', mean: 80 }, { area: 'C', mid: '2021-05-17', mean: 150 }],
      areas,
    );
    expect(rounds).toHaveLength(1);
    expect(rounds[0].round).toBe('2021-Q2');
    expect(rounds[0].county.value).toBeCloseTo(11320 / 87, 10);
    expect(rounds[0].county.coverage).toBe(1);
  });
  it('quarters', () => {
    expect(['2021-01-01', '2021-03-31', '2021-04-01', '2021-12-31'].map(quarterOf)).toEqual(['2021-Q1', '2021-Q1', '2021-Q2', '2021-Q4']);
  });
});
