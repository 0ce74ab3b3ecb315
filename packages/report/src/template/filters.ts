// Jinja2 3.1's builtin filters, with Jinja2's arguments (positional and keyword) and results.
// Each is called with the nunjucks context as `this` and the filtered value first.
import { formatSpec, percentFormat } from './format.js';
import { MAX_RANGE } from './globals.js';
import { bind, capitalize, center, getattr, getitem, iterate, splitArgs, stripWhitespace } from './methods.js';
import {
  compare,
  equals,
  escapeHtml,
  escapeMarkup,
  float,
  floatRepr,
  isDict,
  isFloat,
  isInt,
  isMarkup,
  isNumber,
  isString,
  isTuple,
  markup,
  num,
  PyError,
  PyFloat,
  repr,
  str,
  text,
  truthy,
  tuple,
  typeName,
} from './python.js';

export type Filter = (this: unknown, value: unknown, ...args: unknown[]) => unknown;

/** The env a filter runs in: its tests and filters (for select, map), via the nunjucks context. */
interface FilterContext {
  env: { getTest(name: string): unknown; getFilter(name: string): unknown };
}

function env(self: unknown): FilterContext['env'] {
  return (self as FilterContext).env;
}

/** Jinja2's attribute paths: `'a.b'`, `'0'` (an index), as make_attrgetter splits them. */
export function attrGetter(attribute: unknown, dflt?: unknown, lower = false): (item: unknown) => unknown {
  const parts =
    typeof attribute === 'number'
      ? [attribute]
      : isString(attribute)
        ? text(attribute)
            .split('.')
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
        : [attribute];
  return (item: unknown) => {
    let v = item;
    // An attribute of Undefined is an error in Jinja2 (map(attribute=) over missing values, say).
    if (v === undefined)
      throw new PyError(
        'undefined-variable',
        `undefined value has no attribute ${repr(attribute)}`,
        attribute,
        'defined items',
        'attribute',
      );
    for (const part of parts) {
      v = getitem(v, part);
      if (v === undefined) {
        v = dflt;
        break;
      }
    }
    if (lower && isString(v)) return text(v).toLowerCase();
    return v;
  };
}

function seq(value: unknown): unknown[] {
  return iterate(value);
}

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

function needInt(value: unknown, filter: string, arg: string): number {
  if (isInt(value) || typeof value === 'boolean') return num(value);
  throw new PyError(
    'invalid-type',
    `${filter} filter: ${arg} must be an integer, got ${typeName(value)} ${repr(value)}`,
    value,
    'an int',
    `|${filter}`,
  );
}

function sortKey(caseSensitive: unknown, attribute: unknown): (item: unknown) => unknown {
  const get = attribute === null || attribute === undefined ? (x: unknown) => x : attrGetter(attribute);
  return (item) => {
    const v = get(item);
    return !truthy(caseSensitive) && isString(v) ? text(v).toLowerCase() : v;
  };
}

/**
 * Python's sorted(): stable. With `equalFirst`, keys that are equal (two missing attributes, as
 * Jinja2's sort compares one-item lists of them) compare equal without being ordered.
 */
function sortBy(items: unknown[], key: (x: unknown) => unknown, reverse: boolean, equalFirst = false): unknown[] {
  const keyed = items.map((item, i) => ({ item, key: key(item), i }));
  keyed.sort((a, b) => {
    const c = equalFirst && equals(a.key, b.key) ? 0 : compare(a.key, b.key);
    return c !== 0 ? (reverse ? -c : c) : a.i - b.i;
  });
  return keyed.map((k) => k.item);
}

/** Python's round(x, n): correctly rounded, half to even, on the double's exact value. */
export function pyRound(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  if (n >= 0) return Number(formatSpec(x, `.${Math.min(n, 300)}f`));
  const scale = 10 ** -n;
  const q = Number(formatSpec(x / scale, '.0f'));
  return q * scale;
}

