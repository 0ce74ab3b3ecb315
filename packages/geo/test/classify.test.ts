import { describe, expect, it } from 'vitest';
import { classify, GeoError } from '../src/index.js';
import vectors from './reference/classify.json' with { type: 'json' };

describe('classify', () => {
  // Vectors from numpy, made by test/reference/classify.py.
  for (const v of vectors) {
    it(`places the ${v.inputs.scheme} breaks as ${v.source.split(':')[0]} does (${v.id})`, () => {
      const result = classify(v.inputs.values, { scheme: v.inputs.scheme as 'quantiles', k: v.inputs.k });
      expect(result.breaks).toHaveLength(v.expected.breaks.length);
      for (const [i, b] of result.breaks.entries()) expect(b).toBeCloseTo(v.expected.breaks[i] as number, 9);
      expect(Array.from(result.classOf)).toEqual(v.expected.classOf);
    });
  }

  it('puts a value equal to a break in the class the break closes', () => {
    expect(Array.from(classify([0, 5, 10], { scheme: 'equal-interval', k: 2 }).classOf)).toEqual([0, 0, 1]);
  });

  it('refuses a missing value instead of classing it', () => {
    expect(() => classify([1, Number.NaN, 3])).toThrow(GeoError);
    expect(() => classify([1, Number.NaN, 3])).toThrow('values[1] must be a finite number, got NaN');
    expect(() => classify([1, 2], { k: 0 })).toThrow(/k must be a whole number ≥ 1/);
    expect(() => classify([])).toThrow(/values/);
  });
});
