import { checkOptions } from './check.js';
import { SampleSizeError } from './errors.js';

/** A required options object (missing, null or not a plain object is a typed error). */
export function checkOptionsObject(argument: string, value: unknown): Record<string, unknown> {
  return checkOptions<Record<string, unknown>>(argument, value, true) as Record<string, unknown>;
}

/**
 * A finite number (`invalid-type` otherwise, NaN and ±Infinity included) that passes `ok`
 * (`out-of-range` otherwise); `expected` is said in both errors.
 */
export function checkFinite(argument: string, value: unknown, expected: string, ok: (x: number) => boolean = () => true): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SampleSizeError('invalid-type', argument, value, expected);
  }
  if (!ok(value)) throw new SampleSizeError('out-of-range', argument, value, expected);
  return value;
}
