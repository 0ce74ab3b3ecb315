/** Why an input was refused. */
export type TuriErrorCode =
  | 'out-of-range'
  | 'invalid-type'
  | 'length-mismatch'
  | 'unknown-node'
  | 'malformed-response'
  | 'parse-error'
  | 'http-error';

/**
 * The error `@ds/turi` throws for bad input: it names the argument (and the row, where there is
 * one), the value and what was expected.
 *
 * @example
 * import { TuriError } from '@ds/turi';
 * new TuriError('out-of-range', 'tweetCount', -1, 'a whole number ≥ 0').message; // => 'tweetCount must be a whole number ≥ 0, got -1'
 */
export class TuriError extends RangeError {
  readonly code: TuriErrorCode;
  readonly argument: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(code: TuriErrorCode, argument: string, value: unknown, expected: string, message?: string) {
    super(message ?? `${argument} must be ${expected}, got ${String(value)}`);
    this.name = 'TuriError';
    this.code = code;
    this.argument = argument;
    this.value = value;
    this.expected = expected;
  }
}

/** Throws unless `value` is a whole number ≥ 0 (a count of followers, posts, …). */
export function checkCount(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TuriError(typeof value === 'number' ? 'out-of-range' : 'invalid-type', argument, value, 'a whole number ≥ 0');
  }
  return value;
}
