// Python's format-spec mini-language (`format(x, ',.2f')`, `'{:>8}'.format(x)`) and `%`
// formatting (`'%.1f%%' % x`, `'%(name)s' % d`), as CPython does them: numbers are rounded
// exactly (half to even on the double's exact value, through BigInt), never through a lossy
// `toFixed` tie rule.
import { describeValue } from '../errors.js';
import {
  floatRepr,
  isDict,
  isFloat,
  isMarkup,
  isNumber,
  isString,
  isTuple,
  num,
  PyError,
  PyFloat,
  repr,
  str,
  text,
  typeName,
} from './python.js';

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | undefined;
  type: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

function parseSpec(spec: string): Spec {
  const m = SPEC.exec(spec);
  if (!m)
    throw new PyError(
      'template-syntax',
      `Invalid format specifier '${spec}'`,
      spec,
      "a format spec such as ',.2f', '>10' or '08.3f'",
    );
  return {
    fill: m[1] ?? (m[6] && !m[2] ? '0' : ' '),
    align: m[2] ?? '',
    sign: m[3] ?? '-',
    alternate: m[5] !== undefined,
    zero: m[6] !== undefined,
    width: boundedField(m[7] ? Number(m[7]) : 0, 'width', spec),
    grouping: m[8] ?? '',
    precision: m[9] !== undefined ? boundedField(Number(m[9]), 'precision', spec) : undefined,
    type: m[10] ?? '',
  };
}

/**
 * Widest field and most digits a format may ask for. Python allows more, but `'%.1000000000f'`
 * would compute a billion digits: a report never needs more than these.
 */
const MAX_WIDTH = 1_000_000;
const MAX_PRECISION = 1_000;

/** A width or precision within its cap, or a typed error naming the format. */
function boundedField(n: number, field: 'width' | 'precision', spec: unknown): number {
  const max = field === 'width' ? MAX_WIDTH : MAX_PRECISION;
  if (Math.abs(n) > max)
    throw new PyError(
      'too-large',
      `${field} ${n} is too big in format ${describeValue(spec)} (at most ${max})`,
      spec,
      `a ${field} of at most ${max}`,
    );
  return n;
}

// ---- exact decimal rounding of doubles ----

/** x = mant · 2^exp exactly, for a finite x > 0. */
function decompose(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mant, exp: -1074 };
  mant |= 1n << 52n;
  return { mant, exp: biased - 1075 };
}

/** round-half-even(x · 10^k) for x ≥ 0, exactly. */
function scaledRound(x: number, k: number): bigint {
  if (x === 0) return 0n;
  const { mant, exp } = decompose(x);
  let n = mant;
  let d = 1n;
  if (k >= 0) n *= 10n ** BigInt(k);
  else d *= 10n ** BigInt(-k);
  if (exp >= 0) n <<= BigInt(exp);
  else d <<= BigInt(-exp);
  const q = n / d;
  const r2 = (n % d) * 2n;
  return r2 > d || (r2 === d && q % 2n === 1n) ? q + 1n : q;
}

