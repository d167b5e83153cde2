import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestPopulation, smallestPopulation, withheldAreas } from '../../server/usecases/scope.ts';

const MIN = 5000;
type Area = { code: string; parent: string | null; smallestPopulation: number | null };

/**
 * Random area trees: each area's parent is an earlier area or none; leaves get a population (or
 * none), a parent the sum of its children (unknown if any is) — a roll-up's figures are its children's.
 */
const trees = fc.array(fc.record({ parentPick: fc.nat(), hasParent: fc.boolean(), pop: fc.option(fc.integer({ min: 0, max: 20_000 }), { freq: 8 }) }), { minLength: 1, maxLength: 12 })
  .map((spec) => {
    const areas: Area[] = spec.map((s, i) => ({ code: `A${i}`, parent: i > 0 && s.hasParent ? `A${s.parentPick % i}` : null, smallestPopulation: s.pop }));
    const kids = (c: string) => areas.filter((a) => a.parent === c);
    const sum = (a: Area): number | null => {
      const k = kids(a.code);
      if (k.length === 0) return a.smallestPopulation;
      let total = 0;
      for (const c of k) {
        const p = sum(c);
        if (p == null) return null;
        total += p;
      }
      return total;
    };
    return areas.map((a) => ({ ...a, smallestPopulation: sum(a) }));
  });

/**
 * The strongest differencing attack on a shown area P: subtract every shown descendant that is
 * not inside another subtracted one. What remains is the withheld leaves reached through withheld
 * areas only; returns their populations.
 */
function residual(areas: Area[], withheld: Set<string>, code: string): (number | null)[] {
  const out: (number | null)[] = [];
  const walk = (c: string) => {
    const kids = areas.filter((a) => a.parent === c);
    for (const k of kids) {
      if (!withheld.has(k.code)) continue; // shown: subtracted whole
      const grand = areas.filter((a) => a.parent === k.code);
      if (grand.length === 0) out.push(k.smallestPopulation);
      else walk(k.code);
    }
  };
  walk(code);
  return out;
}

describe('small-area suppression that composes', () => {
  it('withholds unknown populations and any area that was ever small by any source', () => {
    expect(withheldAreas([{ code: 'X', parent: null, smallestPopulation: null }], MIN)).toEqual(new Set(['X']));
    // Grew from 3 000 to 9 000: the registry history's smallest counts.
    expect(smallestPopulation([3000, 9000], undefined)).toBe(3000);
    // A lab file said 1 500 where the registry has none.
    expect(smallestPopulation([], 1500)).toBe(1500);
    expect(smallestPopulation([], undefined)).toBeNull();
  });

  it('the findings: a parent with one small child, and parent minus a public sibling', () => {
    const only = withheldAreas([{ code: 'P', parent: null, smallestPopulation: 6000 }, { code: 'TINY', parent: 'P', smallestPopulation: 2000 }], MIN);
    expect([...only].sort()).toEqual(['P', 'TINY']);
    const sib = withheldAreas([
      { code: 'P', parent: null, smallestPopulation: 26000 }, { code: 'BIG', parent: 'P', smallestPopulation: 24000 }, { code: 'TINY', parent: 'P', smallestPopulation: 2000 },
    ], MIN);
    expect([...sib].sort()).toEqual(['P', 'TINY']);
    // Two small children of 3 000 together hide 6 000 people: the parent may be shown.
    const two = withheldAreas([
      { code: 'P', parent: null, smallestPopulation: 30000 }, { code: 'BIG', parent: 'P', smallestPopulation: 24000 },
      { code: 'S1', parent: 'P', smallestPopulation: 3000 }, { code: 'S2', parent: 'P', smallestPopulation: 3000 },
    ], MIN);
    expect([...two].sort()).toEqual(['S1', 'S2']);
    // Nested: P − BIG = C; C − G2 = G1. C is withheld (its small G1), so P must be too.
    const nested = withheldAreas([
      { code: 'P', parent: null, smallestPopulation: 34000 }, { code: 'BIG', parent: 'P', smallestPopulation: 24000 },
      { code: 'C', parent: 'P', smallestPopulation: 10000 }, { code: 'G1', parent: 'C', smallestPopulation: 1000 }, { code: 'G2', parent: 'C', smallestPopulation: 9000 },
    ], MIN);
    expect([...nested].sort()).toEqual(['C', 'G1', 'P']);
    // A parent measured at its own inlet: minus its shown child it leaves the small child and 8 500
    // people in neither, 15 000 in all: shown. As a roll-up (no own data) it would be withheld.
    const inlet = [
      { code: 'ARV', parent: null, smallestPopulation: 24000, ownData: true }, { code: 'CEN', parent: 'ARV', smallestPopulation: 9000, ownData: true },
      { code: 'NOR', parent: 'ARV', smallestPopulation: 6500, ownData: true },
    ];
    expect([...withheldAreas(inlet, 7000)]).toEqual(['NOR']);
    expect([...withheldAreas(inlet.map((a) => (a.code === 'ARV' ? { ...a, ownData: false } : a)), 7000)].sort()).toEqual(['ARV', 'NOR']);
  });

  it('property: no shown area is small, and no subtraction of shown areas isolates fewer than MIN withheld people', () => {
    fc.assert(fc.property(trees, (areas) => {
      const withheld = withheldAreas(areas, MIN);
      for (const a of areas) {
        if (withheld.has(a.code)) continue;
        expect(a.smallestPopulation).not.toBeNull();
        expect(a.smallestPopulation!).toBeGreaterThanOrEqual(MIN);
        const rest = residual(areas, withheld, a.code);
        if (rest.length === 0) continue;
        expect(rest.every((p) => p != null)).toBe(true);
        const total = rest.reduce((s: number, p) => s + p!, 0);
        expect(total === 0 || total >= MIN).toBe(true);
      }
    }), { numRuns: 2000 });
  });

  it('property: two shown siblings never differ by exactly a withheld area (sibling differencing)', () => {
    fc.assert(fc.property(trees, (areas) => {
      const withheld = withheldAreas(areas, MIN);
      const shown = areas.filter((a) => !withheld.has(a.code));
      for (const p of shown) {
        const kids = areas.filter((a) => a.parent === p.code);
        const shownKids = kids.filter((k) => !withheld.has(k.code));
        const hiddenKids = kids.filter((k) => withheld.has(k.code));
        // P − Σ shown kids = Σ hidden kids, which must be empty or cover at least MIN people.
        if (hiddenKids.length === 0) continue;
        expect(shownKids.length + hiddenKids.length).toBe(kids.length);
        const hidden = hiddenKids.reduce((s, k) => s + (k.smallestPopulation ?? Number.NaN), 0);
        expect(hidden).toBeGreaterThanOrEqual(MIN);
      }
    }), { numRuns: 2000 });
  });
});

