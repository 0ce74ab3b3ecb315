import { TestkitError } from './errors.js';

/** A class of errors, such as `RangeError` or a package's own `GeoError`. */
export type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

function checkErrorClass(value: unknown): void {
  if (typeof value !== 'function' || !(value.prototype instanceof Error || value === Error)) {
    throw new TestkitError('invalid-type', 'errorClass', value, 'an Error class, such as RangeError or GeoError');
  }
}

function unexpected(error: unknown, errorClass: ErrorClass<Error>): Error {
  const got = error instanceof Error ? `${error.name}: ${error.message}` : `a thrown ${typeof error}`;
  return new Error(`expected a ${errorClass.name}, got ${got}`, { cause: error });
}

/**
 * The error `fn` throws, checked to be an instance of `errorClass` and typed as one, so a test
 * can read its `code` and `argument`. The test fails (an assertion `Error`) when `fn` returns, or
 * throws anything else (the thrown value is the `cause`).
 *
 * @example
 * import { errorOf } from '@ds/testkit';
 * errorOf(() => new Array(-1), RangeError).message; // => 'Invalid array length'
 * let failure = '';
 * try {
 *   errorOf(() => 1, RangeError);
 * } catch (e) {
 *   failure = (e as Error).message;
 * }
 * failure; // => 'expected a RangeError, got a result'
 */
export function errorOf<E extends Error>(fn: () => unknown, errorClass: ErrorClass<E>): E {
  if (typeof fn !== 'function') throw new TestkitError('invalid-type', 'fn', fn, 'a function to call');
  checkErrorClass(errorClass);
  try {
    fn();
  } catch (error) {
    if (error instanceof errorClass) return error;
    throw unexpected(error, errorClass);
  }
  throw new Error(`expected a ${errorClass.name}, got a result`);
}

/**
 * The error `promise` rejects with, checked to be an instance of `errorClass` and typed as one.
 * The test fails (an assertion `Error`) when it resolves, or rejects with anything else.
 *
 * @example
 * import { rejectionOf } from '@ds/testkit';
 * (await rejectionOf(Promise.reject(new RangeError('too far')), RangeError)).message; // => 'too far'
 */
export async function rejectionOf<E extends Error>(promise: PromiseLike<unknown>, errorClass: ErrorClass<E>): Promise<E> {
  if (promise === null || typeof (promise as { then?: unknown })?.then !== 'function') {
    throw new TestkitError('invalid-type', 'promise', promise, 'a promise');
  }
  checkErrorClass(errorClass);
  try {
    await promise;
  } catch (error) {
    if (error instanceof errorClass) return error;
    throw unexpected(error, errorClass);
  }
  throw new Error(`expected a ${errorClass.name}, got a result`);
}
