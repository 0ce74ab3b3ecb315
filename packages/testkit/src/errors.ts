/** Why testkit refused an argument or a file. */
export type TestkitErrorCode =
  | 'out-of-range'
  | 'invalid-type'
  | 'shape-mismatch'
  | 'invalid-file'
  | 'missing-field'
  | 'fixture-setup';

/**
 * The error testkit throws for a bad argument (a negative tolerance, shapes that cannot be
 * compared, a reference-vector file that misses a field, a fixture that cannot be set up); an
 * assertion that fails throws a plain `Error` with a diff instead.
 *
 * @example
 * import { TestkitError } from '@ds/testkit';
 * new TestkitError('out-of-range', 'rtol', -1, 'a number ≥ 0').message; // => 'rtol must be a number ≥ 0, got -1'
 */
export class TestkitError extends RangeError {
  readonly code: TestkitErrorCode;
  readonly argument: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(code: TestkitErrorCode, argument: string, value: unknown, expected: string, message?: string) {
    super(message ?? `${argument} must be ${expected}, got ${String(value)}`);
    this.name = 'TestkitError';
    this.code = code;
    this.argument = argument;
    this.value = value;
    this.expected = expected;
  }
}
