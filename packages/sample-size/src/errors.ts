/** What went wrong with an argument: the value was outside the allowed range or of the wrong type, no design exists, two arguments conflict, the work asked for is past its documented cap, or the caller aborted it. */
export type SampleSizeErrorCode = 'out-of-range' | 'invalid-type' | 'no-solution' | 'conflict' | 'too-large' | 'aborted';

/**
 * The error every function of `@ds/sample-size` throws for bad input. It names the argument, the
 * value given and what was expected, so a person can act on the message.
 * Every @ds package throws errors of this one shape (a `RangeError` with `code`, `argument`,
 * `value`, `expected`); cancellation through an `AbortSignal` is code `'aborted'`, argument
 * `'signal'`, with the signal's reason as `cause`.
 *
 * @example
 * import { SampleSizeError } from '@ds/sample-size';
 * new SampleSizeError('out-of-range', 'p1', 1.2, 'in [0, 1]').message; // => 'p1 must be in [0, 1], got 1.2'
 * new SampleSizeError('invalid-type', 'p1', '0.5', 'a number in [0, 1]').message; // => "p1 must be a number in [0, 1], got '0.5' (a string)"
 */
export class SampleSizeError extends RangeError {
  readonly code: SampleSizeErrorCode;
  readonly argument: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(
    code: SampleSizeErrorCode,
    argument: string,
    value: unknown,
    expected: string,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? standardMessage(code, argument, value, expected), options);
    this.name = 'SampleSizeError';
    this.code = code;
    this.argument = argument;
    this.value = value;
    this.expected = expected;
  }
}

/**
 * The one cancellation error: what `signal` aborted, as a SampleSizeError with code `'aborted'` and the
 * signal's reason as `cause` (a reason that already is such an error is passed on as it is).
 */
export function abortedError(signal: AbortSignal, what: string): SampleSizeError {
  const reason: unknown = signal.reason;
  if (reason instanceof SampleSizeError && reason.code === 'aborted') return reason;
  return new SampleSizeError('aborted', 'signal', reason, 'a signal that is not aborted', `${what} was aborted`, {
    cause: reason,
  });
}

/** Throws {@link abortedError} when `signal` is given and aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortedError(signal, what);
}

/** Throws unless `value` is a finite number in the closed interval [0, 1]. */
export function checkProportion(argument: string, value: unknown): number {
  if (typeof value !== 'number') throw new SampleSizeError('invalid-type', argument, value, 'a finite number in [0, 1]');
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new SampleSizeError('out-of-range', argument, value, 'in [0, 1]');
  return value;
}

/** Throws unless `value` is a finite number strictly inside (0, 1). */
export function checkOpenUnit(argument: string, value: unknown): number {
  if (typeof value !== 'number') throw new SampleSizeError('invalid-type', argument, value, 'a finite number in (0, 1)');
  if (!Number.isFinite(value) || value <= 0 || value >= 1)
    throw new SampleSizeError('out-of-range', argument, value, 'in (0, 1)');
  return value;
}

/** Throws unless `value` is a finite number ≥ `min` (or > `min` when `open`). */
export function checkAtLeast(argument: string, value: unknown, min: number, open = false): number {
  const expected = open ? `a finite number > ${min}` : `a finite number ≥ ${min}`;
  if (typeof value !== 'number') throw new SampleSizeError('invalid-type', argument, value, expected);
  if (!Number.isFinite(value) || (open ? value <= min : value < min)) {
    throw new SampleSizeError(
      'out-of-range',
      argument,
      value,
      Number.isFinite(value) ? (open ? `> ${min}` : `≥ ${min}`) : expected,
    );
  }
  return value;
}

