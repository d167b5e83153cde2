import { afterEach, describe, expect, it } from 'vitest';
import { OKABE_ITO } from '../../../server/charts/common.ts';
import { planTimeTicks, timeseriesSpec, type TimeseriesDatum } from '../../../server/charts/timeseries.ts';
import type { ChartSpec, TimeseriesInput } from '../../../server/charts/types.ts';
import { multiSeriesInput, singleSeriesInput } from './fixtures.ts';
import { countSvgMarkPaths, findMarks, markItems, render, svgTexts, viewFormat } from './render.ts';
import { validateVegaLite } from './schema.ts';

interface LooseLayer {
  name?: string;
  data?: { values: Record<string, unknown>[] };
  mark: { type: string } & Record<string, unknown>;
  encoding?: Record<string, Record<string, unknown>>;
}
const layers = (spec: ChartSpec) => (spec as unknown as { layer: LooseLayer[] }).layer;
const layer = (spec: ChartSpec, name: string) => layers(spec).find((l) => l.name === name);
const nonNull = (input: TimeseriesInput) =>
  input.series.flatMap((s) => s.points.filter((p) => p.value !== null).map((p) => ({ ...p, areaCode: s.areaCode })));

describe('timeseriesSpec: campaigns (DOMAIN.md "Campaigns", issue 11)', () => {
  const campaignMeans = [
    { from: '2023-03-01', to: '2023-03-07', mid: '2023-03-04', n: 7, mean: 1.2, ci95: [1.0, 1.4] as [number, number], belowLoq: false, upperBound: null },
    { from: '2023-09-01', to: '2023-09-07', mid: '2023-09-04', n: 7, mean: null, ci95: null, belowLoq: true, upperBound: 0.5 },
  ];

  it('draws campaign means with intervals over faint daily points, valid Vega-Lite', () => {
    const spec = timeseriesSpec({ ...singleSeriesInput('sv'), campaignMeans, trendStatus: { verdict: 'too_few_data', nCampaigns: 2, minCampaigns: 5 }, trend: null });
    expect(validateVegaLite(spec)).toEqual([]);
    expect(layer(spec, 'campaign_means')!.data!.values.map((v) => [v.date, v.value, v.belowLoq])).toEqual([['2023-03-04', 1.2, false], ['2023-09-04', 0.5, true]]);
    expect(layer(spec, 'campaign_intervals')!.data!.values[0]).toMatchObject({ lo: 1.0, hi: 1.4 });
    expect(layer(spec, 'points')!.mark.opacity).toBeLessThan(1);
    // never "no trend" when it cannot be judged
    expect(spec.usermeta.summary).toContain('kan inte bedömas ännu (2 av minst 5 kampanjer)');
    expect(spec.usermeta.summary).not.toContain('ingen statistiskt säkerställd trend');
  });

  it('says why a trend of mostly censored campaigns is not judged', () => {
    const spec = timeseriesSpec({ ...singleSeriesInput('en'), campaignMeans, trendStatus: { verdict: 'mostly_below_loq', nCampaigns: 6, minCampaigns: 5 }, trend: null });
    expect(spec.usermeta.summary).toContain('cannot be judged: more than half of the campaigns are below the limit of quantification');
  });
});

describe('timeseriesSpec: a series thinned for print says so', () => {
  const subtitle = (spec: ChartSpec) => ((spec as unknown as { title: { subtitle: string[] } }).title.subtitle).join(' | ');
  it('names the days behind each point when the points are means, and says nothing otherwise', () => {
    expect(subtitle(timeseriesSpec({ ...singleSeriesInput('sv'), pointsAreMeansOfDays: 55 }))).toContain('Varje punkt är medelvärdet av 55 dagar');
    expect(subtitle(timeseriesSpec({ ...singleSeriesInput('en'), pointsAreMeansOfDays: 9 }))).toContain('Each point is the mean of 9 days');
    for (const days of [undefined, 1]) expect(subtitle(timeseriesSpec({ ...singleSeriesInput('sv'), pointsAreMeansOfDays: days }))).not.toContain('medelvärdet av');
  });
});

