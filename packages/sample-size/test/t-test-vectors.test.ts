import { describe, expect, it } from 'vitest';
import { type SolveTTestOptions, solveTTest, type TTestResult } from '../src/index.js';
import vectors from './reference/t-tests-r.json' with { type: 'json' };

interface Vector {
  id: string;
  source: string;
  inputs: Record<string, unknown>;
  expected: Record<string, number>;
  tolerance: number;
}

describe('t tests against R (pwr.t.test, pwr.t2n.test; noncentral t as R pt)', () => {
  for (const v of vectors as unknown as Vector[]) {
    it(`${v.id}: ${v.source}`, () => {
      const result = solveTTest(v.inputs as unknown as SolveTTestOptions);
      for (const [key, value] of Object.entries(v.expected)) {
        const actual = result[key as keyof TTestResult] as number;
        expect(Math.abs(actual - value)).toBeLessThanOrEqual(v.tolerance * Math.abs(value) + 1e-14);
      }
    });
  }
});
