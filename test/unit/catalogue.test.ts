import { describe, expect, it } from 'vitest';
import { aliasTable, resolveCatalogue, type CatalogueDefault } from '../../server/domain/catalogue.ts';

const DEFAULTS: CatalogueDefault[] = [
  { key: 'benzoylecgonine', correctionFactor: 2.33, doseMg: 100, sourceNote: 'Zuccato 2008', aliases: ['Bensoylekgonin', 'BE'] },
  { key: 'mdma', correctionFactor: 1.5, doseMg: 100, sourceNote: 'older', aliases: ['MDMA'] },
];
// Organisations: 1 = county, 2 and 3 its municipalities. Chains run from the organisation up.
const COUNTY = [1];
const A = [2, 1];
const B = [3, 1];

describe('the catalogue as an organisation sees it', () => {
  it('per field the nearest override wins; a child\'s override reaches neither its county nor its sibling', () => {
    const overrides = [
      { organisationId: 2, key: 'benzoylecgonine', correctionFactor: 233 },
      { organisationId: 1, key: 'benzoylecgonine', correctionFactor: 3.59, sourceNote: 'Castiglioni 2013' },
      { organisationId: 1, key: 'mdma', correctionFactor: null },
    ];
    const a = resolveCatalogue(DEFAULTS, overrides, A).get('benzoylecgonine')!;
    expect(a).toMatchObject({ correctionFactor: 233, doseMg: 100, sourceNote: 'Castiglioni 2013', from: { correctionFactor: 2, doseMg: null, sourceNote: 1, aliases: null } });
    expect(resolveCatalogue(DEFAULTS, overrides, B).get('benzoylecgonine')!.correctionFactor).toBe(3.59);
    expect(resolveCatalogue(DEFAULTS, overrides, COUNTY).get('benzoylecgonine')!.correctionFactor).toBe(3.59);
    // "No conversion here" (null) is an override, not "inherit".
    expect(resolveCatalogue(DEFAULTS, overrides, B).get('mdma')).toMatchObject({ correctionFactor: null, from: { correctionFactor: 1 } });
    // An organisation outside the chain counts for nothing.
    expect(resolveCatalogue(DEFAULTS, overrides, [3]).get('benzoylecgonine')!.correctionFactor).toBe(2.33);
  });

  it('an organisation\'s own aliases replace the inherited ones; keys always name their substance and come last', () => {
    const overrides = [{ organisationId: 3, key: 'benzoylecgonine', aliases: [] }, { organisationId: 2, key: 'mdma', aliases: ['Ecstasy', 'mdma'] }];
    const b = aliasTable(resolveCatalogue(DEFAULTS, overrides, B));
    expect(b.filter((x) => x.substance_key === 'benzoylecgonine').map((x) => x.alias)).toEqual(['benzoylecgonine']);
    const a = aliasTable(resolveCatalogue(DEFAULTS, overrides, A));
    expect(a.map((x) => x.alias)).toEqual(['Bensoylekgonin', 'BE', 'Ecstasy', 'mdma', 'benzoylecgonine', 'mdma']);
    expect(a[a.length - 1]).toEqual({ substance_key: 'mdma', alias: 'mdma' });
  });
});