/** Throws unless `value` is one of `allowed` (a string of another value is out of range, anything else the wrong type). */
export function checkOneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new SampleSizeError(
      typeof value === 'string' ? 'out-of-range' : 'invalid-type',
      argument,
      value,
      `one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    );
  }
  return value as T;
}

/** The typed error for a design that no value of the unknown can satisfy. */
export function noSolution(argument: string, value: unknown, expected: string, message: string): SampleSizeError {
  return new SampleSizeError('no-solution', argument, value, expected, message);
}

// ---------------------------------------------------------------------------------------------
// The shape every @ds package shares (docs/contributing.md, "Errors"; docs/test/conventions.test.ts
// holds it): the package's class extends RangeError and carries `code`, `argument`, `value` and
// `expected`; the message is `<argument> must be <expected>, got <value>`, with the value shown by
// `describeValue`, which never throws (objects without a prototype, `{ toString: null }`, symbols,
// bigints, revoked proxies, huge strings), and names the type of a value of the wrong type
// ('0.5' (a string)). Cancellation is the same class with code 'aborted' and argument 'signal'.
// ---------------------------------------------------------------------------------------------

/** Longest string shown in a message before it is shortened. */
const SHOWN_CHARS = 60;
/** Elements or keys shown of an array or object. */
const SHOWN_ITEMS = 4;

/**
 * A short, safe rendering of any value for an error message: it never throws and never calls the
 * value's own `toString`. Strings are quoted and shortened; with `withType` a value of the wrong
 * type says what it is (`'0.5' (a string)`).
 */
export function describeValue(value: unknown, withType = false, depth = 0): string {
  try {
    switch (typeof value) {
      case 'string': {
        const text = value.length > SHOWN_CHARS ? `'${value.slice(0, SHOWN_CHARS)}…' (${value.length} characters)` : `'${value}'`;
        return withType ? `${text} (a string)` : text;
      }
      case 'number':
        return Object.is(value, -0) ? '-0' : `${value}`;
      case 'boolean':
        return withType ? `${value} (a boolean)` : `${value}`;
      case 'undefined':
        return 'undefined';
      case 'bigint':
        return `${value}n (a bigint)`;
      case 'symbol':
        return `${value.description === undefined ? 'Symbol()' : `Symbol(${describeValue(value.description).slice(1, -1)})`} (a symbol)`;
      case 'function':
        return typeof value.name === 'string' && value.name !== ''
          ? `a function (${value.name.slice(0, SHOWN_CHARS)})`
          : 'a function';
    }
    if (value === null) return 'null';
    if (Array.isArray(value)) {
      if (depth > 0) return `an array of ${value.length}`;
      const shown = value.slice(0, SHOWN_ITEMS).map((item) => describeValue(item, false, depth + 1));
      if (value.length > SHOWN_ITEMS) shown.push(`… ${value.length - SHOWN_ITEMS} more`);
      return `[${shown.join(', ')}]`;
    }
    if (ArrayBuffer.isView(value)) return `a ${value.constructor?.name ?? 'typed array'} of ${value.byteLength} bytes`;
    if (value instanceof ArrayBuffer) return `an ArrayBuffer of ${value.byteLength} bytes`;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `a Date (${value.toISOString()})`;
    if (value instanceof Error) return `an error (${describeValue(value.message).slice(1, -1)})`;
    const object = value as Record<string, unknown>;
    const proto = Object.getPrototypeOf(object);
    if (proto !== null && proto !== Object.prototype) {
      const name = proto.constructor?.name;
      return typeof name === 'string' && name !== '' ? `a ${name.slice(0, SHOWN_CHARS)} object` : 'an object';
    }
    const kind = proto === null ? 'an object without a prototype' : 'an object';
    if (depth > 0) return kind === 'an object' ? '{…}' : kind;
    const keys = Object.keys(object);
    const shown = keys.slice(0, SHOWN_ITEMS).map((key) => `${describeKey(key)}: ${describeValue(object[key], false, depth + 1)}`);
    if (keys.length > SHOWN_ITEMS) shown.push(`… ${keys.length - SHOWN_ITEMS} more`);
    const body = shown.length === 0 ? '{}' : `{ ${shown.join(', ')} }`;
    return proto === null ? `${body} (${kind})` : body;
  } catch {
    return 'a value that cannot be shown';
  }
}

function describeKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) && key.length <= SHOWN_CHARS ? key : describeValue(key);
}

/** The message every error of the shape gets when none is given. */
function standardMessage(code: unknown, argument: unknown, value: unknown, expected: unknown): string {
  const words = (text: unknown) => (typeof text === 'string' ? text : describeValue(text));
  return `${words(argument)} must be ${words(expected)}, got ${describeValue(value, code === 'invalid-type')}`;
}