function testArgs(self: unknown, args: unknown[], filter: string): (item: unknown) => boolean {
  const { pos, kw } = splitArgs(args);
  if (pos.length === 0) return (item) => truthy(item);
  const name = str(pos[0]);
  let test: ((...a: unknown[]) => unknown) | undefined;
  try {
    test = env(self).getTest(name) as (...a: unknown[]) => unknown;
  } catch {
    test = undefined;
  }
  if (typeof test !== 'function')
    throw new PyError(
      'template-syntax',
      `${filter}: no test named '${name}'`,
      name,
      'the name of a Jinja2 test, e.g. "equalto" or "odd"',
      `|${filter}`,
    );
  const rest = pos.slice(1);
  const hasKw = Object.keys(kw).length > 0;
  return (item) => test.call(self, item, ...rest, ...(hasKw ? [{ ...kw, __keywords: true }] : [])) === true;
}

function selectOrReject(self: unknown, value: unknown, args: unknown[], keep: boolean, filter: string): unknown[] {
  const t = testArgs(self, args, filter);
  if (!truthy(value)) return [];
  return seq(value).filter((item) => t(item) === keep);
}

function selectOrRejectAttr(self: unknown, value: unknown, args: unknown[], keep: boolean, filter: string): unknown[] {
  if (!truthy(value)) return [];
  const { pos, kw } = splitArgs(args);
  if (pos.length === 0)
    throw new PyError('invalid-type', `${filter}: missing the attribute to test`, undefined, 'an attribute name', `|${filter}`);
  const get = attrGetter(pos[0]);
  const t = testArgs(self, [...pos.slice(1), ...(Object.keys(kw).length ? [{ ...kw, __keywords: true }] : [])], filter);
  return seq(value).filter((item) => t(get(item)) === keep);
}

