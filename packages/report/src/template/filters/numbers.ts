// The number filters: conversions (`int`, `float`, with Jinja2's defaults and bases), `abs`,
// `round` (Python's: half to even on the double's exact value), `sum` and `filesizeformat`.
// Undefined refuses to become a number here, as Jinja2's Undefined does.
import { formatSpec } from '../format.js';
import { bind, iterate } from '../methods.js';
import { float, isFloat, isNumber, isString, num, PyError, PyFloat, repr, str, text, truthy, typeName } from '../python.js';
import { attrGetter, type Filter, needInt } from './arguments.js';

/** Jinja2's Undefined refuses to become a number (float(), int(), round() raise). */
function definedForNumber(value: unknown, filter: string): void {
  if (value === undefined)
    throw new PyError(
      'undefined-variable',
      `${filter} filter got an undefined value (a missing variable, or first/last/min/max of an empty list)`,
      value,
      'a defined value',
      `|${filter}`,
    );
}

function needNumber(value: unknown, filter: string): number {
  definedForNumber(value, filter);
  if (isNumber(value) || typeof value === 'boolean') return num(value);
  throw new PyError(
    'invalid-type',
    `${filter} filter needs a number, got ${typeName(value)} ${repr(value)}${isString(value) ? ` (a string: convert it first, e.g. ${repr(text(value))}|float)` : ''}`,
    value,
    'a number',
    `|${filter}`,
  );
}

/** Python's round(x, n): correctly rounded, half to even, on the double's exact value. */
function pyRound(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  if (n >= 0) return Number(formatSpec(x, `.${Math.min(n, 300)}f`));
  const scale = 10 ** -n;
  const q = Number(formatSpec(x / scale, '.0f'));
  return q * scale;
}

export const numberFilters: Record<string, Filter> = {
  abs(value) {
    if (typeof value === 'bigint') return value < 0n ? -value : value;
    const x = needNumber(value, 'abs');
    return isFloat(value) ? float(Math.abs(x)) : Math.abs(x);
  },
  filesizeformat(value, ...args) {
    definedForNumber(value, 'filesizeformat');
    const [binary] = bind('filesizeformat', [['binary', false]], args);
    const bytes = isString(value) ? num(numberFilters.float?.call(this, value, Number.NaN)) : needNumber(value, 'filesizeformat');
    if (Number.isNaN(bytes))
      throw new PyError(
        'invalid-type',
        `filesizeformat filter: could not convert string to float: ${repr(value)}`,
        value,
        'a number of bytes',
        '|filesizeformat',
      );
    const base = truthy(binary) ? 1024 : 1000;
    const prefixes = truthy(binary)
      ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']
      : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
    let unit = base;
    let prefix = prefixes[0] as string;
    for (let i = 0; i < prefixes.length; i++) {
      unit = base ** (i + 2);
      prefix = prefixes[i] as string;
      if (bytes < unit) return `${formatSpec((base * bytes) / unit, '.1f')} ${prefix}`;
    }
    return `${formatSpec((base * bytes) / unit, '.1f')} ${prefix}`;
  },
  float(value, ...args) {
    definedForNumber(value, 'float');
    const [dflt] = bind('float', [['default', new PyFloat(0)]], args);
    if (typeof value === 'number' || value instanceof PyFloat || typeof value === 'boolean') return float(num(value));
    if (isString(value)) {
      const s = text(value).trim().replace(/_/g, '');
      if (/^[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?|inf(inity)?|nan)$/i.test(s)) {
        const x = /inf/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(s) ? Number.NaN : Number(s);
        return float(x);
      }
    }
    return dflt;
  },
  int(value, ...args) {
    definedForNumber(value, 'int');
    const [dflt, base] = bind(
      'int',
      [
        ['default', 0],
        ['base', 10],
      ],
      args,
    );
    if (typeof value === 'number' || typeof value === 'bigint' || value instanceof PyFloat || typeof value === 'boolean') {
      const x = num(value);
      if (!Number.isFinite(x))
        throw new PyError(
          'out-of-range',
          `int filter: cannot convert float ${str(value)} to integer`,
          value,
          'a finite number',
          '|int',
        );
      if (typeof value === 'bigint') return value;
      const t = Math.trunc(x);
      // Python's int is exact however large: int(1e21) is 1000000000000000000000.
      return Number.isSafeInteger(t) ? t : BigInt(t);
    }
    if (isString(value)) {
      const s = text(value).trim().replace(/_/g, '');
      const b = num(base);
      const digits =
        b === 16 ? /^[-+]?(0x)?[0-9a-f]+$/i : b === 8 ? /^[-+]?(0o)?[0-7]+$/i : b === 2 ? /^[-+]?(0b)?[01]+$/i : /^[-+]?\d+$/;
      if (digits.test(s)) {
        const neg = s.startsWith('-');
        const body = s.replace(/^[-+]/, '').replace(/^0[xob]/i, '');
        const n = Number.parseInt(body, b);
        return neg ? -n : n;
      }
      // Jinja2 falls back to int(float(value)).
      if (/^[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?)$/i.test(s)) return Math.trunc(Number(s));
      if (/^[-+]?inf(inity)?$/i.test(s))
        throw new PyError(
          'out-of-range',
          `int filter: cannot convert float infinity to integer (${repr(text(value))})`,
          value,
          'a finite number',
          '|int',
        );
    }
    return dflt;
  },
  round(value, ...args) {
    definedForNumber(value, 'round');
    const [precision, method] = bind(
      'round',
      [
        ['precision', 0],
        ['method', 'common'],
      ],
      args,
    );
    if (!isNumber(value) && typeof value !== 'boolean')
      throw new PyError(
        'invalid-type',
        `round filter needs a number, got ${typeName(value)} ${repr(value)}${isString(value) ? ` (a string: write ${repr(text(value))}|float|round)` : ''}`,
        value,
        'a number',
        '|round',
      );
    const p = needInt(precision, 'round', 'precision');
    const m = str(method);
    if (m !== 'common' && m !== 'ceil' && m !== 'floor')
      throw new PyError('out-of-range', 'method must be common, ceil or floor', method, "'common', 'ceil' or 'floor'", '|round');
    const x = num(value);
    if (typeof value === 'bigint' && m === 'common' && p >= 0) return value;
    if (m === 'common') {
      if (!isFloat(value)) return p >= 0 ? x : pyRound(x, p);
      return float(pyRound(x, p));
    }
    const scale = 10 ** p;
    return float((m === 'ceil' ? Math.ceil(x * scale) : Math.floor(x * scale)) / scale);
  },
  sum(value, ...args) {
    const [attribute, start] = bind(
      'sum',
      [
        ['attribute', null],
        ['start', 0],
      ],
      args,
    );
    let items = iterate(value);
    if (attribute !== null) items = items.map(attrGetter(attribute));
    let total: unknown = start;
    let isF = isFloat(start);
    let acc = num(start);
    for (const item of items) {
      if (!isNumber(item) && typeof item !== 'boolean')
        throw new PyError(
          'invalid-type',
          `sum filter: unsupported operand type(s) for +: '${typeName(total)}' and '${typeName(item)}' (${repr(item)}${isString(item) ? ' is a string; convert with map("float")' : ''})`,
          item,
          'numbers',
          '|sum',
        );
      acc += num(item);
      isF = isF || isFloat(item);
      total = acc;
    }
    return isF ? float(acc) : acc;
  },
};