describe('timeseriesSpec', () => {
  it('validates against the Vega-Lite v6 JSON schema (single, multi, en, empty)', () => {
    const inputs: TimeseriesInput[] = [
      singleSeriesInput('sv'),
      singleSeriesInput('en'),
      multiSeriesInput('sv'),
      { metric: { label: 'x', unit: 'u' }, series: [] },
      { ...singleSeriesInput(), width: 'container', events: [], trend: null, baseline: null },
    ];
    for (const input of inputs) expect(validateVegaLite(timeseriesSpec(input))).toEqual([]);
  });

  it('has the v6 $schema, a title saying what and where, and the metric and unit in the subtitle', () => {
    const spec = timeseriesSpec(singleSeriesInput('sv'));
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    const title = spec.title as { text: string; subtitle: string[] };
    expect(title.text).toBe('Kokain — Exempelstad ARV');
    expect(title.subtitle[0]).toBe('Normaliserad belastning, mg/dygn/1000 inv.');
    expect(timeseriesSpec(multiSeriesInput('en')).title).toMatchObject({ text: 'MDMA — Exempelstad ARV, Norra PS and Södra PS' });
  });

  it('carries exactly the non-null input points (value, date, censored flag, LOQ, campaign) as inline data', () => {
    for (const input of [singleSeriesInput(), multiSeriesInput()]) {
      const spec = timeseriesSpec(input);
      const expected = nonNull(input).map((p) => ({
        areaCode: p.areaCode,
        date: p.date,
        value: p.value,
        censored: p.censored,
        loqNgL: p.loqNgL,
        campaign: p.campaign,
      }));
      for (const name of ['points', 'lines']) {
        const values = layer(spec, name)!.data!.values as unknown as TimeseriesDatum[];
        expect(values.map(({ areaCode, date, value, censored, loqNgL, campaign }) => ({ areaCode, date, value, censored, loqNgL, campaign }))).toEqual(expected);
      }
    }
  });

  it('renders exactly one point mark per non-null value (scenegraph and SVG), with the interpreter', async () => {
    for (const input of [singleSeriesInput(), multiSeriesInput()]) {
      const n = nonNull(input).length;
      const total = input.series.reduce((a, s) => a + s.points.length, 0);
      expect(n).toBeLessThan(total); // the fixtures do contain nulls
      const { view, svg, warnings } = await render(timeseriesSpec(input));
      expect(warnings).toEqual([]);
      expect(markItems(view, 'points_marks')).toHaveLength(n);
      // browser selector: g.mark-symbol.role-mark.points_marks > path
      expect(countSvgMarkPaths(svg, 'symbol', 'points_marks')).toBe(n);
    }
  });

  it('draws no point at all for null values', async () => {
    const input = singleSeriesInput();
    input.series[0].points = input.series[0].points.map((p) => ({ ...p, value: null }));
    const spec = timeseriesSpec(input);
    expect(layer(spec, 'points')!.data!.values).toHaveLength(0);
    const { view, svg } = await render(spec);
    expect(markItems(view, 'points_marks')).toHaveLength(0);
    expect(countSvgMarkPaths(svg, 'symbol', 'points_marks')).toBe(0);
    expect(spec.usermeta.summary).toBe('Kokain — Exempelstad ARV: Inga data.');
  });

  it('draws censored points hollow (white fill, coloured outline) and measured ones filled', async () => {
    const { view } = await render(timeseriesSpec(singleSeriesInput()));
    const items = markItems(view, 'points_marks');
    const censored = items.filter((i) => i.datum!.censored);
    const measured = items.filter((i) => !i.datum!.censored);
    expect(censored).toHaveLength(3);
    for (const it of censored) {
      expect(it.fill).toBe('white');
      expect(it.stroke).toBe(OKABE_ITO[0]);
    }
    for (const it of measured) {
      expect(it.fill).toBe(OKABE_ITO[0]);
      expect(it.stroke).toBe(OKABE_ITO[0]);
    }
  });

  it('the tooltip of a censored point says "< LOQ" and gives the LOQ', () => {
    const values = layer(timeseriesSpec(singleSeriesInput()), 'points')!.data!.values as unknown as TimeseriesDatum[];
    const c = values.find((v) => v.censored)!;
    expect(c.statusText).toBe('< LOQ (LOQ 0,5 ng/L), ritad vid LOQ/2');
    expect(c.valueText).toBe('0,25 mg/dygn/1000 inv.');
    expect(c.dateText).toBe('lör 4 mar 2023');
    const en = layer(timeseriesSpec(singleSeriesInput('en')), 'points')!.data!.values as unknown as TimeseriesDatum[];
    expect(en.find((v) => v.censored)!.statusText).toBe('< LOQ (LOQ 0.5 ng/L), plotted at LOQ/2');
    const tooltip = layer(timeseriesSpec(singleSeriesInput()), 'points')!.encoding!.tooltip as unknown as { field: string }[];
    expect(tooltip.map((t) => t.field)).toContain('statusText');
  });

  it('joins points only within a campaign: one line per series × campaign, no segment across a gap', async () => {
    for (const input of [singleSeriesInput(), multiSeriesInput()]) {
      const { view } = await render(timeseriesSpec(input));
      const lines = findMarks(view, 'lines_marks');
      const groups = new Set(nonNull(input).map((p) => `${p.areaCode}:${p.campaign}`));
      expect(lines).toHaveLength(groups.size);
      const points = markItems(view, 'points_marks');
      for (const line of lines) {
        const items = line.items!;
        const keys = new Set(items.map((i) => `${i.datum!.areaCode}:${i.datum!.campaign}`));
        expect(keys.size).toBe(1); // one series, one campaign per path
        // geometric check: no point of another campaign of the same series lies within the path's x extent
        const [key] = keys;
        const xs = items.map((i) => i.x!);
        const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
        const others = points.filter(
          (p) => p.datum!.areaCode === items[0].datum!.areaCode && `${p.datum!.areaCode}:${p.datum!.campaign}` !== key,
        );
        for (const o of others) expect(o.x! < x0 || o.x! > x1).toBe(true);
      }
    }
  });

  it('puts several areas on one shared y scale, coloured by area with the colour-blind-safe palette', async () => {
    const input = multiSeriesInput();
    const spec = timeseriesSpec(input);
    const { vg } = await render(spec);
    const scales = (vg.scales ?? []).map((s) => s.name);
    expect(scales.filter((n) => n === 'y')).toHaveLength(1);
    const colour = vg.scales!.find((s) => s.name === 'color') as unknown as { domain: string[]; range: string[] };
    expect(colour.domain).toEqual(['Exempelstad ARV', 'Norra PS', 'Södra PS']);
    expect(colour.range).toEqual(OKABE_ITO.slice(0, 3));
    // baseline and trend are only drawn for exactly one series
    expect(layer(spec, 'baseline_rule')).toBeUndefined();
    expect(layer(spec, 'trend')).toBeUndefined();
  });

  it('draws the baseline mean as a full-width rule with its 95 % CI as a full-width band', async () => {
    const spec = timeseriesSpec(singleSeriesInput());
    const { view } = await render(spec);
    const width = view.width();
    const y = view.scale('y') as (v: number) => number;
    const [band] = markItems(view, 'baseline_band_marks');
    expect(band.x).toBe(0);
    expect(band.x2).toBe(width);
    expect(Math.min(band.y!, band.y2 as number)).toBeCloseTo(y(2.05));
    expect(Math.max(band.y!, band.y2 as number)).toBeCloseTo(y(1.05));
    const [rule] = markItems(view, 'baseline_rule_marks');
    expect(rule.y).toBeCloseTo(y(1.55));
    expect(Math.min(rule.x!, rule.x2 as number)).toBe(0);
    expect(Math.max(rule.x!, rule.x2 as number)).toBe(width);
  });

  it('draws the Sen trend line only when significant', async () => {
    const sig = timeseriesSpec(singleSeriesInput());
    expect(layer(sig, 'trend')!.data!.values.map((v) => v.value)).toEqual([1.3, 1.93]);
    const { view } = await render(sig);
    expect(findMarks(view, 'trend_marks')[0].items).toHaveLength(2);
    const input = singleSeriesInput();
    input.trend = { ...input.trend!, significant: false };
    const ns = timeseriesSpec(input);
    expect(layer(ns, 'trend')).toBeUndefined();
    expect(ns.usermeta.summary).toContain('ingen statistiskt säkerställd trend'); // DOMAIN.md: "statistiskt säkerställd", not "signifikant"/"säker"
  });

  it('draws intervention events as vertical rules with text labels', async () => {
    const spec = timeseriesSpec(singleSeriesInput());
    const { view, svg } = await render(spec);
    const rules = markItems(view, 'event_rules_marks');
    expect(rules).toHaveLength(2);
    const x = view.scale('x') as (v: number) => number;
    expect(rules[0].x).toBeCloseTo(x(Date.UTC(2023, 5, 1)));
    expect(rules[0].y).toBe(0);
    expect(rules[0].y2).toBe(view.height());
    const texts = svgTexts(svg);
    expect(texts).toContain('Informationskampanj i skolor');
    expect(texts).toContain('Polisinsats i centrum');
  });

  it('draws an event with a span as a shaded band from its first to its last day (issue 12)', async () => {
    const input = singleSeriesInput();
    input.events = [{ date: '2023-06-01', to: '2023-06-20', title: 'Skolvecka' }, { date: '2023-07-01', title: 'En dag' }];
    const { view } = await render(timeseriesSpec(input));
    const bands = markItems(view, 'event_spans_marks');
    expect(bands).toHaveLength(1); // the single day stays a rule only
    const x = view.scale('x') as (v: number) => number;
    expect(bands[0].x).toBeCloseTo(x(Date.UTC(2023, 5, 1)));
    expect((bands[0].x as number) + (bands[0].width as number)).toBeCloseTo(x(Date.UTC(2023, 5, 20)));
    expect(markItems(view, 'event_rules_marks')).toHaveLength(2);
  });

  it('formats Swedish axis labels with a decimal comma and Swedish month names; English with a point', async () => {
    const sv = await render(timeseriesSpec(singleSeriesInput('sv')));
    const svTexts = svgTexts(sv.svg);
    expect(svTexts).toContain('1,5');
    expect(svTexts.some((t) => /^\d+\.\d+$/.test(t))).toBe(false);
    expect(svTexts).toContain('maj 2023');
    expect(viewFormat(sv.view, ',.1f', 1234.5)).toBe('1\u00a0234,5');

    const en = await render(timeseriesSpec(singleSeriesInput('en')));
    const enTexts = svgTexts(en.svg);
    expect(enTexts).toContain('1.5');
    expect(enTexts.some((t) => /^\d+,\d+$/.test(t))).toBe(false);
    expect(enTexts).toContain('May 2023');
    expect(viewFormat(en.view, ',.1f', 1234.5)).toBe('1,234.5');
  });

  it('puts the unit on the y axis and the sampling date on the x axis', async () => {
    const { svg } = await render(timeseriesSpec(singleSeriesInput()));
    const texts = svgTexts(svg);
    expect(texts).toContain('mg/dygn/1000 inv.');
    expect(texts).toContain('Provtagningsdatum');
  });

  describe('time zones', () => {
    const tz = process.env.TZ;
    afterEach(() => {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });
    it('places dates on the same calendar day whatever the time zone', async () => {
      const spec = timeseriesSpec(multiSeriesInput('sv'));
      process.env.TZ = 'UTC';
      const base = await render(spec);
      const baseLabels = svgTexts(base.svg);
      for (const zone of ['America/Los_Angeles', 'Pacific/Auckland']) {
        process.env.TZ = zone;
        const r = await render(spec);
        expect(svgTexts(r.svg)).toEqual(baseLabels);
        const x = r.view.scale('x') as (v: number) => number;
        const items = markItems(r.view, 'points_marks');
        const dates = nonNull(multiSeriesInput()).map((p) => p.date);
        expect(items).toHaveLength(dates.length);
        items.forEach((p, i) => {
          const [y, m, d] = dates[i].split('-').map(Number);
          expect(p.x).toBeCloseTo(x(Date.UTC(y, m - 1, d)));
        });
      }
    });
  });

  it('gives an accessible table (one row per input point, plus baseline and events) and a one-line summary', () => {
    const input = singleSeriesInput();
    const spec = timeseriesSpec(input);
    const { table, summary } = spec.usermeta;
    // One area and one substance: said once (the caption names them), not on every row.
    expect(table.caption).toMatch(/^Kokain — Exempelstad ARV: /);
    expect(table.fixed).toEqual([{ column: 'Område', value: 'Exempelstad ARV' }, { column: 'Ämne', value: 'Kokain' }]);
    expect(table.columns).toEqual(['Datum', 'Veckodag', 'Värde (mg/dygn/1000 inv.)', 'Status', 'LOQ (ng/L)', 'Kampanj']);
    expect(table.rows).toHaveLength(input.series[0].points.length + 1 + 2);
    for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    expect(table.rows[0]).toEqual(['2023-03-01', 'onsdag', '1,2', 'Uppmätt', '0,5', '1']);
    expect(table.rows[2]).toEqual(['2023-03-03', 'fredag', '–', 'saknas', '0,5', '1']);
    expect(summary).not.toMatch(/\n/);
    expect(summary).toBe(
      'Kokain — Exempelstad ARV: 12 mätningar 2023-03-01–2024-03-08 (3 under LOQ); medelvärde 1,49 mg/dygn/1000 inv.; ' +
        'nollvärde 1,55 (95 % KI 1,05–2,05); trend: ökande (statistiskt säkerställd), +0,62 mg/dygn/1000 inv. per år (+38 % per år); 2 insatser markerade.',
    );
    expect(timeseriesSpec(singleSeriesInput('en')).usermeta.summary).toMatch(/^Cocaine — Exempelstad ARV: 12 measurements 1 Mar 2023–8 Mar 2024 \(3 below LOQ\); mean 1\.49 mg\/day\/1000 inh\./);
  });

  it('keeps the area on every row when the areas differ, and says the one substance once', () => {
    const { table } = timeseriesSpec(multiSeriesInput()).usermeta;
    expect(table.fixed).toEqual([{ column: 'Ämne', value: 'MDMA' }]);
    expect(table.columns.slice(0, 2)).toEqual(['Område', 'Datum']);
    // 3 areas × 6 days, then the event (the baseline is drawn for one series only).
    expect(table.rows).toHaveLength(3 * 6 + 1);
    expect(table.rows.map((r) => r[0]).slice(0, 18)).toEqual([...Array(6).fill('Exempelstad ARV'), ...Array(6).fill('Norra PS'), ...Array(6).fill('Södra PS')]);
    expect(table.rows[6]).toEqual(['Norra PS', '2024-03-04', 'måndag', '2', 'Uppmätt', '0,5', '1']);
    expect(table.rows[18]).toEqual(['', '2024-04-01', 'måndag', '', 'Händelse: Festival', '', '']);
  });

  it('rejects malformed dates', () => {
    const input = singleSeriesInput();
    input.series[0].points[0].date = '2023-3-1';
    expect(() => timeseriesSpec(input)).toThrow(/YYYY-MM-DD/);
  });

  it('plans calendar-aligned ticks for short and long spans', () => {
    expect(planTimeTicks(3)).toEqual({ interval: 'day', step: 1, format: '%-d %b' });
    expect(planTimeTicks(20)).toEqual({ interval: 'day', step: 3, format: '%-d %b' });
    expect(planTimeTicks(400)).toEqual({ interval: 'month', step: 2, format: '%b %Y' });
    expect(planTimeTicks(3650)).toEqual({ interval: 'year', step: 2, format: '%Y' });
  });
});
