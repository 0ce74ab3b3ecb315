import fc from 'fast-check';
import { checkOptions } from '../check.js';
import { TestkitError } from '../errors.js';

/** Options of `proportion`. */
export interface ProportionOptions {
  /** Lower bound, excluded. Default 0. */
  min?: number;
  /** Upper bound, excluded. Default 1. */
  max?: number;
}

/**
 * A fast-check arbitrary of proportions strictly inside (min, max) ⊆ (0, 1) (default (0, 1)),
 * never NaN; shrinks towards `min`.
 *
 * @example
 * import fc from 'fast-check';
 * import { proportion } from '@ds/testkit/arbitraries';
 * fc.sample(proportion(), { numRuns: 100, seed: 1 }).every((p) => p > 0 && p < 1); // => true
 */
export function proportion(options: ProportionOptions = {}): fc.Arbitrary<number> {
  const { min = 0, max = 1 } = checkOptions<ProportionOptions>('options', options);
  if (typeof min !== 'number') throw new TestkitError('invalid-type', 'min', min, 'a number in [0, 1)');
  if (typeof max !== 'number') throw new TestkitError('invalid-type', 'max', max, 'a number in (min, 1]');
  if (!(min >= 0 && min < 1)) throw new TestkitError('out-of-range', 'min', min, 'in [0, 1)');
  if (!(max > min && max <= 1)) throw new TestkitError('out-of-range', 'max', max, `in (min, 1] = (${min}, 1]`);
  return fc.double({ min, max, minExcluded: true, maxExcluded: true, noNaN: true });
}
