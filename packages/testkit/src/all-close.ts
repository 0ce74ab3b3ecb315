import { checkOptions } from './check.js';
import { TestkitError } from './errors.js';

/** Tolerances, as numpy's `allclose`. */
export interface AllCloseOptions {
  /** Relative tolerance, applied to |expected|. Default 1e-7 (numpy.testing.assert_allclose). */
  rtol?: number;
  /** Absolute tolerance. Default 0. */
  atol?: number;
  /** Count NaN as equal to NaN. Default `true` (numpy.testing.assert_allclose). */
  equalNaN?: boolean;
}

/** A number, or arrays (nested, typed) of numbers. */
export type Numeric = number | ArrayLike<Numeric> | readonly Numeric[];

/**
 * Whether `actual` is close to `expected` element by element: |a − e| ≤ atol + rtol·|e|, the test
 * numpy uses (note it is not symmetric: the tolerance scales with `expected`). Numbers, arrays,
 * nested arrays and typed arrays are compared; shapes must match. Infinities are close only to
 * the same infinity. NaN is close to NaN when `equalNaN` (the default), never to a number.
 *
 * @throws {TestkitError} for a negative or non-finite tolerance
 *
 * @example
 * import { allClose } from '@ds/testkit';
 * allClose([1, 2.0000001], [1, 2]); // => true
 * allClose(1.001, 1, { rtol: 1e-4 }); // => false
 * allClose([NaN], [NaN]); // => true
 */
export function allClose(actual: Numeric, expected: Numeric, options: AllCloseOptions = {}): boolean {
  const { rtol, atol, equalNaN } = resolveTolerances(options);
  return compare(actual, expected, rtol, atol, equalNaN, '', undefined);
}

/** One element that is not close, as `assertAllClose` reports it. */
export interface Mismatch {
  path: string;
  actual: number;
  expected: number;
  absolute: number;
  relative: number;
}

/**
 * Throws unless `actual` is close to `expected` (see `allClose`). The message says how many
 * elements differ out of how many, the worst absolute and relative errors with their positions,
 * and the first elements that differ.
 *
 * @example
 * import { assertAllClose } from '@ds/testkit';
 * assertAllClose([0.1 + 0.2], [0.3]); // => undefined
 */
export function assertAllClose(actual: Numeric, expected: Numeric, options: AllCloseOptions = {}): void {
  const { rtol, atol, equalNaN } = resolveTolerances(options);
  const mismatches: Mismatch[] = [];
  const counter = { total: 0 };
  compare(actual, expected, rtol, atol, equalNaN, '', { mismatches, counter });
  if (mismatches.length === 0) return;
  let worstAbs = mismatches[0] as Mismatch;
  let worstRel = worstAbs;
  for (const m of mismatches) {
    if (!(m.absolute <= worstAbs.absolute)) worstAbs = m;
    if (!(m.relative <= worstRel.relative)) worstRel = m;
  }
  const at = (p: string) => (p === '' ? '' : ` at ${p}`);
  const lines = [
    `Not close (rtol=${rtol}, atol=${atol})`,
    // Three significant digits, as numpy's `{:.3g}%`: 4 of 10^6 reads 0.0004%, not 0.000%.
    `Mismatched elements: ${mismatches.length} / ${counter.total} (${Number(((100 * mismatches.length) / counter.total).toPrecision(3))}%)`,
    `Max absolute difference: ${worstAbs.absolute}${at(worstAbs.path)}`,
    `Max relative difference: ${worstRel.relative}${at(worstRel.path)}`,
    ...mismatches.slice(0, 5).map((m) => `  ${m.path || '(value)'}: actual ${m.actual}, expected ${m.expected}`),
  ];
  if (mismatches.length > 5) lines.push(`  … and ${mismatches.length - 5} more`);
  throw new Error(lines.join('\n'));
}

function resolveTolerances(options0: AllCloseOptions) {
  const options = checkOptions<AllCloseOptions>('options', options0);
  const rtol = options.rtol ?? 1e-7;
  const atol = options.atol ?? 0;
  for (const [name, v] of [
    ['rtol', rtol],
    ['atol', atol],
  ] as const) {
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
      throw new TestkitError('out-of-range', name, v, 'a finite number ≥ 0');
    }
  }
  return { rtol, atol, equalNaN: options.equalNaN ?? true };
}

interface Report {
  mismatches: Mismatch[];
  counter: { total: number };
}

function isClose(a: number, e: number, rtol: number, atol: number, equalNaN: boolean): boolean {
  if (Number.isNaN(a) || Number.isNaN(e)) return equalNaN && Number.isNaN(a) && Number.isNaN(e);
  if (!Number.isFinite(a) || !Number.isFinite(e)) return a === e;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

function compare(
  actual: unknown,
  expected: unknown,
  rtol: number,
  atol: number,
  equalNaN: boolean,
  path: string,
  report: Report | undefined,
): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (report) report.counter.total++;
    if (isClose(actual, expected, rtol, atol, equalNaN)) return true;
    if (report) {
      const absolute = Math.abs(actual - expected);
      report.mismatches.push({ path, actual, expected, absolute, relative: absolute / Math.abs(expected) });
    }
    return false;
  }
  if (isArrayLike(actual) && isArrayLike(expected)) {
    if (actual.length !== expected.length) {
      throw new TestkitError(
        'shape-mismatch',
        path === '' ? 'actual' : `actual${path}`,
        `length ${actual.length}`,
        `length ${expected.length}, as expected`,
        `shapes differ${path === '' ? '' : ` at ${path}`}: actual has length ${actual.length}, expected ${expected.length}`,
      );
    }
    // Fast path for flat numeric arrays, the common case (10^7 doubles from a simulation).
    if (report === undefined && isFlatNumeric(actual) && isFlatNumeric(expected)) {
      for (let i = 0; i < expected.length; i++) {
        const a = actual[i] as number;
        const e = expected[i] as number;
        const d = Math.abs(a - e);
        // d is Infinity (or NaN) only when an infinity or a NaN is involved: isClose decides those.
        if (d <= atol + rtol * Math.abs(e) && d !== Number.POSITIVE_INFINITY) continue;
        if (!isClose(a, e, rtol, atol, equalNaN)) return false;
      }
      return true;
    }
    let ok = true;
    for (let i = 0; i < expected.length; i++) {
      if (!compare(actual[i], expected[i], rtol, atol, equalNaN, `${path}[${i}]`, report)) {
        ok = false;
        if (report === undefined) return false;
      }
    }
    return ok;
  }
  throw new TestkitError(
    'invalid-type',
    path === '' ? 'actual' : `actual${path}`,
    describe(actual),
    `the same kind as expected (${describe(expected)})`,
    `cannot compare ${describe(actual)} with ${describe(expected)}${path === '' ? '' : ` at ${path}`}`,
  );
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function isFlatNumeric(x: ArrayLike<unknown>): x is ArrayLike<number> {
  if (ArrayBuffer.isView(x)) return !(x instanceof BigInt64Array || x instanceof BigUint64Array);
  return x.length === 0 || typeof x[0] === 'number';
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name}`;
  return typeof x === 'number' ? `the number ${x}` : `a ${typeof x}`;
}
