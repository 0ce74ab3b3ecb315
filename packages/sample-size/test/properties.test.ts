import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SampleSizeError, type SolveTwoProportionsOptions, solveTTest, solveTwoProportions } from '../src/index.js';

// Over the whole input space, valid or not: every call returns a finite, valid result or throws a
// SampleSizeError. Never NaN, never another error, never a hang.

const normalMethods = ['pooled', 'unpooled', 'arcsine', 'fleiss-cc', 'evan-miller', 'bogus'] as const;

// Mostly valid values, sometimes edge cases and garbage.
const weird = fc.constantFrom(0, 1, 1e-12, 1 - 1e-12, Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5);
const proportion = fc.oneof(
  { arbitrary: fc.double({ min: 0.001, max: 0.999, noNaN: true }), weight: 8 },
  { arbitrary: weird, weight: 1 },
);
const level = fc.oneof(
  { arbitrary: fc.double({ min: 0.001, max: 0.5, noNaN: true }), weight: 8 },
  { arbitrary: weird, weight: 1 },
);
const target = fc.oneof(
  { arbitrary: fc.double({ min: 0.2, max: 0.99, noNaN: true }), weight: 8 },
  { arbitrary: weird, weight: 1 },
);
const size = fc.oneof(
  { arbitrary: fc.integer({ min: 2, max: 20_000 }), weight: 6 },
  { arbitrary: fc.double({ min: 2, max: 1e5, noNaN: true }), weight: 2 },
  { arbitrary: fc.constantFrom(0, 1, -5, Number.NaN, 1e9), weight: 1 },
);
const ratio = fc.oneof(
  { arbitrary: fc.double({ min: 0.1, max: 10, noNaN: true }), weight: 8 },
  { arbitrary: fc.constantFrom(0, -1, Number.NaN), weight: 1 },
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });

/** Leaves out what is solved for (and, now and then, keeps it to provoke a conflict). */
function withoutUnknown(options: Record<string, unknown>, keep: boolean): Record<string, unknown> {
  if (keep) return options;
  const o = { ...options };
  const solve = o.solve;
  if (solve === 'n') {
    delete o.n1;
    delete o.n2;
  }
  if (solve === 'n2' || solve === 'ratio') {
    delete o.n2;
    if (solve === 'ratio') delete o.ratio;
  }
  if (solve === 'p2' || solve === 'h') delete o.p2;
  if (solve === 'h') delete o.p1;
  if (solve === 'd') delete o.d;
  if (solve === 'alpha') delete o.alpha;
  if (solve === 'power') delete o.power;
  if (o.n2 !== undefined) delete o.ratio;
  return o;
}

function checkResult(r: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(r)) {
    if (typeof value === 'number') expect(Number.isFinite(value), `${key} = ${value}`).toBe(true);
  }
  expect(r.power as number).toBeGreaterThanOrEqual(0);
  expect(r.power as number).toBeLessThanOrEqual(1);
  expect(r.n1 as number).toBeGreaterThanOrEqual(1);
  expect(r.n2 as number).toBeGreaterThanOrEqual(1);
  if (r.p2 !== null && r.p2 !== undefined) {
    expect(r.p2 as number).toBeGreaterThanOrEqual(0);
    expect(r.p2 as number).toBeLessThanOrEqual(1);
  }
  if (typeof r.alpha === 'number') expect(r.alpha > 0 && r.alpha < 1).toBe(true);
}

const tally = { results: 0, errors: 0 };

function resultOrTypedError(call: () => Record<string, unknown>): void {
  try {
    checkResult(call());
    tally.results++;
  } catch (error) {
    if (!(error instanceof SampleSizeError)) throw error;
    expect(error.message.length).toBeGreaterThan(5);
    expect(error.argument).toBeTypeOf('string');
    tally.errors++;
  }
}

/** The generators must reach valid designs too, or the property says little. */
function expectSomeResults(): void {
  expect(tally.results).toBeGreaterThan(0.05 * (tally.results + tally.errors));
  tally.results = 0;
  tally.errors = 0;
}

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

  it('every call gives a finite result or a SampleSizeError (exact methods, small n)', () => {
    fc.assert(
      fc.property(
        fc.record({
          solve: fc.constantFrom('power', 'p2', 'n2', 'n'),
          p1: proportion,
          // Exact searches for n cost n1 · n2 per step: keep effects large enough for small n.
          p2: fc.oneof(fc.constantFrom(0, 1, 0.95, 0.05), proportion),
          n1: fc.integer({ min: 0, max: 40 }),
          alpha: maybe(level),
          power: maybe(target),
          alternative: maybe(fc.constantFrom('two-sided', 'one-sided', 'greater', 'less')),
          method: fc.constantFrom('exact-z', 'exact-fisher'),
          strict: maybe(fc.boolean()),
        }),
        fc.nat(19),
        (options, coin) => {
          const o = withoutUnknown(options, coin === 0) as unknown as SolveTwoProportionsOptions;
          resultOrTypedError(() => solveTwoProportions(o) as unknown as Record<string, unknown>);
        },
      ),
      { numRuns: 400, seed: 4 },
    );
    expectSomeResults();
  }, 30_000);

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
