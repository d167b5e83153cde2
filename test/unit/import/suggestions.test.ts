import { describe, expect, it } from 'vitest';
import { closestNames, SUGGESTION_MAX_DISTANCE } from '../../../server/domain/text.ts';

/**
 * Distances by hand (Levenshtein on the normalised names, over the longer length):
 * "okand ps" → "norrby ps": 5 edits / 9 = 0.56; "okant amne x" → "ketamin": 8 / 12 = 0.67;
 * "exs nrr" → "exs nor": 1 / 7 = 0.14, → "exs arv": 2 / 7 = 0.29; "bensoylekgonin" → "benzoylecgonine": 3 / 15 = 0.2.
 */
describe('alias suggestions only above a similarity threshold', () => {
  const areas = ['EXS-ARV', 'EXS-NOR', 'Norrby PS', 'Centrum ARV'];
  it('offers nothing for a name that merely shares a word or a few letters', () => {
    expect(SUGGESTION_MAX_DISTANCE).toBe(0.4);
    expect(closestNames('OKÄND-PS', areas)).toEqual([]);
    expect(closestNames('Okänt ämne X', ['Ketamin', 'Kokain', 'MDMA'])).toEqual([]);
    expect(closestNames('PS', areas)).toEqual([]);
  });
  it('offers close spellings, best first', () => {
    expect(closestNames('EXS NRR', areas)).toEqual(['EXS-NOR', 'EXS-ARV']); // 1/7 = 0.14, then 2/7 = 0.29
    expect(closestNames('exs-arv', areas)).toEqual(['EXS-ARV']);
    expect(closestNames('Bensoylekgonin', ['Benzoylecgonine', 'Kokain'])).toEqual(['Benzoylecgonine']);
    expect(closestNames('Norrby', areas)).toEqual(['Norrby PS']);
  });
});
