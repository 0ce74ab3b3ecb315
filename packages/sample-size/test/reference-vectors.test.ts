import { describe, expect, it } from 'vitest';
import { type SolveTwoProportionsOptions, solveTwoProportions, type TwoProportionsResult } from '../src/index.js';
import fromR from './reference/proportions-r.json' with { type: 'json' };
import fromStatsmodels from './reference/proportions-statsmodels.json' with { type: 'json' };

interface Vector {
  id: string;
  source: string;
  inputs: Record<string, unknown>;
  expected: Record<string, number>;
  tolerance: number;
}

/** Relative closeness, with an absolute floor for values at or near zero. */
function expectClose(actual: number, expected: number, rtol: number): void {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rtol * Math.abs(expected) + 1e-14);
}

function checkVectors(vectors: Vector[]): void {
  for (const v of vectors) {
    it(`${v.id}: ${v.source}`, () => {
      const result = solveTwoProportions(v.inputs as unknown as SolveTwoProportionsOptions);
      for (const [key, value] of Object.entries(v.expected)) {
        expectClose(result[key as keyof TwoProportionsResult] as number, value, v.tolerance);
      }
    });
  }
}

describe('two proportions against R (power.prop.test, pwr, fisher.test and prop.test enumeration)', () => {
  checkVectors(fromR as unknown as Vector[]);
});

describe('two proportions against statsmodels (NormalIndPower, power_proportions_2indep, samplesize_proportions_2indep_onetail)', () => {
  checkVectors(fromStatsmodels as unknown as Vector[]);
});
