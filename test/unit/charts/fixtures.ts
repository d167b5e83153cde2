/** Sample chart inputs shared by the chart tests (and the CSP child process). */
import type {
  Lang,
  OverviewInput,
  ReferenceInput,
  TimeseriesInput,
  TimeseriesPoint,
  WeekdayInput,
} from '../../../server/charts/types.ts';

export const METRIC_SV = { label: 'Normaliserad belastning', unit: 'mg/dygn/1000 inv.' };
export const METRIC_EN = { label: 'Population-normalised load', unit: 'mg/day/1000 inh.' };

const metric = (lang: Lang) => (lang === 'en' ? METRIC_EN : METRIC_SV);

function campaignPoints(dates: string[], values: (number | null)[], campaign: number, censoredIdx: number[] = []): TimeseriesPoint[] {
  return dates.map((date, i) => ({
    date,
    value: values[i],
    censored: censoredIdx.includes(i),
    loqNgL: censoredIdx.includes(i) ? 0.5 : 0.5,
    campaign,
  }));
}

/** One series, three campaigns (Mar 2023, Sep 2023, Mar 2024), two nulls, three censored points. */
export function singleSeriesInput(lang: Lang = 'sv'): TimeseriesInput {
  return {
    lang,
    metric: metric(lang),
    censoredSubstitution: 'loq/2',
    series: [
      {
        areaCode: 'EXS-ARV',
        areaName: 'Exempelstad ARV',
        substanceKey: 'cocaine',
        substanceName: lang === 'sv' ? 'Kokain' : 'Cocaine',
        points: [
          ...campaignPoints(
            ['2023-03-01', '2023-03-02', '2023-03-03', '2023-03-04', '2023-03-05', '2023-03-06', '2023-03-07'],
            [1.2, 1.5, null, 0.25, 1.9, 2.4, 2.1],
            0,
            [3],
          ),
          ...campaignPoints(['2023-09-12', '2023-09-13', '2023-09-14'], [1.4, 0.25, 1.6], 1, [1]),
          ...campaignPoints(['2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08'], [2.2, null, 0.25, 2.8], 2, [2]),
        ],
      },
    ],
    baseline: { mean: 1.55, ci95: [1.05, 2.05], from: '2023-03-01', to: '2023-03-07' },
    trend: {
      significant: true,
      slopePerYear: 0.62,
      percentPerYear: 38,
      line: [
        { date: '2023-03-01', value: 1.3 },
        { date: '2024-03-08', value: 1.93 },
      ],
    },
    events: [
      { date: '2023-06-01', title: lang === 'sv' ? 'Informationskampanj i skolor' : 'School information campaign' },
      { date: '2023-06-15', title: lang === 'sv' ? 'Polisinsats i centrum' : 'Police operation downtown' },
    ],
  };
}