/**
 * Issue 16 asks for suppression "decided per date". DOMAIN.md ("Ethics and privacy") and API.md
 * speak of areas ("areas under MIN_PUBLIC_POPULATION are invisible to viewers"), so the decision
 * stays per area, made on each area's smallest population over all dates and sources. These
 * properties check that this per-area decision is safe on every single date: nothing a viewer sees
 * on a date is small on that date, and no subtraction of what is shown isolates fewer than MIN
 * people on that date — in particular an area that grew past the threshold never shows its small
 * past, directly or by differencing.
 */
describe('per-area suppression is safe on every date (populations that change over time)', () => {
  const DATES = 4;
  type Dated = { code: string; parent: string | null; ownData: boolean; pops: (number | null)[] };
  // Leaves get a population per date (some grow past MIN, some shrink below it, some unknown on a
  // date). A parent is either a roll-up (its population on a date is the sum of its children's) or
  // measured at its own inlet (ownData): its catchment is its children plus people in neither, a
  // number that also changes over the dates, so that a child may grow while its parent stays.
  const datedTrees = fc.array(fc.record({
    parentPick: fc.nat(), hasParent: fc.boolean(), ownData: fc.boolean(),
    pops: fc.array(fc.option(fc.integer({ min: 0, max: 20_000 }), { freq: 10 }), { minLength: DATES, maxLength: DATES }),
  }), { minLength: 1, maxLength: 10 }).map((spec): Dated[] => {
    const areas = spec.map((s, i) => ({ code: `A${i}`, parent: i > 0 && s.hasParent ? `A${s.parentPick % i}` : null, ownData: s.ownData, pops: s.pops as (number | null)[] }));
    const kids = (c: string) => areas.filter((a) => a.parent === c);
    const on = (a: (typeof areas)[number], d: number): number | null => {
      const k = kids(a.code);
      if (k.length === 0) return a.pops[d];
      let total = a.ownData ? a.pops[d] : 0; // the people in none of its children
      if (total == null) return null;
      for (const c of k) {
        const p = on(c, d);
        if (p == null) return null;
        total += p;
      }
      return total;
    };
    // A leaf's figures are its own measurements (ownData); a parent's as drawn.
    return areas.map((a) => ({ code: a.code, parent: a.parent, ownData: a.ownData || kids(a.code).length === 0, pops: Array.from({ length: DATES }, (_, d) => on(a, d)) }));
  });

  const decide = (areas: { code: string; parent: string | null; ownData?: boolean; pops: (number | null)[] }[]) => withheldAreas(areas.map((a) => {
    // Unknown on any date = unknown (small); else the smallest and the largest over the dates.
    const known = a.pops.some((p) => p == null) ? null : (a.pops as number[]);
    return {
      code: a.code, parent: a.parent, ownData: a.ownData ?? false,
      smallestPopulation: known && smallestPopulation(known, undefined), largestPopulation: known && largestPopulation(known, undefined),
    };
  }), MIN);

  /**
   * The finest difference a viewer can take on date d from a shown area: its figures minus those of
   * every shown area below it that is not inside another subtracted one (the shown areas below it
   * reached through withheld ones only). Returns the people left (null if unknown), or undefined
   * when no withheld area is among them (nothing withheld to isolate).
   */
  function datedResidual(areas: Dated[], withheld: Set<string>, code: string, d: number): number | null | undefined {
    const kids = (c: string) => areas.filter((a) => a.parent === c);
    if (!kids(code).some((k) => withheld.has(k.code))) return undefined;
    const subtracted: Dated[] = [];
    const walk = (c: string) => {
      for (const k of kids(c)) {
        if (!withheld.has(k.code)) subtracted.push(k);
        else walk(k.code);
      }
    };
    walk(code);
    const whole = areas.find((a) => a.code === code)!.pops[d];
    if (whole == null || subtracted.some((s) => s.pops[d] == null)) return null;
    return subtracted.reduce((rest, s) => rest - s.pops[d]!, whole);
  }

  it('property: on every date, no shown area is small and no differencing isolates fewer than MIN people (roll-ups and parents measured at their inlet)', () => {
    fc.assert(fc.property(datedTrees, (areas) => {
      const withheld = decide(areas);
      for (let d = 0; d < DATES; d++) {
        for (const a of areas) {
          if (withheld.has(a.code)) continue;
          expect(a.pops[d]).not.toBeNull();
          expect(a.pops[d]!).toBeGreaterThanOrEqual(MIN);
          const rest = datedResidual(areas, withheld, a.code, d);
          if (rest === undefined) continue;
          expect(rest).not.toBeNull();
          expect(rest === 0 || rest! >= MIN, `${a.code} on date ${d} leaves ${rest} people: ${JSON.stringify(areas)}`).toBe(true);
        }
      }
    }), { numRuns: 3000 });
  });

  it('a parent measured at its own inlet whose shown child grew: parent minus child on the later date would isolate 4 000 people', () => {
    // ARV 24 000 on both dates; CEN (shown) 9 000 then 20 000; NOR (withheld) 3 000. On date 2
    // ARV − CEN = 4 000 (NOR and 1 000 in neither): ARV is withheld, though ARV − CEN's smallest is 15 000.
    const areas = [
      { code: 'ARV', parent: null, ownData: true, pops: [24000, 24000] }, { code: 'CEN', parent: 'ARV', ownData: true, pops: [9000, 20000] },
      { code: 'NOR', parent: 'ARV', ownData: true, pops: [3000, 3000] },
    ];
    expect([...decide(areas)].sort()).toEqual(['ARV', 'NOR']);
    // CEN steady at 9 000: ARV − CEN = 15 000 on both dates, ARV shown.
    expect([...decide(areas.map((a) => (a.code === 'CEN' ? { ...a, pops: [9000, 9000] } : a)))]).toEqual(['NOR']);
  });

  it('a parent measured at its own inlet over a withheld child with a shown grandchild: the grandchild is subtracted too', () => {
    // ARV (own) = CEN 9 000 + W 14 000 + 1 000 in neither. W (own) = G 12 000 (shown) + T 2 000: W is withheld.
    // ARV − CEN = 15 000, but ARV − CEN − G = 3 000 (T and the 1 000): ARV must be withheld.
    const areas = [
      { code: 'ARV', parent: null, ownData: true, pops: [24000] }, { code: 'CEN', parent: 'ARV', ownData: true, pops: [9000] },
      { code: 'W', parent: 'ARV', ownData: true, pops: [14000] }, { code: 'G', parent: 'W', ownData: true, pops: [12000] }, { code: 'T', parent: 'W', ownData: true, pops: [2000] },
    ];
    expect([...decide(areas)].sort()).toEqual(['ARV', 'T', 'W']);
  });

  it('an area that grew past the threshold: its small past is never shown, nor recoverable from its parent and a public sibling', () => {
    // GREW: 3 000 on date 0, 9 000 from date 1. BIG: 24 000 throughout. P = GREW + BIG.
    const areas = [
      { code: 'P', parent: null, pops: [27000, 33000] }, { code: 'BIG', parent: 'P', pops: [24000, 24000] }, { code: 'GREW', parent: 'P', pops: [3000, 9000] },
    ];
    const withheld = decide(areas);
    expect(withheld.has('GREW')).toBe(true);
    // P − BIG would give GREW on date 0 (3 000 people): P is withheld too.
    expect([...withheld].sort()).toEqual(['GREW', 'P']);
    // With a second withheld child, P − BIG covers 3 000 + 4 000 ≥ MIN on every date: P may be shown.
    const two = decide([...areas.map((a) => (a.code === 'P' ? { ...a, pops: [31000, 37000] } : a)), { code: 'OTHER', parent: 'P', pops: [4000, 4000] }]);
    expect([...two].sort()).toEqual(['GREW', 'OTHER']);
  });
});
