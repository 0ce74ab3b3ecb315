/**
 * Input checks for every public entry of @ds/report (docs/contributing.md, "Checking input"): each
 * returns the value it accepted, typed, or throws a ReportError naming the argument. Every @ds package
 * has this same small module, so the checks read the same everywhere.
 */
import { ReportError } from './errors.js';

/** An options argument: `undefined` means "all defaults"; anything else must be a plain object. */
export function checkOptions<T extends object>(argument: string, value: unknown, required = false): Partial<T> {
  if (value === undefined && !required) return {};
  if (!isPlainObject(value)) {
    throw new ReportError('invalid-type', argument, value, required ? 'an options object' : 'an options object or undefined');
  }
  return value as Partial<T>;
}

/** A record (`{}` or `Object.create(null)`), not an array, a class instance or a primitive. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** How a number may be limited: bounds (closed unless `open`) and wholeness. */
export interface NumberRule {
  min?: number;
  max?: number;
  /** Exclude `min` (`'min'`), `max` (`'max'`) or both (`true`). */
  open?: boolean | 'min' | 'max';
  integer?: boolean;
}

/** The words of a number rule, for the error's `expected`: `a whole number in [1, 1000]`. */
export function describeRule(rule: NumberRule): string {
  const noun = rule.integer ? 'a whole number' : 'a finite number';
  const openMin = rule.open === true || rule.open === 'min';
  const openMax = rule.open === true || rule.open === 'max';
  if (rule.min !== undefined && rule.max !== undefined) {
    return `${noun} in ${openMin ? '(' : '['}${rule.min}, ${rule.max}${openMax ? ')' : ']'}`;
  }
  if (rule.min !== undefined) return `${noun} ${openMin ? '>' : '≥'} ${rule.min}`;
  if (rule.max !== undefined) return `${noun} ${openMax ? '<' : '≤'} ${rule.max}`;
  return noun;
}

/** A finite number within `rule`; a value of another type (`'0.5'`) is `invalid-type`. */
export function checkNumber(argument: string, value: unknown, rule: NumberRule = {}): number {
  const expected = describeRule(rule);
  if (typeof value !== 'number') throw new ReportError('invalid-type', argument, value, expected);
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    throw new ReportError('out-of-range', argument, value, expected);
  }
  const openMin = rule.open === true || rule.open === 'min';
  const openMax = rule.open === true || rule.open === 'max';
  if (rule.min !== undefined && (openMin ? value <= rule.min : value < rule.min)) {
    throw new ReportError('out-of-range', argument, value, expected);
  }
  if (rule.max !== undefined && (openMax ? value >= rule.max : value > rule.max)) {
    throw new ReportError('out-of-range', argument, value, expected);
  }
  return value;
}

/** `checkNumber` for an optional field: `undefined` gives `fallback`. */
export function optionalNumber(argument: string, value: unknown, fallback: number, rule: NumberRule = {}): number {
  return value === undefined ? fallback : checkNumber(argument, value, rule);
}

/** One of `allowed` (compared as own values, so `'constructor'` or `'__proto__'` never match by accident). */
export function checkOneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ReportError(
      typeof value === 'string' ? 'out-of-range' : 'invalid-type',
      argument,
      value,
      `one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    );
  }
  return value as T;
}

/** A string (non-empty unless `allowEmpty`), at most `maxLength` characters. */
export function checkString(argument: string, value: unknown, allowEmpty = false, maxLength = Number.POSITIVE_INFINITY): string {
  const expected = allowEmpty ? 'a string' : 'a non-empty string';
  if (typeof value !== 'string') throw new ReportError('invalid-type', argument, value, expected);
  if (!allowEmpty && value.length === 0) throw new ReportError('out-of-range', argument, value, expected);
  if (value.length > maxLength) {
    throw new ReportError('too-large', argument, value, `a string of at most ${maxLength} characters`);
  }
  return value;
}

/** `true` or `false`; `undefined` gives `fallback`. */
export function optionalBoolean(argument: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ReportError('invalid-type', argument, value, 'true or false');
  return value;
}

/** A function, or `undefined` when it is optional. */
export function optionalFunction<F extends (...args: never[]) => unknown>(argument: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new ReportError('invalid-type', argument, value, 'a function or undefined');
  return value as F;
}

/** An `AbortSignal` (anything with `aborted` and `addEventListener`), or `undefined`. */
export function optionalSignal(argument: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as AbortSignal).aborted !== 'boolean' ||
    typeof (value as AbortSignal).addEventListener !== 'function'
  ) {
    throw new ReportError('invalid-type', argument, value, 'an AbortSignal or undefined');
  }
  return value as AbortSignal;
}

/** An array (not array-like) of at most `maxLength` elements. */
export function checkArray(argument: string, value: unknown, maxLength = Number.POSITIVE_INFINITY): unknown[] {
  if (!Array.isArray(value)) throw new ReportError('invalid-type', argument, value, 'an array');
  if (value.length > maxLength) throw new ReportError('too-large', argument, value, `an array of at most ${maxLength} elements`);
  return value;
}

/** What every `onProgress` callback of every @ds package receives. */
export interface Progress {
  /** Units of work finished (features, reports, accounts…). */
  done: number;
  /** Units of work in all (as far as it is known). */
  total: number;
  /** `done / total`, 1 when there is nothing to do. */
  fraction: number;
}

/** The one way to build a {@link Progress}. */
export function progress(done: number, total: number): Progress {
  return { done, total, fraction: total > 0 ? Math.min(1, done / total) : 1 };
}