function minMax(value: unknown, args: unknown[], which: 'min' | 'max'): unknown {
  const [caseSensitive, attribute] = bind(
    which,
    [
      ['case_sensitive', false],
      ['attribute', null],
    ],
    args,
  );
  const items = seq(value);
  if (items.length === 0) return undefined;
  const key = sortKey(caseSensitive, attribute);
  let best = items[0];
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    const c = compare(k, bestKey);
    if ((which === 'min' && c < 0) || (which === 'max' && c > 0)) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

/** Jinja2's `do_title`: words begin after a space, dash or opening bracket. */
function jinjaTitle(s: string): string {
  return s
    .split(/([-\s({[<]+)/)
    .filter((item) => item)
    .map((item) => {
      const [first = '', ...rest] = [...item];
      return first.toUpperCase() + rest.join('').toLowerCase();
    })
    .join('');
}

function stringOf(value: unknown): string {
  return str(value);
}

/** The text of a filter that works on strings only (Jinja2 raises for other values there). */
function needText(value: unknown, filter: string, undefinedIsEmpty = true): string {
  if (isString(value)) return text(value);
  if (value === undefined) {
    if (undefinedIsEmpty) return '';
    throw new PyError('undefined-variable', `${filter} filter got an undefined value`, value, 'a string', `|${filter}`);
  }
  throw new PyError(
    'invalid-type',
    `${filter} filter needs a string, got ${typeName(value)} ${repr(value)}${value === null ? '' : ' (convert it with |string first)'}`,
    value,
    'a string',
    `|${filter}`,
  );
}

/** Keep Markup as Markup through a string transformation, as Jinja2's soft_str does. */
function soft(value: unknown, f: (s: string) => string): unknown {
  if (isMarkup(value)) return markup(f(String(value)));
  return f(stringOf(value));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e] ?? whole;
  });
}

/** markupsafe's striptags: comments and tags out, entities decoded, whitespace collapsed. */
function striptags(s: string): string {
  const noComments = s.replace(/<!--[\s\S]*?-->/g, '');
  const noTags = noComments.replace(/<[^>]*>/g, '');
  return unescapeHtml(noTags.split(/\s+/).filter(Boolean).join(' '));
}

/** Python's json.dumps(sort_keys=True) with Jinja2's HTML-safe replacements. */
function toJson(value: unknown, indent: unknown, level = 0): string {
  const ind = indent === null || indent === undefined ? undefined : isString(indent) ? text(indent) : ' '.repeat(num(indent));
  const nl = (l: number) => (ind === undefined ? '' : `\n${ind.repeat(l)}`);
  const sep = ind === undefined ? ', ' : ',';
  if (value === undefined)
    throw new PyError('invalid-type', 'Object of type Undefined is not JSON serializable', value, 'JSON data', '|tojson');
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number' || value instanceof PyFloat) {
    const x = num(value);
    if (Number.isNaN(x)) return 'NaN';
    if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
    return isFloat(value) ? floatRepr(x) : String(x);
  }
  if (isString(value)) return jsonString(text(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => nl(level + 1) + toJson(v, indent, level + 1)).join(sep)}${nl(level)}]`;
  }
  if (isDict(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return '{}';
    return `{${keys.map((k) => `${nl(level + 1)}${jsonString(k)}: ${toJson(value[k], indent, level + 1)}`).join(sep)}${nl(level)}}`;
  }
  if (value instanceof Date) return jsonString(value.toISOString());
  throw new PyError('invalid-type', `Object of type ${typeName(value)} is not JSON serializable`, value, 'JSON data', '|tojson');
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function htmlSafeJson(json: string): string {
  return json.replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** urllib.parse.quote with Jinja2's url_quote (safe '/' for strings, '' for query values). */
function urlQuote(value: unknown, forQuery = false): string {
  const s = isString(value) ? text(value) : str(value);
  const bytes = new TextEncoder().encode(s);
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9_.\-~]/.test(ch) || (!forQuery && ch === '/')) out += ch;
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return forQuery ? out.replace(/%20/g, '+') : out;
}

function wordwrap(s: string, width: number, breakLong: boolean, wrapstring: string, breakOnHyphens: boolean): string {
  // textwrap.TextWrapper with replace_whitespace and drop_whitespace, paragraph by paragraph.
  // str.splitlines(): a last line break does not start another line.
  const paragraphs = s.split(/\r\n|\r|\n/);
  if (paragraphs.length > 1 && paragraphs[paragraphs.length - 1] === '') paragraphs.pop();
  return paragraphs
    .map((para) => {
      const chunks = para
        .replace(/\s/g, ' ')
        .split(breakOnHyphens ? /( +|(?<=\w-)(?=\w))/ : /( +)/)
        .filter((c) => c !== '');
      const lines: string[] = [];
      let line: string[] = [];
      let len = 0;
      chunks.reverse();
      while (chunks.length) {
        let chunk = chunks.pop() as string;
        if (/^ +$/.test(chunk) && line.length === 0 && lines.length > 0) continue;
        if (len + chunk.length <= width) {
          line.push(chunk);
          len += chunk.length;
          continue;
        }
        if (chunk.length > width && breakLong && !/^ +$/.test(chunk)) {
          const room = Math.max(1, width - len);
          line.push(chunk.slice(0, room));
          chunks.push(chunk.slice(room));
          chunk = '';
        } else if (line.length === 0) {
          line.push(chunk);
          chunk = '';
        } else chunks.push(chunk);
        while (line.length && /^ +$/.test(line[line.length - 1] as string)) line.pop();
        if (line.length) lines.push(line.join(''));
        line = [];
        len = 0;
      }
      while (line.length && /^ +$/.test(line[line.length - 1] as string)) line.pop();
      if (line.length) lines.push(line.join(''));
      return lines.join(wrapstring);
    })
    .join(wrapstring);
}

// Jinja2's urlize patterns (jinja2/utils.py): a URL needs a two-letter top-level domain or an IP.
const HTTP_URL = /^((https?:\/\/|www\.)(([\w%-]+\.)+)?([a-z]{2,63}|[\d.]+|\[[\da-f:]+\]))(:\d+)?(\/.*)?$/iu;
const EMAIL = /^\S+@\w[\w.-]*\.\w+$/u;

/** Jinja2's urlize: the text is escaped, then each word that is a URL or an address becomes a link. */
function urlize(source: string, limit: number | undefined, nofollow: boolean, target: unknown, rel: unknown): string {
  const rels = new Set(rel === null || rel === undefined ? [] : str(rel).split(/\s+/).filter(Boolean));
  if (nofollow) rels.add('nofollow');
  rels.add('noopener');
  const relAttr = ` rel="${escapeHtml([...rels].sort().join(' '))}"`;
  const targetAttr = target !== null && target !== undefined && str(target) ? ` target="${escapeHtml(str(target))}"` : '';
  const trim = (u: string) => (limit !== undefined && u.length > limit ? `${u.slice(0, limit)}...` : u);
  const words = escapeHtml(source).split(/(\s+)/);
  return words
    .map((word) => {
      let head = '';
      let middle = word;
      let tail = '';
      const lead = /^([(<]|&lt;)+/.exec(middle);
      if (lead) {
        head = lead[0];
        middle = middle.slice(lead[0].length);
      }
      if (/([)>.,\n]|&gt;)$/.test(middle)) {
        const trail = /([)>.,\n]|&gt;)+$/.exec(middle);
        if (trail) {
          tail = trail[0];
          middle = middle.slice(0, trail.index);
        }
      }
      for (const [open, close] of [
        ['(', ')'],
        ['<', '>'],
        ['&lt;', '&gt;'],
      ] as const) {
        const starts = middle.split(open).length - 1;
        if (starts <= middle.split(close).length - 1) continue;
        for (let i = 0; i < Math.min(starts, tail.split(close).length - 1); i++) {
          const end = tail.indexOf(close) + close.length;
          middle += tail.slice(0, end);
          tail = tail.slice(end);
        }
      }
      if (HTTP_URL.test(middle)) {
        const href = /^https?:\/\//.test(middle) ? middle : `https://${middle}`;
        middle = `<a href="${href}"${relAttr}${targetAttr}>${trim(middle)}</a>`;
      } else if (middle.startsWith('mailto:') && EMAIL.test(middle.slice(7))) {
        middle = `<a href="${middle}">${middle.slice(7)}</a>`;
      } else if (middle.includes('@') && !middle.startsWith('www.') && !middle.includes(':') && EMAIL.test(middle)) {
        middle = `<a href="mailto:${middle}">${middle}</a>`;
      }
      return head + middle + tail;
    })
    .join('');
}

