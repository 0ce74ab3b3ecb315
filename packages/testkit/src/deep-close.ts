import { type AllCloseOptions, assertAllClose } from './all-close.js';
import { safeJson } from './json.js';

/**
 * Where `actual` differs from `expected`, as readable lines: numbers and arrays of numbers with
 * `allClose`'s test (the `assertAllClose` report), strings, booleans and null exactly, objects on
 * the keys `expected` names, arrays element by element. Empty when they agree.
 */
export function differences(actual: unknown, expected: unknown, tolerance: AllCloseOptions, path: string): string[] {
  const label = path === '' ? 'value' : path;
  if (isNumeric(expected)) {
    if (!isNumeric(actual)) return [`${label}: expected ${kind(expected)}, got ${show(actual)}`];
    try {
      assertAllClose(actual as never, expected as never, tolerance);
      return [];
    } catch (e) {
      return [`${label}: ${(e as Error).message.replaceAll('\n', '\n  ')}`];
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${label}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length) return [`${label}: length ${actual.length}, expected ${expected.length}`];
    return expected.flatMap((e, i) => differences(actual[i], e, tolerance, `${path}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return [`${label}: expected an object, got ${show(actual)}`];
    const a = actual as Record<string, unknown>;
    return Object.entries(expected).flatMap(([k, e]) =>
      k in a
        ? differences(a[k], e, tolerance, path === '' ? k : `${path}.${k}`)
        : [`${path === '' ? k : `${path}.${k}`}: missing`],
    );
  }
  return Object.is(actual, expected) || actual === expected ? [] : [`${label}: ${show(actual)}, expected ${show(expected)}`];
}

/** A number, or a (nested, typed) array whose leaves are all numbers. */
export function isNumeric(x: unknown): boolean {
  if (typeof x === 'number') return true;
  if (ArrayBuffer.isView(x)) return !(x instanceof DataView || x instanceof BigInt64Array || x instanceof BigUint64Array);
  if (!Array.isArray(x)) return false;
  for (const v of x) if (!isNumeric(v)) return false;
  return true;
}

function kind(x: unknown): string {
  return typeof x === 'number' ? `the number ${x}` : 'numbers';
}

function show(x: unknown): string {
  if (x === undefined) return 'undefined';
  if (typeof x === 'number') return String(x);
  const s = safeJson(x);
  return s === undefined ? String(x) : s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
