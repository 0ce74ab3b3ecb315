// Jinja2 3.1's builtin tests (`x is divisibleby 3`, `select('equalto', v)`), with Jinja2's results.

import { iterate } from './methods.js';
import {
  compare,
  equals,
  isDict,
  isFloat,
  isInt,
  isMarkup,
  isNumber,
  isString,
  num,
  PyError,
  repr,
  str,
  text,
  typeName,
} from './python.js';

export type Test = (this: unknown, value: unknown, ...args: unknown[]) => boolean;

function needNumber(value: unknown, test: string): number {
  if (isNumber(value) || typeof value === 'boolean') return num(value);
  throw new PyError(
    'invalid-type',
    `the ${test} test needs a number, got ${typeName(value)} ${repr(value)}`,
    value,
    'a number',
    `is ${test}`,
  );
}

/** The environment a test or a filter is called in (nunjucks passes its context as `this`): its tests and filters, by name. */
export function contextEnv(self: unknown): { getTest(name: string): unknown; getFilter(name: string): unknown } {
  return (self as { env: { getTest(name: string): unknown; getFilter(name: string): unknown } }).env;
}

const eq: Test = (a, b) => equals(a, b);
const ne: Test = (a, b) => !equals(a, b);
const lt: Test = (a, b) => compare(a, b, '<') < 0;
const le: Test = (a, b) => compare(a, b, '<=') <= 0;
const gt: Test = (a, b) => compare(a, b, '>') > 0;
const ge: Test = (a, b) => compare(a, b, '>=') >= 0;

export const jinjaTests: Record<string, Test> = {
  boolean: (v) => typeof v === 'boolean',
  callable: (v) => typeof v === 'function',
  defined: (v) => v !== undefined,
  undefined: (v) => v === undefined,
  divisibleby(v, n) {
    const x = needNumber(v, 'divisibleby');
    const d = needNumber(n, 'divisibleby');
    if (d === 0)
      throw new PyError('out-of-range', 'integer division or modulo by zero', n, 'a divisor other than 0', 'is divisibleby');
    return x % d === 0;
  },
  escaped: (v) => isMarkup(v),
  even: (v) => needNumber(v, 'even') % 2 === 0,
  odd: (v) => Math.abs(needNumber(v, 'odd') % 2) === 1,
  false: (v) => v === false,
  true: (v) => v === true,
  none: (v) => v === null,
  filter(v) {
    if (!isString(v)) return false;
    try {
      return typeof contextEnv(this).getFilter(text(v)) === 'function';
    } catch {
      return false;
    }
  },
  test(v) {
    if (!isString(v)) return false;
    try {
      return typeof contextEnv(this).getTest(text(v)) === 'function';
    } catch {
      return false;
    }
  },
  float: (v) => isFloat(v),
  integer: (v) => isInt(v),
  number: (v) => isNumber(v) || typeof v === 'boolean',
  string: (v) => isString(v),
  mapping: (v) => isDict(v) || v instanceof Map,
  // Undefined iterates as an empty sequence and has a length, so Jinja2 counts it as both.
  iterable: (v) =>
    v === undefined ||
    isString(v) ||
    Array.isArray(v) ||
    isDict(v) ||
    (v !== null && typeof v === 'object' && Symbol.iterator in v),
  sequence: (v) => v === undefined || isString(v) || Array.isArray(v) || isDict(v),
  in(v, container) {
    if (isString(container)) return isString(v) && text(container).includes(text(v));
    if (isDict(container)) return isString(v) && Object.hasOwn(container, text(v));
    return iterate(container).some((x) => equals(x, v));
  },
  // str(value).islower(): some cased character, and none in the other case.
  lower: (v) => {
    const s = str(v);
    return s !== s.toUpperCase() && s === s.toLowerCase();
  },
  upper: (v) => {
    const s = str(v);
    return s !== s.toLowerCase() && s === s.toUpperCase();
  },
  sameas: (a, b) => a === b || (a === undefined && b === undefined),
  eq,
  equalto: eq,
  '==': eq,
  ne,
  '!=': ne,
  lt,
  lessthan: lt,
  '<': lt,
  le,
  '<=': le,
  gt,
  greaterthan: gt,
  '>': gt,
  ge,
  '>=': ge,
};