/** Fixed notation with `precision` decimals, of |x|. */
function fixed(x: number, precision: number): string {
  const digits = scaledRound(Math.abs(x), precision)
    .toString()
    .padStart(precision + 1, '0');
  if (precision === 0) return digits;
  return `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
}

/** The significant digits and decimal exponent of |x| rounded to `significant` digits. */
function significantDigits(x: number, significant: number): { digits: string; exp: number } {
  const a = Math.abs(x);
  if (a === 0) return { digits: '0'.repeat(significant), exp: 0 };
  let exp = Math.floor(Math.log10(a));
  for (let attempt = 0; attempt < 3; attempt++) {
    const digits = scaledRound(a, significant - 1 - exp).toString();
    if (digits.length === significant) return { digits, exp };
    exp += digits.length > significant ? 1 : -1;
  }
  const digits = scaledRound(a, significant - 1 - exp).toString();
  return { digits: digits.slice(0, significant), exp };
}

function exponent(exp: number): string {
  return `e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function scientific(x: number, precision: number, alternate: boolean): string {
  const { digits, exp } = significantDigits(x, precision + 1);
  const mantissa = precision > 0 || alternate ? `${digits[0]}.${digits.slice(1)}` : digits;
  return mantissa + exponent(exp);
}

/** `g`: fixed or scientific by the exponent, trailing zeros removed unless `#`. */
function general(x: number, precision: number, alternate: boolean, noneType: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) {
    const zero = alternate ? `0.${'0'.repeat(p - 1)}` : '0';
    return noneType && !zero.includes('.') ? `${zero}.0` : zero;
  }
  const { digits, exp } = significantDigits(x, p);
  let out: string;
  if (exp >= -4 && exp < p) {
    const decimals = Math.max(0, p - 1 - exp);
    out = fixed(x, decimals);
    if (!alternate && out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
    if (noneType && !out.includes('.')) out += '.0';
  } else {
    let mantissa = digits.length > 1 || alternate ? `${digits[0]}.${digits.slice(1)}` : digits;
    if (!alternate && mantissa.includes('.')) mantissa = mantissa.replace(/0+$/, '').replace(/\.$/, '');
    out = mantissa + exponent(exp);
  }
  return out;
}

function group(intPart: string, sep: string, every: number): string {
  if (!sep) return intPart;
  let out = '';
  for (let i = intPart.length; i > 0; i -= every) out = intPart.slice(Math.max(0, i - every), i) + (out ? sep + out : '');
  return out;
}

function pad(body: string, sign: string, spec: Spec, defaultAlign: string): string {
  const align = spec.align || (spec.zero && !spec.align ? '=' : defaultAlign);
  const total = sign.length + [...body].length;
  if (total >= spec.width) return sign + body;
  const fill = spec.fill.repeat(spec.width - total);
  switch (align) {
    case '<':
      return sign + body + fill;
    case '^': {
      const left = Math.floor((spec.width - total) / 2);
      return spec.fill.repeat(left) + sign + body + spec.fill.repeat(spec.width - total - left);
    }
    case '=':
      return sign + fill + body;
    default:
      return fill + sign + body;
  }
}

function formatNumber(value: number, spec: Spec, isInteger: boolean): string {
  let type = spec.type;
  if (isInteger && 'bcdoxXn'.includes(type) && type !== '') {
    if (spec.precision !== undefined)
      throw new PyError('template-syntax', 'Precision not allowed in integer format specifier', spec, 'no precision for an int');
  }
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  const a = Math.abs(value);
  let body: string;
  const intSep = spec.grouping;
  let every = 3;
  if (!Number.isFinite(value)) {
    body = Number.isNaN(value) ? 'nan' : 'inf';
    if ('EFG'.includes(type) && type !== '') body = body.toUpperCase();
    if (type === '%') body += '%';
    return pad(
      body,
      Number.isNaN(value) ? (spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '') : sign,
      { ...spec, fill: spec.zero && !spec.align ? ' ' : spec.fill },
      '>',
    );
  }
  if (isInteger && (type === '' || type === 'd' || type === 'n')) {
    body = BigInt(a).toString();
  } else if (isInteger && 'boxX'.includes(type)) {
    const radix = type === 'b' ? 2 : type === 'o' ? 8 : 16;
    body = BigInt(a).toString(radix);
    if (type === 'X') body = body.toUpperCase();
    every = 4;
    if (spec.grouping === ',')
      throw new PyError(
        'template-syntax',
        `Cannot specify ',' with '${type}'.`,
        spec,
        "'_' to group binary, octal or hex digits",
      );
    const prefix = spec.alternate ? (type === 'b' ? '0b' : type === 'o' ? '0o' : type === 'X' ? '0X' : '0x') : '';
    return padNumber(prefix, body, sign, spec, intSep, every);
  } else if (isInteger && type === 'c') {
    return pad(String.fromCodePoint(a), '', spec, '<');
  } else {
    if (!isInteger || 'eEfFgG%'.includes(type)) {
      const p = spec.precision;
      if (type === '') type = isInteger ? 'd' : '';
      switch (type) {
        case 'f':
        case 'F':
          body = fixed(a, p ?? 6);
          if (spec.alternate && !body.includes('.')) body += '.';
          break;
        case 'e':
        case 'E':
          body = scientific(a, p ?? 6, spec.alternate);
          if (type === 'E') body = body.toUpperCase();
          break;
        case 'g':
        case 'G':
        case 'n':
          body = general(a, p ?? 6, spec.alternate, false);
          if (type === 'G') body = body.toUpperCase();
          break;
        case '%':
          body = `${fixed(a * 100, p ?? 6)}%`;
          break;
        case '':
          body = p === undefined ? floatRepr(a) : general(a, p, spec.alternate, true);
          break;
        default:
          throw new PyError(
            'template-syntax',
            `Unknown format code '${type}' for object of type 'float'`,
            type,
            'a float format code (e, f, g, %)',
          );
      }
    } else {
      throw new PyError('template-syntax', `Unknown format code '${type}' for object of type 'int'`, type, 'an int format code');
    }
  }
  return padNumber('', body, sign, spec, intSep, every);
}

function padNumber(prefix: string, body: string, sign: string, spec: Spec, sep: string, every: number): string {
  const point = body.search(/[.e%]/);
  let intPart = point < 0 ? body : body.slice(0, point);
  const rest = point < 0 ? '' : body.slice(point);
  const align = spec.align || (spec.zero ? '=' : '>');
  if (align === '=' && spec.fill === '0' && sep) {
    // Zero padding of a grouped number pads with grouped zeros, as CPython does.
    const target = spec.width - sign.length - prefix.length - rest.length;
    let grouped = group(intPart, sep, every);
    while (grouped.length < target) {
      intPart = `0${intPart}`;
      grouped = group(intPart, sep, every);
    }
    return sign + prefix + grouped + rest;
  }
  return pad(group(intPart, sep, every) + rest, sign + prefix, spec, '>');
}

/** Python's `format(value, spec)`. */
export function formatSpec(value: unknown, spec: string): string {
  if (spec === '') return str(value);
  if (value instanceof PyFloat || typeof value === 'number') {
    return formatNumber(num(value), parseSpec(spec), !isFloat(value));
  }
  if (typeof value === 'boolean') return formatNumber(value ? 1 : 0, parseSpec(spec), true);
  if (isString(value)) {
    const s = parseSpec(spec);
    if (s.type !== '' && s.type !== 's')
      throw new PyError(
        'invalid-type',
        `Unknown format code '${s.type}' for object of type 'str' (${repr(text(value))} is a string; convert it with |float or |int first)`,
        value,
        'a number for this format code',
      );
    if (s.sign !== '-' || s.alternate || s.grouping || (s.align === '=' && s.align))
      throw new PyError(
        'template-syntax',
        `Invalid format specifier '${spec}' for object of type 'str'`,
        spec,
        'a string format',
      );
    const t = s.precision !== undefined ? [...text(value)].slice(0, s.precision).join('') : text(value);
    return pad(t, '', s, '<');
  }
  throw new PyError(
    'invalid-type',
    `unsupported format string passed to ${typeName(value)}.__format__ (${repr(value)} with '${spec}')`,
    value,
    'a number or a string',
  );
}

// ---- str.format ----

function fieldValue(field: string, args: unknown[], kwargs: Record<string, unknown>, auto: { next: number }): unknown {
  const m = /^([^.[]*)(.*)$/s.exec(field) as RegExpExecArray;
  const head = m[1] as string;
  let value: unknown;
  if (head === '') {
    if (auto.next < 0)
      throw new PyError(
        'template-syntax',
        'cannot switch from manual field specification to automatic field numbering',
        field,
        'one numbering style',
      );
    value = args[auto.next];
    if (auto.next >= args.length)
      throw new PyError(
        'out-of-range',
        `Replacement index ${auto.next} out of range for positional args tuple`,
        auto.next,
        'an argument for every {}',
      );
    auto.next++;
  } else if (/^\d+$/.test(head)) {
    auto.next = -1;
    const i = Number(head);
    if (i >= args.length)
      throw new PyError(
        'out-of-range',
        `Replacement index ${i} out of range for positional args tuple`,
        i,
        'an argument for every {}',
      );
    value = args[i];
  } else {
    if (!Object.hasOwn(kwargs, head))
      throw new PyError('undefined-variable', `KeyError: '${head}' in format string`, head, 'a keyword argument of that name');
    value = kwargs[head];
  }
  let rest = m[2] as string;
  while (rest) {
    const step = /^\.([^.[]+)|^\[([^\]]+)\]/.exec(rest);
    if (!step)
      throw new PyError(
        'template-syntax',
        `Only '.' or '[' may follow ']' in format field specifier`,
        field,
        'a field such as {0.name} or {0[key]}',
      );
    if (step[1] !== undefined) {
      if (isDict(value) || Array.isArray(value) || isString(value))
        throw new PyError(
          'undefined-variable',
          `'${typeName(value)}' object has no attribute '${step[1]}' (write {0[${step[1]}]} for a key)`,
          step[1],
          'an attribute that exists',
        );
      value = attribute(value, step[1]);
    } else {
      const key = step[2] as string;
      value = Array.isArray(value) && /^\d+$/.test(key) ? value[Number(key)] : attribute(value, key);
    }
    rest = rest.slice(step[0].length);
  }
  return value;
}

function attribute(value: unknown, name: string): unknown {
  if (value !== null && typeof value === 'object' && name in (value as object) && !isMarkup(value))
    return (value as Record<string, unknown>)[name];
  throw new PyError(
    'undefined-variable',
    `'${typeName(value)}' object has no attribute or key '${name}'`,
    name,
    'an attribute that exists',
  );
}

/** Python's `str.format(*args, **kwargs)`. */
export function strFormat(template: string, args: unknown[], kwargs: Record<string, unknown>): string {
  const auto = { next: 0 };
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i] as string;
    if (c === '{') {
      if (template[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      // The field runs to the matching brace (a spec may hold nested {} fields).
      let depth = 1;
      let j = i + 1;
      while (j < template.length && depth > 0) {
        if (template[j] === '{') depth++;
        else if (template[j] === '}') depth--;
        j++;
      }
      if (depth > 0)
        throw new PyError('template-syntax', "Single '{' encountered in format string", template, "'{{' for a literal brace");
      const inner = template.slice(i + 1, j - 1);
      const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(inner);
      if (!m) throw new PyError('template-syntax', `Invalid format field {${inner}}`, inner, 'a field such as {0:,.2f}');
      let value = fieldValue(m[1] as string, args, kwargs, auto);
      if (m[2] === 'r' || m[2] === 'a') value = repr(value);
      else if (m[2] === 's') value = str(value);
      const spec = (m[3] ?? '').replace(/\{([^{}]*)\}/g, (_, f: string) => str(fieldValue(f, args, kwargs, auto)));
      out += formatSpec(value, spec);
      i = j;
    } else if (c === '}') {
      if (template[i + 1] !== '}')
        throw new PyError('template-syntax', "Single '}' encountered in format string", template, "'}}' for a literal brace");
      out += '}';
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// ---- printf-style % formatting ----

const PERCENT = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/gs;

/** Python's `template % args`: args is a tuple (array marked tuple), a dict or one value. */
export function percentFormat(template: string, args: unknown): string {
  const positional = isTuple(args) ? (args as unknown[]) : [args];
  const mapping = isDict(args) ? args : undefined;
  let used = 0;
  let usedMapping = false;
  const next = (): unknown => {
    if (used >= positional.length)
      throw new PyError('out-of-range', 'not enough arguments for format string', template, 'an argument for every %-field');
    return positional[used++];
  };
  const out = template.replace(
    PERCENT,
    (
      whole,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      type: string | undefined,
    ) => {
      if (type === undefined)
        throw new PyError(
          'template-syntax',
          `incomplete format ('${whole}')`,
          whole,
          "a complete %-field such as '%.2f' or '%%' for a percent sign",
        );
      if (type === '%' && whole === '%%') return '%';
      const w = boundedField(width === '*' ? num(next()) : width ? Number(width) : 0, 'width', whole);
      const p = prec === '*' ? num(next()) : prec !== undefined ? Number(prec) : undefined;
      if (p !== undefined) boundedField(p, 'precision', whole);
      let value: unknown;
      if (key !== undefined) {
        if (!mapping) throw new PyError('invalid-type', 'format requires a mapping', args, 'a dict for %(name)s fields');
        usedMapping = true;
        if (!Object.hasOwn(mapping, key)) throw new PyError('undefined-variable', `KeyError: '${key}'`, key, 'a key of the dict');
        value = mapping[key];
      } else if (type === '%') {
        return '%';
      } else value = mapping && !isTuple(args) && used === 0 && positional.length === 1 ? next() : next();
      const left = flags.includes('-');
      const spec: Spec = {
        fill: flags.includes('0') && !left && !'sr'.includes(type) ? '0' : ' ',
        align: left ? '<' : flags.includes('0') && !'sr'.includes(type) ? '=' : '>',
        sign: flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '-',
        alternate: flags.includes('#'),
        zero: false,
        width: w,
        grouping: '',
        precision: p,
        type: '',
      };
      switch (type) {
        case 's':
        case 'r':
        case 'a': {
          let t = type === 's' ? str(value) : repr(value);
          if (p !== undefined) t = [...t].slice(0, p).join('');
          return pad(t, '', spec, '>');
        }
        case 'c': {
          const t = isString(value) ? text(value) : String.fromCodePoint(num(value));
          return pad(t, '', spec, '>');
        }
        case 'd':
        case 'i':
        case 'u': {
          const n = realNumber(value, type);
          const truncated = Math.trunc(n);
          return formatNumber(truncated, { ...spec, type: 'd', precision: undefined }, true);
        }
        case 'o':
        case 'x':
        case 'X': {
          if (!(isNumber(value) && !isFloat(value)) && typeof value !== 'boolean')
            throw new PyError('invalid-type', `%${type} format: an integer is required, not ${typeName(value)}`, value, 'an int');
          const s = formatNumber(num(value), { ...spec, type, alternate: false, precision: undefined }, true);
          if (!spec.alternate) return s;
          const prefix = type === 'o' ? '0o' : type === 'x' ? '0x' : '0X';
          return formatNumber(num(value), { ...spec, type, precision: undefined, alternate: true }, true).replace(
            /0[oxX]/,
            prefix,
          );
        }
        default: {
          const n = realNumber(value, type);
          return formatNumber(n, { ...spec, type, precision: p ?? 6 }, false);
        }
      }
    },
  );
  if (!mapping || isTuple(args)) {
    if (used < positional.length && !(mapping && usedMapping))
      throw new PyError('invalid-type', 'not all arguments converted during string formatting', args, 'one argument per %-field');
  }
  return out;
}

function realNumber(value: unknown, type: string): number {
  if (isNumber(value) || typeof value === 'boolean') return num(value);
  throw new PyError(
    'invalid-type',
    `%${type} format: a real number is required, not ${typeName(value)}${isString(value) ? ` (${repr(text(value))} is a string; convert it with |float)` : ''}`,
    value,
    'a number',
  );
}