/** Three areas, one substance, two campaigns each. */
export function multiSeriesInput(lang: Lang = 'sv'): TimeseriesInput {
  const areas = [
    ['EXS-ARV', 'Exempelstad ARV'],
    ['EXS-N', 'Norra PS'],
    ['EXS-S', 'Södra PS'],
  ];
  return {
    lang,
    metric: metric(lang),
    series: areas.map(([code, name], k) => ({
      areaCode: code,
      areaName: name,
      substanceKey: 'mdma',
      substanceName: 'MDMA',
      points: [
        ...campaignPoints(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07'], [1 + k, 1.4 + k, k === 1 ? null : 1.1 + k, 0.2], 0, [3]),
        ...campaignPoints(['2024-04-15', '2024-04-16'], [1.6 + k, 1.8 + k], 1),
      ],
    })),
    // must be ignored: only drawn with exactly one series
    baseline: { mean: 2, ci95: [1.5, 2.5], from: '2024-03-04', to: '2024-03-07' },
    trend: { significant: true, slopePerYear: 1, line: [{ date: '2024-03-04', value: 1 }, { date: '2024-04-16', value: 2 }] },
    events: [{ date: '2024-04-01', title: 'Festival' }],
  };
}

export function weekdayInput(lang: Lang = 'sv'): WeekdayInput {
  return {
    lang,
    metric: metric(lang),
    areaName: 'Exempelstad ARV',
    substanceName: lang === 'sv' ? 'Bensoylekgonin' : 'Benzoylecgonine',
    periodLabel: '2023–2024',
    days: [
      { weekday: 1, mean: 310.5, n: 4, nCensored: 0 },
      { weekday: 2, mean: 221.25, n: 4 },
      { weekday: 3, mean: 205, n: 3, nCensored: 1 },
      { weekday: 4, mean: null, n: 0 },
      { weekday: 5, mean: 260, n: 4 },
      { weekday: 6, mean: 345.75, n: 4 },
      { weekday: 7, mean: 380, n: 4 },
    ],
    weekdayMean: 213.1,
    weekendMean: 324.1,
    ratio: 1.52,
  };
}

export function overviewInput(lang: Lang = 'sv'): OverviewInput {
  const areas = [
    ['EXS-ARV', 'Exempelstad ARV'],
    ['EXS-N', 'Norra PS'],
    ['EXS-S', 'Södra PS'],
  ];
  const substances = [
    ['benzoylecgonine', lang === 'sv' ? 'Bensoylekgonin' : 'Benzoylecgonine'],
    ['amphetamine', lang === 'sv' ? 'Amfetamin' : 'Amphetamine'],
    ['mdma', 'MDMA'],
    ['thc-cooh', 'THC-COOH'],
  ];
  const ratios: (number | null)[] = [2.4, 0.45, 1.05, 1.3, null, 0.9, 6.5, 1.0, 0.7, 1.15, 0.0, 1.6];
  const rows = areas.flatMap(([areaCode, areaName], i) =>
    substances.map(([substanceKey, substanceName], j) => {
      const k = i * substances.length + j;
      const ratio = ratios[k];
      const tooFew = ratio === null || k === 7; // k = 7 has a ratio but too few data → grey as well
      const q = tooFew ? null : [0.002, 0.03, 0.8, 0.2, 0, 0.5, 0.0004, 0, 0.06, 0.7, 0.01, 0.049][k];
      const verdict = tooFew
        ? ('too_few_data' as const)
        : q !== null && q < 0.05
          ? ratio! > 1
            ? ('increase' as const)
            : ('decrease' as const)
          : ('no_clear_change' as const);
      return {
        areaCode,
        areaName,
        substanceKey,
        substanceName,
        ratio,
        ci95: ratio === null ? null : ([ratio * 0.7, ratio * 1.4] as [number, number]),
        q,
        verdict,
        nBaseline: 7,
        nComparison: tooFew ? 1 : 5,
      };
    }),
  );
  return {
    lang,
    placeName: 'Exempelstads kommun',
    baselineLabel: lang === 'sv' ? 'mars 2023' : 'March 2023',
    comparisonLabel: lang === 'sv' ? 'hösten 2024' : 'autumn 2024',
    metric: metric(lang),
    rows,
  };
}

export function referenceInput(lang: Lang = 'sv'): ReferenceInput {
  return {
    lang,
    metric: metric(lang),
    substanceName: lang === 'sv' ? 'Bensoylekgonin' : 'Benzoylecgonine',
    year: 2022,
    area: { name: 'Exempelstad ARV', value: 240.5, periodLabel: '2024' },
    cities: [
      { name: lang === 'sv' ? 'Göteborg' : 'Gothenburg', country: 'SE', value: 310.2 },
      { name: lang === 'sv' ? 'Umeå' : 'Umea', country: 'SE', value: 95.25 },
      { name: 'Stockholm (2)', country: 'SE', value: 1420.5 },
      { name: 'Uppsala', country: 'SE', value: 180 },
      { name: 'Gävle', country: 'SE', value: null },
    ],
    europeanMedian: 250,
    europeanCityCount: 88,
  };
}
