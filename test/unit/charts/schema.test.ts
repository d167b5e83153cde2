/** The stand-in JSON-schema validator must reject what ajv would reject. */
import { describe, expect, it } from 'vitest';
import { weekdaySpec } from '../../../server/charts/weekday.ts';
import { weekdayInput } from './fixtures.ts';
import { validate, validateVegaLite } from './schema.ts';

const good = () => JSON.parse(JSON.stringify(weekdaySpec(weekdayInput()))) as Record<string, any>;

describe('validateVegaLite (mini JSON-schema validator over vega-lite-schema.json)', () => {
  it('accepts a valid spec and minimal examples', () => {
    expect(validateVegaLite(good())).toEqual([]);
    expect(validateVegaLite({ data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } })).toEqual([]);
  });

  it('rejects unknown mark types, encoding types, unknown properties and wrong value types', () => {
    const a = good();
    a.layer[0].mark.type = 'barr';
    expect(validateVegaLite(a).join()).toMatch(/not in enum|anyOf/);
    const b = good();
    b.layer[0].encoding.x = { ...b.layer[0].encoding.x, type: 'nominall' };
    expect(validateVegaLite(b)).not.toEqual([]);
    const c = good();
    c.layer[0].encoding.y.axis = { tittle: 'x' };
    expect(validateVegaLite(c).join()).toMatch(/unknown property "tittle"/);
    const d = good();
    d.config.axis.labelFontSize = '13px';
    expect(validateVegaLite(d).join()).toMatch(/labelFontSize/);
    const e = good();
    e.layer[0].mark.opacity = 3;
    expect(validateVegaLite(e).join()).toMatch(/maximum/);
  });

  it('handles the basic keywords', () => {
    expect(validate(1, { type: 'string' })).toHaveLength(1);
    expect(validate([1, 2], { type: 'array', maxItems: 1 })).toHaveLength(1);
    expect(validate({ a: 1 }, { type: 'object', required: ['b'] })).toHaveLength(1);
    expect(validate('x', { anyOf: [{ type: 'number' }, { const: 'x' }] })).toEqual([]);
    expect(() => validate(1, { oneOf: [] })).toThrow(/Unsupported/);
  });
});
