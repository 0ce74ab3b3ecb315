// Python's values as Jinja2 sees them, on JavaScript values: printing (str/repr), truthiness,
// numbers (int and float told apart), equality and ordering, and the Markup (safe string) type.
//
// The value model: undefined is Jinja2's Undefined, null is None, a boolean is a bool, a string is
// a str, a nunjucks SafeString is Markup, an array is a list (a tuple when made by a filter or a
// `(a, b)` literal: see `tuple`), a plain object is a dict. A number is an int when it is a safe
// integer and a float otherwise; a float whose value is whole (`4 / 2`, `97.0`, `x | round`) is a
// `PyFloat`, so that it prints as Python prints it (`2.0`).
import nunjucks from 'nunjucks';
import { ReportError } from '../errors.js';

/** Markup: a string that is already HTML (nunjucks' SafeString, Jinja2's `Markup`). */
export const SafeString = nunjucks.runtime.SafeString;
export type Markup = nunjucks.runtime.SafeString;

/** A float whose value is whole, so that it prints as `2.0` (a JavaScript number cannot tell). */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return floatRepr(this.value);
  }
  toJSON(): number {
    return this.value;
  }
}

/** Arrays that are Python tuples (they print with parentheses). */
const tuples = new WeakSet<unknown[]>();

/** Arrays that are dict views (`d.items()`), printed as Python prints them: `dict_items([...])`. */
const views = new WeakMap<unknown[], string>();

/** Marks an array as a dict view (`dict_items`, `dict_keys`, `dict_values`) and returns it. */
export function view<T extends unknown[]>(items: T, kind: string): T {
  views.set(items, kind);
  return items;
}

/** Marks an array as a tuple and returns it. */
export function tuple<T extends unknown[]>(items: T): T {
  tuples.add(items);
  return items;
}

export function isTuple(value: unknown): boolean {
  return Array.isArray(value) && tuples.has(value);
}

export function isMarkup(value: unknown): value is Markup {
  return value instanceof SafeString;
}

export function markup(text: string): Markup {
  return new SafeString(text) as Markup;
}

/** A plain object (Python's dict): its prototype is Object.prototype or null. */
export function isDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isString(value: unknown): value is string | Markup {
  return typeof value === 'string' || value instanceof SafeString;
}

/** An int or a float (not a bool, as Jinja2's `number` test counts bools... see `isNumberTest`). */
export function isNumber(value: unknown): value is number | PyFloat {
  return typeof value === 'number' || value instanceof PyFloat || typeof value === 'bigint';
}

export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isSafeInteger(value));
}

export function isInt(value: unknown): value is number {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint';
}

/** The JavaScript number of an int, float or bool. */
export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  // An int beyond 2**53 (int(1e21)) is a BigInt, exact as Python's; arithmetic uses its nearest double.
  if (typeof value === 'bigint') return Number(value);
  return Number.NaN;
}

/** A float result: whole values become a PyFloat so they keep printing as floats. */
export function float(x: number): number | PyFloat {
  return Number.isSafeInteger(x) || Object.is(x, -0) ? new PyFloat(x) : x;
}

/** Python's `float.__repr__`: the shortest round-trip digits, exponent outside [1e-4, 1e16). */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (e >= -4 && e < 16) {
    if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
    if (digits.length <= e + 1) return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}.0`;
    return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Python's `repr` of a str: single quotes unless the text has one and no double quote. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0xd800 && c < 0xe000) || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr`. */
export function repr(value: unknown, depth = 0, sortKeys = false): string {
  if (typeof value === 'string') return strRepr(value);
  if (value instanceof SafeString) return `Markup(${strRepr(String(value))})`;
  if (depth > 50) return '...';
  if (Array.isArray(value)) {
    const items = value.map((v) => repr(v, depth + 1, sortKeys));
    if (tuples.has(value)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    const kind = views.get(value);
    if (kind) return `${kind}([${items.join(', ')}])`;
    return `[${items.join(', ')}]`;
  }
  if (isDict(value)) {
    const keys = sortKeys ? Object.keys(value).sort() : Object.keys(value);
    const items = keys.map((k) => `${strRepr(k)}: ${repr(value[k], depth + 1, sortKeys)}`);
    return `{${items.join(', ')}}`;
  }
  if (value === undefined) return 'Undefined';
  return str(value);
}

/** Python's `str`, as `{{ value }}` prints it (before escaping). */
export function str(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : floatRepr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return '';
    case 'bigint':
      return String(value);
    case 'function':
      return `<function ${value.name || '<lambda>'}>`;
  }
  if (value === null) return 'None';
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (value instanceof SafeString) return String(value);
  if (Array.isArray(value) || isDict(value)) return repr(value);
  if (value instanceof Date) return pyDate(value);
  const custom = (value as { __str__?: () => string }).__str__;
  if (typeof custom === 'function') return custom.call(value);
  return String(value);
}

