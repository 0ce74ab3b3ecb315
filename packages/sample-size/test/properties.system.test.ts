import fc from 'fast-check';
import { describe, it } from 'vitest';
import { type SolveTwoProportionsOptions, solveTwoProportions } from '../src/index.js';
import { exactDesign, expectSomeResults, resultOrTypedError, withoutUnknown } from './property-inputs.js';

// Moved here from properties.test.ts: the exact search for n over the whole range, where a valid
// design can need 20,000–100,000 a group and one call takes seconds (the unit suite keeps the
// designs the normal approximation puts at most 300 a group). Same inputs, runs and seed as
// before the move.
describe('property: two proportions, exact methods, solving for n over the whole range', () => {
  it('every call gives a finite result or a SampleSizeError, within the time the cap allows', () => {
    fc.assert(
      fc.property(exactDesign(fc.constant('n')), fc.nat(19), (options, coin) => {
        const o = withoutUnknown(options, coin === 0) as unknown as SolveTwoProportionsOptions;
        resultOrTypedError(() => solveTwoProportions(o) as unknown as Record<string, unknown>);
      }),
      { numRuns: 400, seed: 4 },
    );
    expectSomeResults();
  }, 120_000);
});
