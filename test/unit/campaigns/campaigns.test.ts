import { describe, expect, it } from 'vitest';
import { detectCampaigns, meteorologicalSeason, summariseCampaign } from '../../../server/domain/campaigns.ts';
import { fixtures, expectMatches } from './fixtures.ts';

describe('detectCampaigns vs the Python reference (datetime)', () => {
  it.each(fixtures.detectCampaigns)('$name', ({ dates, expected }) => {
    expect(detectCampaigns(dates)).toEqual(expected);
  });
});

describe('detectCampaigns by hand', () => {
  it('Fri–Sun then Wednesday (Mon, Tue missing = gap 2) is one campaign; Thursday (gap 3) is not', () => {
    expect(detectCampaigns(['2021-03-05', '2021-03-06', '2021-03-07', '2021-03-10'])).toHaveLength(1);
    expect(detectCampaigns(['2021-03-05', '2021-03-06', '2021-03-07', '2021-03-11'])).toHaveLength(2);
    expect(detectCampaigns(['2021-03-05', '2021-03-11'], 5)).toHaveLength(1);
  });
});

describe('summariseCampaign vs numpy', () => {
  it.each(fixtures.campaignSummary)('$name', ({ days, expected }) => {
    expectMatches(summariseCampaign(days), expected);
  });
});

describe('summariseCampaign by hand', () => {
  it('4 of 7 censored at LOQ 2 (values 1 = LOQ/2): mostly below LOQ, upper bound (3·10 + 4·2)/7', () => {
    const days = [10, 10, 10, 1, 1, 1, 1].map((value, i) => ({ date: `2022-10-0${i + 1}`, value, censored: value === 1, loq: 2 }));
    const s = summariseCampaign(days);
    expect(s.mostlyBelowLoq).toBe(true);
    expect(s.mean).toBeCloseTo(34 / 7, 12);
    expect(s.upperBound).toBeCloseTo(38 / 7, 12);
    expect(s.mid).toBe('2022-10-04');
  });

  it('no days is an error', () => {
    expect(() => summariseCampaign([])).toThrow(RangeError);
  });
});

describe('meteorologicalSeason', () => {
  it('DJF, MAM, JJA, SON', () => {
    expect(['2021-12-01', '2022-02-28', '2022-03-01', '2022-05-31', '2022-06-01', '2022-08-31', '2022-09-01', '2022-11-30'].map(meteorologicalSeason)).toEqual([
      'winter', 'winter', 'spring', 'spring', 'summer', 'summer', 'autumn', 'autumn',
    ]);
  });
});