/** Jinja2's groupby result: a (grouper, list) tuple with `.grouper` and `.list`. */
function groupTuple(grouper: unknown, list: unknown[]): unknown[] {
  const t = tuple([grouper, list]);
  Object.defineProperty(t, 'grouper', { value: grouper, enumerable: false });
  Object.defineProperty(t, 'list', { value: list, enumerable: false });
  return t;
}

export const jinjaFilters: Record<string, Filter> = {
  abs(value) {
    if (typeof value === 'bigint') return value < 0n ? -value : value;
    const x = needNumber(value, 'abs');
    return isFloat(value) ? float(Math.abs(x)) : Math.abs(x);
  },
  attr(value, ...args) {
    const [name] = bind('attr', [['name', undefined]], args);
    return getattr(value, str(name));
  },
  batch(value, ...args) {
    const [count, fill] = bind(
      'batch',
      [
        ['linecount', undefined],
        ['fill_with', null],
      ],
      args,
    );
    const n = needInt(count, 'batch', 'linecount');
    if (n <= 0)
      throw new PyError('out-of-range', `batch filter: linecount must be positive, got ${n}`, n, 'a positive int', '|batch');
    const items = seq(value);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    const last = out[out.length - 1];
    if (fill !== null && last && last.length < n) while (last.length < n) last.push(fill);
    return out;
  },
  capitalize(value) {
    return soft(value, capitalize);
  },
  center(value, ...args) {
    const [width] = bind('center', [['width', 80]], args);
    return soft(value, (s) => center(s, needInt(width, 'center', 'width')));
  },
  default(value, ...args) {
    const [dflt, boolean] = bind(
      'default',
      [
        ['default_value', ''],
        ['boolean', false],
      ],
      args,
    );
    if (value === undefined || (truthy(boolean) && !truthy(value))) return dflt;
    return value;
  },
  dictsort(value, ...args) {
    const [caseSensitive, by, reverse] = bind(
      'dictsort',
      [
        ['case_sensitive', false],
        ['by', 'key'],
        ['reverse', false],
      ],
      args,
    );
    if (!isDict(value))
      throw new PyError('invalid-type', `dictsort filter needs a dict, got ${typeName(value)}`, value, 'a dict', '|dictsort');
    const pos = by === 'key' ? 0 : by === 'value' ? 1 : -1;
    if (pos < 0)
      throw new PyError('out-of-range', "You can only sort by either 'key' or 'value'", by, "'key' or 'value'", '|dictsort');
    const items = Object.keys(value).map((k) => tuple([k, value[k]]));
    return sortBy(items, (item) => sortKey(caseSensitive, null)((item as unknown[])[pos]), truthy(reverse));
  },
  escape(value) {
    return escapeMarkup(value);
  },
  filesizeformat(value, ...args) {
    definedForNumber(value, 'filesizeformat');
    const [binary] = bind('filesizeformat', [['binary', false]], args);
    const bytes = isString(value) ? num(jinjaFilters.float?.call(this, value, Number.NaN)) : needNumber(value, 'filesizeformat');
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
  first(value) {
    const items = seq(value);
    return items.length ? items[0] : undefined;
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
  forceescape(value) {
    return markup(escapeHtml(str(value)));
  },
  format(value, ...args) {
    const { pos, kw } = splitArgs(args);
    if (pos.length && Object.keys(kw).length)
      throw new PyError(
        'invalid-type',
        "can't handle positional and keyword arguments at the same time",
        args,
        'positional or keyword arguments',
        '|format',
      );
    const out = percentFormat(stringOf(value), Object.keys(kw).length ? kw : tuple(pos));
    return isMarkup(value) ? markup(out) : out;
  },
  groupby(value, ...args) {
    const [attribute, dflt, caseSensitive] = bind(
      'groupby',
      [
        ['attribute', undefined],
        ['default', null],
        ['case_sensitive', false],
      ],
      args,
    );
    const key = attrGetter(attribute, dflt === null ? undefined : dflt, !truthy(caseSensitive));
    const sorted = sortBy(seq(value), key, false);
    const groups: { key: unknown; items: unknown[] }[] = [];
    for (const item of sorted) {
      const k = key(item);
      const last = groups[groups.length - 1];
      if (last && equals(last.key, k)) last.items.push(item);
      else groups.push({ key: k, items: [item] });
    }
    const real = attrGetter(attribute, dflt === null ? undefined : dflt);
    return groups.map((g) => groupTuple(truthy(caseSensitive) ? g.key : real(g.items[0]), g.items));
  },
  indent(value, ...args) {
    const [width, first, blank] = bind(
      'indent',
      [
        ['width', 4],
        ['first', false],
        ['blank', false],
      ],
      args,
    );
    const pad = isString(width) ? text(width) : ' '.repeat(needInt(width, 'indent', 'width'));
    const s = needText(value, 'indent', false);
    const nl = '\n';
    let rv: string;
    if (truthy(blank)) rv = s.split(nl).join(nl + pad);
    else {
      const lines = s.split(nl);
      rv = lines.shift() as string;
      if (lines.length) rv += nl + lines.map((l) => (l ? pad + l : l)).join(nl);
    }
    if (truthy(first)) rv = pad + rv;
    return isMarkup(value) ? markup(rv) : rv;
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
  items(value) {
    if (value === undefined) return [];
    if (!isDict(value))
      throw new PyError(
        'invalid-type',
        `Can only get item pairs from a mapping, not ${typeName(value)}`,
        value,
        'a dict',
        '|items',
      );
    return Object.keys(value).map((k) => tuple([k, value[k]]));
  },
  join(value, ...args) {
    const [d, attribute] = bind(
      'join',
      [
        ['d', ''],
        ['attribute', null],
      ],
      args,
    );
    let items = seq(value);
    if (attribute !== null) items = items.map(attrGetter(attribute));
    if (isMarkup(d)) return markup(items.map((i) => text(escapeMarkup(i))).join(String(d)));
    if (items.some(isMarkup)) {
      const sep = text(escapeMarkup(d));
      return markup(items.map((i) => text(escapeMarkup(i))).join(sep));
    }
    return items.map(str).join(str(d));
  },
  last(value) {
    const items = seq(value);
    const item = items.length ? items[items.length - 1] : undefined;
    // Python reads a str backwards by index, and a Markup's items are Markup.
    return isMarkup(value) && item !== undefined ? markup(item as string) : item;
  },
  length(value) {
    if (value === undefined) return 0;
    if (isString(value)) return [...text(value)].length;
    if (isDict(value)) return Object.keys(value).length;
    if (Array.isArray(value)) return value.length;
    if (value instanceof Map || value instanceof Set) return value.size;
    throw new PyError(
      'invalid-type',
      `object of type '${typeName(value)}' has no len()`,
      value,
      'a list, a dict or a string',
      '|length',
    );
  },
  list(value) {
    return seq(value).slice();
  },
  lower(value) {
    return soft(value, (s) => s.toLowerCase());
  },
  map(value, ...args) {
    const { pos, kw } = splitArgs(args);
    const items = truthy(value) ? seq(value) : [];
    if (pos.length === 0 && Object.hasOwn(kw, 'attribute')) {
      const get = attrGetter(kw.attribute, kw.default);
      for (const k of Object.keys(kw))
        if (k !== 'attribute' && k !== 'default')
          throw new PyError('invalid-type', `Unexpected keyword argument '${k}'`, k, 'attribute, default', '|map');
      return items.map(get);
    }
    if (pos.length === 0)
      throw new PyError('invalid-type', 'map requires a filter argument', undefined, 'a filter name or attribute=', '|map');
    const name = str(pos[0]);
    let filter: ((...a: unknown[]) => unknown) | undefined;
    try {
      filter = env(this).getFilter(name) as (...a: unknown[]) => unknown;
    } catch {
      filter = undefined;
    }
    if (typeof filter !== 'function')
      throw new PyError('template-syntax', `map: no filter named '${name}'`, name, 'the name of a filter', '|map');
    const rest = pos.slice(1);
    const hasKw = Object.keys(kw).length > 0;
    return items.map((item) =>
      (filter as (...a: unknown[]) => unknown).call(this, item, ...rest, ...(hasKw ? [{ ...kw, __keywords: true }] : [])),
    );
  },
  max(value, ...args) {
    return minMax(value, args, 'max');
  },
  min(value, ...args) {
    return minMax(value, args, 'min');
  },
  pprint(value) {
    return repr(value, 0, true);
  },
  random(value) {
    const items = seq(value);
    if (items.length === 0)
      throw new PyError('out-of-range', 'Cannot choose from an empty sequence', value, 'a non-empty list', '|random');
    return items[Math.floor(Math.random() * items.length)];
  },
  reject(value, ...args) {
    return selectOrReject(this, value, args, false, 'reject');
  },
  rejectattr(value, ...args) {
    return selectOrRejectAttr(this, value, args, false, 'rejectattr');
  },
  replace(value, ...args) {
    const [old, rep, count] = bind(
      'replace',
      [
        ['old', undefined],
        ['new', undefined],
        ['count', null],
      ],
      args,
    );
    const max = count === null ? -1 : needInt(count, 'replace', 'count');
    const doReplace = (s: string, o: string, n: string) => {
      if (max < 0) return o === '' ? n + [...s].join(n) + (s ? n : '') : s.split(o).join(n);
      let out = '';
      let rest = s;
      for (let i = 0; i < max; i++) {
        const at = rest.indexOf(o);
        if (at < 0 || o === '') break;
        out += rest.slice(0, at) + n;
        rest = rest.slice(at + o.length);
      }
      return out + rest;
    };
    if (isMarkup(value) || isMarkup(old) || isMarkup(rep)) {
      return markup(doReplace(text(escapeMarkup(value)), text(escapeMarkup(old)), text(escapeMarkup(rep))));
    }
    return doReplace(stringOf(value), stringOf(old), stringOf(rep));
  },
  reverse(value) {
    if (isString(value)) return [...text(value)].reverse().join('');
    return seq(value).slice().reverse();
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
  safe(value) {
    return isMarkup(value) ? value : markup(str(value));
  },
  select(value, ...args) {
    return selectOrReject(this, value, args, true, 'select');
  },
  selectattr(value, ...args) {
    return selectOrRejectAttr(this, value, args, true, 'selectattr');
  },
  slice(value, ...args) {
    const [slices, fill] = bind(
      'slice',
      [
        ['slices', undefined],
        ['fill_with', null],
      ],
      args,
    );
    const n = needInt(slices, 'slice', 'slices');
    if (n <= 0)
      throw new PyError('out-of-range', `slice filter: slices must be positive, got ${n}`, n, 'a positive int', '|slice');
    // As many slices as range() may count: slice(10**9) would make a billion lists.
    if (n > MAX_RANGE)
      throw new PyError(
        'too-large',
        `slice filter: at most ${MAX_RANGE} slices, got ${n}`,
        n,
        `at most ${MAX_RANGE} slices`,
        '|slice',
      );
    const items = seq(value);
    const per = Math.floor(items.length / n);
    const extra = items.length % n;
    let offset = 0;
    const out: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const end = offset + (i + 1) * per;
      const part = items.slice(start, end);
      if (fill !== null && i >= extra) part.push(fill);
      out.push(part);
    }
    return out;
  },
  sort(value, ...args) {
    const [reverse, caseSensitive, attribute] = bind(
      'sort',
      [
        ['reverse', false],
        ['case_sensitive', false],
        ['attribute', null],
      ],
      args,
    );
    return sortBy(seq(value), sortKey(caseSensitive, attribute), truthy(reverse), true);
  },
  string(value) {
    return isMarkup(value) ? value : str(value);
  },
  striptags(value) {
    return striptags(isMarkup(value) ? String(value) : str(value));
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
    let items = seq(value);
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
  title(value) {
    // Jinja2 joins the words into a new str: Markup in, plain text out.
    return jinjaTitle(str(value));
  },
  tojson(value, ...args) {
    const [indent] = bind('tojson', [['indent', null]], args);
    return markup(htmlSafeJson(toJson(value, indent)));
  },
  trim(value, ...args) {
    const [chars] = bind('trim', [['chars', null]], args);
    const strip = (s: string) => {
      if (chars === null) return stripWhitespace(s);
      const set = stringOf(chars);
      let a = 0;
      let b = s.length;
      while (a < b && set.includes(s[a] as string)) a++;
      while (b > a && set.includes(s[b - 1] as string)) b--;
      return s.slice(a, b);
    };
    return soft(value, strip);
  },
  truncate(value, ...args) {
    const [length, killwords, end, leeway] = bind(
      'truncate',
      [
        ['length', 255],
        ['killwords', false],
        ['end', '...'],
        ['leeway', null],
      ],
      args,
    );
    const n = needInt(length, 'truncate', 'length');
    if (Array.isArray(value) || isDict(value)) {
      // Jinja2 measures a list or dict with len() and gives it back whole when it is short enough.
      const len = Array.isArray(value) ? value.length : Object.keys(value).length;
      if (len <= n + (leeway === null ? 5 : num(leeway))) return value;
    }
    const s = needText(value, 'truncate');
    const e = stringOf(end);
    const lw = leeway === null ? 5 : needInt(leeway, 'truncate', 'leeway');
    if (n < e.length)
      throw new PyError(
        'out-of-range',
        `expected length >= ${e.length}, got ${n}`,
        n,
        `a length of at least ${e.length}`,
        '|truncate',
      );
    if (lw < 0) throw new PyError('out-of-range', `expected leeway >= 0, got ${lw}`, lw, 'a leeway of at least 0', '|truncate');
    const chars = [...s];
    if (chars.length <= n + lw) return s;
    const head = chars.slice(0, n - e.length).join('');
    if (truthy(killwords)) return head + e;
    const cut = head.lastIndexOf(' ');
    return (cut >= 0 ? head.slice(0, cut) : head) + e;
  },
  unique(value, ...args) {
    const [caseSensitive, attribute] = bind(
      'unique',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      args,
    );
    const key = sortKey(caseSensitive, attribute);
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const item of seq(value)) {
      const k = key(item);
      if ((Array.isArray(k) && !isTuple(k)) || isDict(k))
        throw new PyError(
          'invalid-type',
          `unique filter: unhashable type: '${typeName(k)}' (${repr(k)})`,
          k,
          'strings, numbers or tuples',
          '|unique',
        );
      if (!seen.some((s) => equals(s, k))) {
        seen.push(k);
        out.push(item);
      }
    }
    return out;
  },
  upper(value) {
    return soft(value, (s) => s.toUpperCase());
  },
  urlencode(value) {
    if (Array.isArray(value)) value = value.map((p) => (isString(p) || Array.isArray(p) || isDict(p) ? iterate(p) : p));
    if (Array.isArray(value) && !value.every((p) => Array.isArray(p) && p.length === 2))
      throw new PyError(
        'invalid-type',
        `urlencode filter: a list must hold (key, value) pairs, got ${repr(value)}`,
        value,
        'a string, a dict or a list of pairs',
        '|urlencode',
      );
    if (isDict(value) || Array.isArray(value)) {
      const pairs = isDict(value) ? Object.entries(value) : (value as unknown[][]).map((p) => [p[0], p[1]]);
      return pairs.map(([k, v]) => `${urlQuote(k, true)}=${urlQuote(v, true)}`).join('&');
    }
    return urlQuote(value);
  },
  urlize(value, ...args) {
    const [limit, nofollow, target, rel] = bind(
      'urlize',
      [
        ['trim_url_limit', null],
        ['nofollow', false],
        ['target', null],
        ['rel', null],
      ],
      args.slice(0, 4),
    );
    return markup(urlize(stringOf(value), limit === null ? undefined : num(limit), truthy(nofollow), target, rel));
  },
  wordcount(value) {
    return (stringOf(value).match(/[\p{L}\p{N}_]+/gu) ?? []).length;
  },
  wordwrap(value, ...args) {
    const [width, breakLong, wrapstring, breakOnHyphens] = bind(
      'wordwrap',
      [
        ['width', 79],
        ['break_long_words', true],
        ['wrapstring', null],
        ['break_on_hyphens', true],
      ],
      args,
    );
    const w = needInt(width, 'wordwrap', 'width');
    if (w <= 0) throw new PyError('out-of-range', `invalid width ${w} (must be > 0)`, w, 'a positive width', '|wordwrap');
    return wordwrap(
      needText(value, 'wordwrap', false),
      w,
      truthy(breakLong),
      wrapstring === null ? '\n' : stringOf(wrapstring),
      truthy(breakOnHyphens),
    );
  },
  xmlattr(value, ...args) {
    const [autospace] = bind('xmlattr', [['autospace', true]], args);
    if (!isDict(value))
      throw new PyError('invalid-type', `xmlattr filter needs a dict, got ${typeName(value)}`, value, 'a dict', '|xmlattr');
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      if (/[\s/>=]/.test(k))
        throw new PyError(
          'out-of-range',
          `Invalid character in attribute name: ${repr(k)}`,
          k,
          'an attribute name without spaces, /, > or =',
          '|xmlattr',
        );
      parts.push(`${escapeHtml(k)}="${text(escapeMarkup(v))}"`);
    }
    const rv = parts.join(' ');
    return markup(rv && truthy(autospace) ? ` ${rv}` : rv);
  },
};

jinjaFilters.d = jinjaFilters.default as Filter;
jinjaFilters.e = jinjaFilters.escape as Filter;
jinjaFilters.count = jinjaFilters.length as Filter;
