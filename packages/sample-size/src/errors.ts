/** What went wrong with an argument: the value was outside the allowed range, or no design exists. */
export type SampleSizeErrorCode = 'out-of-range' | 'invalid-type' | 'no-solution' | 'conflict';

/**
 * The error every function of `@ds/sample-size` throws for bad input. It names the argument, the
 * value given and what was expected, so a person can act on the message.
 *
 * @example
 * import { SampleSizeError } from '@ds/sample-size';
 * new SampleSizeError('out-of-range', 'p1', 1.2, 'in [0, 1]').message; // => 'p1 must be in [0, 1], got 1.2'
 */
export class SampleSizeError extends RangeError {
  readonly code: SampleSizeErrorCode;
  readonly argument: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(code: SampleSizeErrorCode, argument: string, value: unknown, expected: string, message?: string) {
    super(message ?? `${argument} must be ${expected}, got ${String(value)}`);
    this.name = 'SampleSizeError';
    this.code = code;
    this.argument = argument;
    this.value = value;
    this.expected = expected;
  }
}

/** Throws unless `value` is a finite number in the closed interval [0, 1]. */
export function checkProportion(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SampleSizeError('invalid-type', argument, value, 'a finite number in [0, 1]');
  }
  if (value < 0 || value > 1) throw new SampleSizeError('out-of-range', argument, value, 'in [0, 1]');
  return value;
}

/** Throws unless `value` is a finite number strictly inside (0, 1). */
export function checkOpenUnit(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SampleSizeError('invalid-type', argument, value, 'a finite number in (0, 1)');
  }
  if (value <= 0 || value >= 1) throw new SampleSizeError('out-of-range', argument, value, 'in (0, 1)');
  return value;
}

/** Throws unless `value` is a finite number ≥ `min` (or > `min` when `open`). */
export function checkAtLeast(argument: string, value: unknown, min: number, open = false): number {
  const expected = open ? `a finite number > ${min}` : `a finite number ≥ ${min}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SampleSizeError('invalid-type', argument, value, expected);
  if (open ? value <= min : value < min)
    throw new SampleSizeError('out-of-range', argument, value, open ? `> ${min}` : `≥ ${min}`);
  return value;
}

/** Throws unless `value` is one of `allowed`. */
export function checkOneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new SampleSizeError('out-of-range', argument, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

/** The typed error for a design that no value of the unknown can satisfy. */
export function noSolution(argument: string, value: unknown, expected: string, message: string): SampleSizeError {
  return new SampleSizeError('no-solution', argument, value, expected, message);
}
