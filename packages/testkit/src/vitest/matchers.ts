import { expect } from 'vitest';
import { type AllCloseOptions, assertAllClose, type Numeric } from '../all-close.js';
import { TestkitError } from '../errors.js';
import { type GeometryEqualOptions, geometryEqual } from '../geometry-equal.js';
import { type RecordsEqualOptions, type Row, recordsEqual } from '../records-equal.js';

interface MatcherOutcome {
  pass: boolean;
  message: () => string;
}

/**
 * `expect(actual).toBeAllClose(expected, { rtol, atol, equalNaN })`: `assertAllClose` as a
 * matcher (its report on failure; `.not` passes when some element is not close).
 *
 * @example
 * import { toBeAllClose } from '@ds/testkit/vitest';
 * toBeAllClose([1, 2], [1, 2.0000001]).pass; // => true
 */
export function toBeAllClose(actual: unknown, expected: Numeric, options?: AllCloseOptions): MatcherOutcome {
  try {
    assertAllClose(actual as Numeric, expected, options);
    return { pass: true, message: () => `expected ${preview(actual)} not to be close to ${preview(expected)}` };
  } catch (e) {
    if (e instanceof TestkitError) throw e;
    const text = (e as Error).message;
    return { pass: false, message: () => text };
  }
}

/**
 * `expect(rows).toEqualRecords(expected, options)`: `recordsEqual` as a matcher, its message on failure.
 *
 * @example
 * import { toEqualRecords } from '@ds/testkit/vitest';
 * toEqualRecords([{ a: 1 }], [{ a: 2 }]).pass; // => false
 */
export function toEqualRecords(actual: unknown, expected: readonly Row[], options?: RecordsEqualOptions): MatcherOutcome {
  const result = recordsEqual(actual as Row[], expected, options);
  return {
    pass: result.equal,
    message: () => (result.equal ? 'expected the records to differ, they are equal' : `records differ:\n${result.message}`),
  };
}

/**
 * `expect(geojson).toEqualGeometry(expected, options)`: `geometryEqual` as a matcher.
 *
 * @example
 * import { toEqualGeometry } from '@ds/testkit/vitest';
 * toEqualGeometry({ type: 'Point', coordinates: [1, 2] }, { type: 'Point', coordinates: [1, 2] }).pass; // => true
 */
export function toEqualGeometry(actual: unknown, expected: unknown, options?: GeometryEqualOptions): MatcherOutcome {
  const result = geometryEqual(actual, expected, options);
  return {
    pass: result.equal,
    message: () =>
      result.equal ? 'expected the geometries to differ, they are equal' : `geometries differ at ${result.message}`,
  };
}

/**
 * The matchers as an object for `expect.extend`; importing `@ds/testkit/vitest` already
 * registers them, so this is only needed with a different `expect`.
 *
 * @example
 * import { matchers } from '@ds/testkit/vitest';
 * Object.keys(matchers); // => ['toBeAllClose', 'toEqualRecords', 'toEqualGeometry']
 */
export const matchers = { toBeAllClose, toEqualRecords, toEqualGeometry };

expect.extend(matchers);

function preview(x: unknown): string {
  const s = ArrayBuffer.isView(x) ? `${x.constructor.name}(${(x as unknown as ArrayLike<number>).length})` : JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** The matchers' signatures, added to Vitest's `expect(…)` for every file importing `@ds/testkit/vitest`. */
export interface TestkitMatchers<R = unknown> {
  /** Element-wise |a − e| ≤ atol + rtol·|e| (numpy); see `assertAllClose`. */
  toBeAllClose(expected: Numeric, options?: AllCloseOptions): R;
  /** Tables as arrays of rows, as pandas' `assert_frame_equal`; see `recordsEqual`. */
  toEqualRecords(expected: readonly Row[], options?: RecordsEqualOptions): R;
  /** GeoJSON by shape within a coordinate tolerance; see `geometryEqual`. */
  toEqualGeometry(expected: unknown, options?: GeometryEqualOptions): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must match Vitest's own declaration.
  interface Matchers<T = any> extends TestkitMatchers<T> {}
}
