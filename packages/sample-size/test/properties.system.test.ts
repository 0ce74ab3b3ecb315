import fc from 'fast-check';
import { describe, it } from 'vitest';
import { type SolveTwoProportionsOptions, solveTwoProportions } from '../src/index.js';
import { exactDesign, expectSomeResults, resultOrTypedError, withoutUnknown } from './property-inputs.js';

// Moved here from properties.test.ts, as it was there (same inputs, 400 runs, seed 4): exact
// methods over the whole range, where solving for n can need 20,000–100,000 a group and one call
// takes seconds. The unit suite keeps the same inputs with n given (400 runs) and, solving for n,
// the designs the normal approximation puts at most 300 a group (150 runs).
describe('property: two proportions, exact methods over the whole range', () => {
  it('every call gives a finite result or a SampleSizeError, within the time the cap allows', () => {
    fc.assert(
      fc.property(exactDesign(fc.constantFrom('power', 'p2', 'n2', 'n')), fc.nat(19), (options, coin) => {
        const o = withoutUnknown(options, coin === 0) as unknown as SolveTwoProportionsOptions;
        resultOrTypedError(() => solveTwoProportions(o) as unknown as Record<string, unknown>);
      }),
      { numRuns: 400, seed: 4 },
    );
    expectSomeResults();
    // About 5 s quiet, 19 s beside two busy loops on a loaded 2-core machine.
  }, 120_000);
});