/** A Date as Python prints a datetime (UTC). */
function pyDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return 'Invalid Date';
  const iso = d.toISOString();
  const ms = d.getUTCMilliseconds();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms ? `.${String(ms * 1000).padStart(6, '0')}` : ''}`;
}

/** Python truthiness: empty containers, 0, '', None and Undefined are false. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0;
    case 'string':
      return value.length > 0;
    case 'object':
      break;
    default:
      return true;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (value instanceof SafeString) return String(value).length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (isDict(value)) {
    for (const _ in value) return true;
    return false;
  }
  const custom = (value as { __bool__?: () => boolean }).__bool__;
  if (typeof custom === 'function') return custom.call(value);
  return true;
}

/** markupsafe's escape: & < > ' " (Jinja2 writes `&#34;` and `&#39;`). */
export function escapeHtml(text: string): string {
  if (!/[&<>"']/.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&#34;' : '&#39;',
  );
}

/** Jinja2's `escape`: Markup stays as it is, anything else is printed then escaped. */
export function escapeMarkup(value: unknown): Markup {
  if (value instanceof SafeString) return value as Markup;
  const html = (value as { __html__?: () => string } | null)?.__html__;
  if (typeof html === 'function') return markup(html.call(value));
  return markup(escapeHtml(str(value)));
}

/** The text of a str or Markup. */
export function text(value: unknown): string {
  return value instanceof SafeString ? String(value) : (value as string);
}

/** Python's `==`: lists, tuples and dicts compare by content; 1 == 1.0 == True. */
export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumber(a) || typeof a === 'boolean') return (isNumber(b) || typeof b === 'boolean') && num(a) === num(b);
  if (isString(a)) return isString(b) && text(a) === text(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length || tuples.has(a) !== tuples.has(b)) return false;
    return a.every((x, i) => equals(x, b[i]));
  }
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && equals(a[k], b[k]));
  }
  return false;
}

/** The name Python gives a value's type, for messages. */
export function typeName(value: unknown): string {
  if (value === undefined) return 'Undefined';
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'int' : 'float';
  if (typeof value === 'bigint') return 'int';
  if (value instanceof PyFloat) return 'float';
  if (typeof value === 'string') return 'str';
  if (value instanceof SafeString) return 'Markup';
  if (Array.isArray(value)) return tuples.has(value) ? 'tuple' : 'list';
  if (isDict(value)) return 'dict';
  if (typeof value === 'function') return 'function';
  return (value as object).constructor?.name ?? 'object';
}

