import fc from 'fast-check';
import { expect } from 'vitest';
import { SampleSizeError, type SolveTwoProportionsOptions, solveTwoProportions } from '../src/index.js';

// The inputs and checks of the property tests (properties.test.ts, and the whole-range exact
// search in properties.system.test.ts).
export const normalMethods = ['pooled', 'unpooled', 'arcsine', 'fleiss-cc', 'evan-miller', 'bogus'] as const;

// Mostly valid values, sometimes edge cases and garbage.
export const weird = fc.constantFrom(0, 1, 1e-12, 1 - 1e-12, Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5);
export const proportion = fc.oneof(
  { arbitrary: fc.double({ min: 0.001, max: 0.999, noNaN: true }), weight: 8 },
  { arbitrary: weird, weight: 1 },
);
export const level = fc.oneof(
  { arbitrary: fc.double({ min: 0.001, max: 0.5, noNaN: true }), weight: 8 },
  { arbitrary: weird, weight: 1 },
);
export const target = fc.oneof(
  { arbitrary: fc.double({ min: 0.2, max: 0.99, noNaN: true }), weight: 8 },
  { arbitrary: weird, weight: 1 },
);
export const size = fc.oneof(
  { arbitrary: fc.integer({ min: 2, max: 20_000 }), weight: 6 },
  { arbitrary: fc.double({ min: 2, max: 1e5, noNaN: true }), weight: 2 },
  { arbitrary: fc.constantFrom(0, 1, -5, Number.NaN, 1e9), weight: 1 },
);
export const ratio = fc.oneof(
  { arbitrary: fc.double({ min: 0.1, max: 10, noNaN: true }), weight: 8 },
  { arbitrary: fc.constantFrom(0, -1, Number.NaN), weight: 1 },
);
export const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });

/** Leaves out what is solved for (and, now and then, keeps it to provoke a conflict). */
export function withoutUnknown(options: Record<string, unknown>, keep: boolean): Record<string, unknown> {
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

export function checkResult(r: Record<string, unknown>): void {
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

export const tally = { results: 0, errors: 0 };

export function resultOrTypedError(call: () => Record<string, unknown>): void {
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
export function expectSomeResults(): void {
  expect(tally.results).toBeGreaterThan(0.05 * (tally.results + tally.errors));
  tally.results = 0;
  tally.errors = 0;
}

/** Exact-method designs with small groups (n1 ≤ 40), valid or not. */
export function exactDesign(solve: fc.Arbitrary<string>) {
  return fc.record({
    solve,
    p1: proportion,
    // Exact searches for n cost n1 · n2 per step: keep effects large enough for small n.
    p2: fc.oneof(fc.constantFrom(0, 1, 0.95, 0.05), proportion),
    n1: fc.integer({ min: 0, max: 40 }),
    alpha: maybe(level),
    power: maybe(target),
    alternative: maybe(fc.constantFrom('two-sided', 'one-sided', 'greater', 'less')),
    method: fc.constantFrom('exact-z', 'exact-fisher'),
    strict: maybe(fc.boolean()),
  });
}

/**
 * The per-group n the normal approximation (pooled) gives for the same design: 0 when it refuses
 * the input (the exact call must refuse it too, cheaply), Infinity when no n reaches the power
 * (the exact search then scans to its horizon of 400: slow).
 */
export function approximateN(o: SolveTwoProportionsOptions): number {
  try {
    return solveTwoProportions({ ...o, method: 'pooled', strict: false } as SolveTwoProportionsOptions).n1;
  } catch (error) {
    if (error instanceof SampleSizeError && error.code !== 'no-solution') return 0;
    return Number.POSITIVE_INFINITY;
  }
}
