import { describe, expect, it } from 'vitest';
import { cohensH, SampleSizeError } from '../src/index.js';
import vectors from './reference/es-h.json' with { type: 'json' };

describe('cohensH', () => {
  // Vectors from R's pwr::ES.h, made by test/reference/es-h.R.
  for (const v of vectors) {
    it(`matches ${v.source}`, () => {
      expect(cohensH(v.inputs.p1, v.inputs.p2)).toBeCloseTo(v.expected.h, 13);
    });
  }

  it('is antisymmetric: swapping the proportions flips the sign', () => {
    expect(cohensH(0.3, 0.7)).toBe(-cohensH(0.7, 0.3));
  });

  it('rejects a proportion outside [0, 1] with an error naming the argument', () => {
    expect(() => cohensH(1.2, 0.5)).toThrow(SampleSizeError);
    expect(() => cohensH(1.2, 0.5)).toThrow('p1 must be in [0, 1], got 1.2');
    expect(() => cohensH(0.5, Number.NaN)).toThrow(/p2/);
  });
});
