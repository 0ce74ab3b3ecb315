/** Why geo refused an input. */
export type GeoErrorCode =
  | 'out-of-range'
  | 'invalid-type'
  | 'invalid-geometry'
  | 'crs-mismatch'
  | 'unknown-crs'
  | 'missing-file'
  | 'invalid-file'
  // The exact geometry engine (GEOS): not started, failed to load, or refused an operation.
  | 'engine-not-started'
  | 'engine-failed';

/**
 * The error `@ds/geo` throws for bad input: it names the argument (and the feature index, where
 * there is one), the value and what was expected.
 *
 * @example
 * import { GeoError } from '@ds/geo';
 * new GeoError('out-of-range', 'k', 0, 'a whole number ≥ 1').message; // => 'k must be a whole number ≥ 1, got 0'
 */
export class GeoError extends RangeError {
  readonly code: GeoErrorCode;
  readonly argument: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(code: GeoErrorCode, argument: string, value: unknown, expected: string, message?: string) {
    super(message ?? `${argument} must be ${expected}, got ${show(value)}`);
    this.name = 'GeoError';
    this.code = code;
    this.argument = argument;
    this.value = value;
    this.expected = expected;
  }
}

function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'string') return value.length > 80 ? `'${value.slice(0, 77)}...'` : `'${value}'`;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  }
  return String(value);
}