/** Python's ordering (`<`) for sorting and comparisons; mixed types are a TypeError as in Python. */
export function compare(a: unknown, b: unknown, op = '<'): number {
  if ((isNumber(a) || typeof a === 'boolean') && (isNumber(b) || typeof b === 'boolean')) {
    const x = num(a);
    const y = num(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (isString(a) && isString(b)) {
    const x = text(a);
    const y = text(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!equals(a[i], b[i])) return compare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  throw new PyError(
    'invalid-type',
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
    `${repr(a)} ${op} ${repr(b)}`,
    'values of one kind (numbers with numbers, strings with strings)',
  );
}

/**
 * An error raised while rendering (Python's TypeError, ValueError...): a ReportError without a
 * position yet; the template layer adds the template, line and column. The template compiled, so
 * what went wrong at run time is a value it met: the argument is `data` (a syntax error's, and an
 * expression that would allocate past a cap, is `template`).
 */
export class PyError extends ReportError {
  constructor(
    code: 'invalid-type' | 'out-of-range' | 'template-syntax' | 'undefined-variable' | 'too-large',
    message: string,
    value: unknown,
    expected: string,
    argument = code === 'template-syntax' || code === 'too-large' ? 'template' : 'data',
  ) {
    super(code, argument, value, expected, message);
  }
}

/** A number for arithmetic, or a typed error naming the operation. */
function operand(x: unknown, op: string, other: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof PyFloat) return x.value;
  if (typeof x === 'boolean') return x ? 1 : 0;
  throw new PyError(
    'invalid-type',
    `unsupported operand type(s) for ${op}: '${typeName(x)}' and '${typeName(other)}' (${repr(x)} ${op} ${repr(other)}): ${isString(x) ? `'${text(x)}' is a string; convert it with |int or |float` : 'give it a number'}`,
    x,
    'a number',
  );
}

function arith(a: unknown, b: unknown, op: string, f: (x: number, y: number) => number, floatResult = false): number | PyFloat {
  const x = operand(a, op, b);
  const y = operand(b, op, a);
  const r = f(x, y);
  return floatResult || isFloat(a) || isFloat(b) ? float(r) : r;
}

export function add(a: unknown, b: unknown): unknown {
  if (isString(a) && isString(b)) {
    if (isMarkup(a) || isMarkup(b)) return markup(text(escapeMarkup(a)) + text(escapeMarkup(b)));
    return a + text(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const joined = a.concat(b);
    return tuples.has(a) && tuples.has(b) ? tuple(joined) : joined;
  }
  return arith(a, b, '+', (x, y) => x + y);
}

export function sub(a: unknown, b: unknown): number | PyFloat {
  return arith(a, b, '-', (x, y) => x - y);
}

/**
 * Longest string or list a template makes by repetition (`'-' * 80`, `[0] * 12`): ten million
 * characters or items. Python has no such cap, but `[1] * 10**9` would exhaust the memory.
 */
export const MAX_REPEAT = 10_000_000;

function repeated(length: number, times: number, what: string): number {
  const n = Math.max(0, times);
  if (length * n > MAX_REPEAT)
    throw new PyError(
      'too-large',
      `${what} repeated ${n} times would hold ${length * n} items (at most ${MAX_REPEAT})`,
      times,
      `a repetition of at most ${MAX_REPEAT} items in all`,
    );
  return n;
}

export function mul(a: unknown, b: unknown): unknown {
  if (isString(a) && isInt(b)) return text(a).repeat(repeated(text(a).length, b, 'a string'));
  if (isInt(a) && isString(b)) return text(b).repeat(repeated(text(b).length, a, 'a string'));
  if (Array.isArray(a) && isInt(b)) return Array.from({ length: repeated(a.length, b, 'a list') }, () => a).flat();
  return arith(a, b, '*', (x, y) => x * y);
}

function zeroCheck(b: unknown, op: string): void {
  if (num(b) === 0 && (isNumber(b) || typeof b === 'boolean'))
    throw new PyError('out-of-range', `division by zero (${op})`, b, 'a divisor other than 0');
}

export function div(a: unknown, b: unknown): number | PyFloat {
  operand(a, '/', b);
  operand(b, '/', a);
  zeroCheck(b, '/');
  return arith(a, b, '/', (x, y) => x / y, true);
}

export function floordiv(a: unknown, b: unknown): number | PyFloat {
  operand(a, '//', b);
  operand(b, '//', a);
  zeroCheck(b, '//');
  return arith(a, b, '//', (x, y) => Math.floor(x / y));
}

export function pymod(x: number, y: number): number {
  const r = x % y;
  return r !== 0 && r < 0 !== y < 0 ? r + y : r;
}

export function pow(a: unknown, b: unknown): number | PyFloat {
  const x = operand(a, '**', b);
  const y = operand(b, '**', a);
  if (!isFloat(a) && !isFloat(b) && y < 0) return float(x ** y);
  return arith(a, b, '**', (p, q) => p ** q);
}

export function neg(a: unknown): number | PyFloat {
  const x = operand(a, 'unary -', a);
  return isFloat(a) ? float(-x) : -x;
}

export function pos(a: unknown): number | PyFloat {
  const x = operand(a, 'unary +', a);
  return isFloat(a) ? float(x) : x;
}
