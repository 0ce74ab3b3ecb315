import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SolveTwoProportionsOptions, solveTTest, solveTwoProportions } from '../src/index.js';
import {
  approximateN,
  exactDesign,
  expectSomeResults,
  level,
  maybe,
  normalMethods,
  proportion,
  ratio,
  resultOrTypedError,
  size,
  target,
  withoutUnknown,
} from './property-inputs.js';

// Over the whole input space, valid or not: every call returns a finite, valid result or throws a
// SampleSizeError. Never NaN, never another error, never a hang.

describe('property: two proportions', () => {
  it('every call gives a finite result or a SampleSizeError (normal methods)', () => {
    fc.assert(
      fc.property(
        fc.record({
          solve: fc.constantFrom('n', 'n2', 'power', 'p2', 'h', 'alpha', 'ratio'),
          p1: proportion,
          p2: proportion,
          n1: size,
          n2: maybe(size),
          ratio: maybe(ratio),
          alpha: maybe(level),
          power: maybe(target),
          alternative: maybe(fc.constantFrom('two-sided', 'one-sided', 'greater', 'less', 'sideways')),
          method: maybe(fc.constantFrom(...normalMethods)),
          strict: maybe(fc.boolean()),
          hypothesis: maybe(fc.constantFrom('superiority', 'superiority', 'non-inferiority', 'equivalence')),
          margin: maybe(fc.double({ min: -0.05, max: 0.3, noNaN: true })),
        }),
        fc.nat(19),
        (options, coin) => {
          const o = withoutUnknown(options, coin === 0) as unknown as SolveTwoProportionsOptions;
          resultOrTypedError(() => solveTwoProportions(o) as unknown as Record<string, unknown>);
        },
      ),
      { numRuns: 1500, seed: 4 },
    );
    expectSomeResults();
  });

  // Budget for both exact-method properties: exact enumeration, about 0.5 s each quiet, 5 s beside
  // two busy loops on a loaded 2-core machine.
  it('every call gives a finite result or a SampleSizeError (exact methods, n given)', { timeout: 20_000 }, () => {
    fc.assert(
      fc.property(exactDesign(fc.constantFrom('power', 'p2', 'n2')), fc.nat(19), (options, coin) => {
        const o = withoutUnknown(options, coin === 0) as unknown as SolveTwoProportionsOptions;
        resultOrTypedError(() => solveTwoProportions(o) as unknown as Record<string, unknown>);
      }),
      { numRuns: 400, seed: 4 },
    );
    expectSomeResults();
  });

  // The exact search for n costs about n³ (n steps of an n1 · n2 enumeration): a design whose
  // normal-approximation n is 20,000 takes seconds. Here, the designs the approximation puts at
  // most 300 a group (and every refused input); the whole range, 400 runs, is in
  // properties.system.test.ts.
  it('every call gives a finite result or a SampleSizeError (exact methods, solving for n)', { timeout: 20_000 }, () => {
    fc.assert(
      fc.property(exactDesign(fc.constant('n')), fc.nat(19), (options, coin) => {
        const o = withoutUnknown(options, coin === 0) as unknown as SolveTwoProportionsOptions;
        fc.pre(approximateN(o) <= 300);
        resultOrTypedError(() => solveTwoProportions(o) as unknown as Record<string, unknown>);
      }),
      { numRuns: 150, seed: 4 },
    );
    expectSomeResults();
  });

  it('power rises with n and falls as alpha shrinks (pooled, two-sided)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 2, max: 10_000 }),
        (p1, p2, n) => {
          fc.pre(Math.abs(p1 - p2) > 1e-6);
          const at = (n1: number, alpha: number) => solveTwoProportions({ solve: 'power', p1, p2, n1, alpha }).power;
          expect(at(n + 1, 0.05)).toBeGreaterThanOrEqual(at(n, 0.05) - 1e-12);
          expect(at(n, 0.01)).toBeLessThanOrEqual(at(n, 0.05) + 1e-12);
        },
      ),
      { numRuns: 500, seed: 4 },
    );
  });
});

describe('property: t tests', () => {
  it('every call gives a finite result or a SampleSizeError', () => {
    fc.assert(
      fc.property(
        fc.record({
          solve: fc.constantFrom('n', 'n2', 'power', 'd', 'alpha'),
          d: fc.oneof(
            { arbitrary: fc.double({ min: -3, max: 3, noNaN: true }), weight: 8 },
            { arbitrary: fc.constantFrom(0, Number.NaN), weight: 1 },
          ),
          n1: size,
          n2: maybe(size),
          alpha: maybe(level),
          power: maybe(target),
          type: maybe(fc.constantFrom('two-sample', 'two-sample', 'one-sample', 'paired', 'x')),
          alternative: maybe(fc.constantFrom('two-sided', 'one-sided', 'greater', 'less')),
        }),
        fc.nat(19),
        (options, coin) => {
          const o = withoutUnknown(options, coin === 0);
          resultOrTypedError(() => solveTTest(o as never) as unknown as Record<string, unknown>);
        },
      ),
      { numRuns: 800, seed: 4 },
    );
    expectSomeResults();
  });
});
