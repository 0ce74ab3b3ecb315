/** Why a report could not be rendered. */
export type ReportErrorCode =
  | 'template-syntax'
  | 'undefined-variable'
  | 'template-not-found'
  | 'invalid-type'
  | 'out-of-range'
  | 'missing-glyph'
  | 'missing-font'
  | 'invalid-font'
  | 'invalid-image'
  | 'invalid-file'
  | 'too-large'
  | 'length-mismatch'
  | 'aborted';

/**
 * The error `@ds/report` throws: a template that does not parse names the template, line and
 * column; a missing variable in strict mode names it; a character no font has lists every such
 * character and where it appears.
 * Every @ds package throws errors of this one shape (a `RangeError` with `code`, `argument`,
 * `value`, `expected`); cancellation through an `AbortSignal` is code `'aborted'`, argument
 * `'signal'`, with the signal's reason as `cause`.
 *
 * @example
 * import { ReportError } from '@ds/report';
 * new ReportError('out-of-range', 'page.size', 'A7', "'A4', 'A3', 'A5', 'Letter' or 'Legal'").message; // => "page.size must be 'A4', 'A3', 'A5', 'Letter' or 'Legal', got 'A7'"
 */
export class ReportError extends RangeError {
  readonly code: ReportErrorCode;
  readonly argument: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(
    code: ReportErrorCode,
    argument: string,
    value: unknown,
    expected: string,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? standardMessage(code, argument, value, expected), options);
    this.name = 'ReportError';
    this.code = code;
    this.argument = argument;
    this.value = value;
    this.expected = expected;
  }
}

/**
 * The one cancellation error: what `signal` aborted, as a ReportError with code `'aborted'` and the
 * signal's reason as `cause` (a reason that already is such an error is passed on as it is).
 */
export function abortedError(signal: AbortSignal, what: string): ReportError {
  const reason: unknown = signal.reason;
  if (reason instanceof ReportError && reason.code === 'aborted') return reason;
  return new ReportError('aborted', 'signal', reason, 'a signal that is not aborted', `${what} was aborted`, { cause: reason });
}

/** Throws {@link abortedError} when `signal` is given and aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortedError(signal, what);
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
