// The methods templates call on values (`name.upper()`, `d.items()`, `rows.append(x)`), as
// Python's str, list and dict have them, and attribute/item lookup as Jinja2 does it.
import { formatSpec, strFormat } from './format.js';
import {
  equals,
  isDict,
  isInt,
  isMarkup,
  isString,
  isTuple,
  markup,
  num,
  PyError,
  repr,
  str,
  text,
  tuple,
  typeName,
  view,
} from './python.js';

/** Positional and keyword arguments of a call (nunjucks passes keywords as a last object). */
export function splitArgs(args: unknown[]): { pos: unknown[]; kw: Record<string, unknown> } {
  const last = args[args.length - 1] as Record<string, unknown> | undefined;
  if (last !== null && typeof last === 'object' && Object.hasOwn(last, '__keywords')) {
    const kw: Record<string, unknown> = {};
    for (const k of Object.keys(last)) if (k !== '__keywords') kw[k] = last[k];
    return { pos: args.slice(0, -1), kw };
  }
  return { pos: args, kw: {} };
}

/**
 * Binds a call's arguments to named parameters with defaults, as Python does: too many, unknown
 * or repeated arguments are a typed error naming the function.
 */
export function bind(fn: string, params: [string, unknown][], args: unknown[]): unknown[] {
  const { pos, kw } = splitArgs(args);
  if (pos.length > params.length)
    throw new PyError(
      'invalid-type',
      `${fn}() takes at most ${params.length} argument${params.length === 1 ? '' : 's'} (${pos.length} given)`,
      pos.length,
      `at most ${params.length} arguments`,
    );
  const out = params.map(([, d], i) => (i < pos.length ? pos[i] : d));
  for (const key of Object.keys(kw)) {
    const i = params.findIndex(([name]) => name === key);
    if (i < 0)
      throw new PyError(
        'invalid-type',
        `${fn}() got an unexpected keyword argument '${key}' (it takes ${params.map(([n]) => n).join(', ') || 'no arguments'})`,
        key,
        params.map(([n]) => n).join(', '),
      );
    if (i < pos.length)
      throw new PyError('invalid-type', `${fn}() got multiple values for argument '${key}'`, key, 'each argument once');
    out[i] = kw[key];
  }
  return out;
}

function needString(value: unknown, fn: string, what = 'argument'): string {
  if (isString(value)) return text(value);
  throw new PyError(
    'invalid-type',
    `${fn}() ${what} must be str, not ${typeName(value)}${value === undefined ? '' : ` (${repr(value)})`}`,
    value,
    'a string',
  );
}

function needInt(value: unknown, fn: string): number {
  if (isInt(value) || typeof value === 'boolean') return num(value);
  throw new PyError(
    'invalid-type',
    `${fn}() needs an integer, got ${typeName(value)} ${repr(value)}${isString(value) ? ': it is a string, convert it with |int' : ''}`,
    value,
    'an int',
  );
}

const WHITESPACE =
  ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python's `str.strip(chars)`: `chars` a string, or None for Python's whitespace (more than JavaScript's `\s`). */
export function strip(s: string, chars: unknown, fn = 'strip'): string {
  return stripChars(s, chars, true, true, fn);
}

function stripChars(s: string, chars: unknown, left: boolean, right: boolean, fn: string): string {
  const set = chars === undefined || chars === null ? WHITESPACE : needString(chars, fn);
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a] as string)) a++;
  if (right) while (b > a && set.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** Python's `str.split(sep=None, maxsplit=-1)`. */
export function split(s: string, sep: unknown, maxsplit: unknown): string[] {
  let max = maxsplit === undefined ? -1 : needInt(maxsplit, 'split');
  if (sep === undefined || sep === null) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest) {
      if (max === 0) {
        out.push(rest.replace(/\s+$/, ''));
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
      max--;
    }
    return out;
  }
  const d = needString(sep, 'split');
  if (d === '') throw new PyError('out-of-range', 'empty separator', sep, 'a non-empty separator');
  const parts = s.split(d);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(d)];
}

function rsplit(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined ? -1 : needInt(maxsplit, 'rsplit');
  if (max < 0) return split(s, sep, -1);
  if (sep === undefined || sep === null) {
    const words = split(s, null, -1);
    if (words.length <= max + 1) return words;
    // Keep the original spacing of the head.
    const parts: string[] = [];
    let rest = s.replace(/\s+$/, '');
    for (let i = 0; i < max; i++) {
      const m = /\s+(\S+)$/.exec(rest);
      if (!m) break;
      parts.unshift(m[1] as string);
      rest = rest.slice(0, m.index);
    }
    return [rest.replace(/^\s+/, ''), ...parts];
  }
  const d = needString(sep, 'rsplit');
  const parts = s.split(d);
  if (parts.length <= max + 1) return parts;
  return [parts.slice(0, parts.length - max).join(d), ...parts.slice(parts.length - max)];
}

/** The titlecase of one character (ß is Ss, not SS; the ligatures are Fi, Fl...). */
export function titleCase(ch: string): string {
  const upper = ch.toUpperCase();
  return upper.length > 1 ? upper[0] + upper.slice(1).toLowerCase() : upper;
}

/** Python's `str.title()`: a letter after a non-letter starts a word. */
export function title(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const cased = lower !== upper;
    out += cased ? (prevCased ? lower : titleCase(ch)) : ch;
    prevCased = cased;
  }
  return out;
}

export function capitalize(s: string): string {
  const [first = '', ...rest] = [...s];
  return titleCase(first) + rest.join('').toLowerCase();
}

/** Python's `str.center`: the extra space goes left when the string length and width are odd/even as CPython decides. */
export function center(s: string, width: number, fill = ' '): string {
  const n = [...s].length;
  if (width <= n) return s;
  const marg = width - n;
  const left = Math.floor(marg / 2) + (marg & width & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}

function indexArgs(s: string, start: unknown, end: unknown): [number, number] {
  const n = s.length;
  const norm = (v: unknown, d: number) => {
    if (v === undefined || v === null) return d;
    const i = needInt(v, 'find');
    return i < 0 ? Math.max(0, n + i) : Math.min(n, i);
  };
  return [norm(start, 0), norm(end, n)];
}

function count(s: string, sub: string, a: number, b: number): number {
  const hay = s.slice(a, b);
  if (sub === '') return hay.length + 1;
  let c = 0;
  for (let i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length)) c++;
  return c;
}

function affix(value: unknown, fn: string): string[] {
  if (Array.isArray(value)) return value.map((v) => needString(v, fn));
  return [needString(value, fn, 'first argument')];
}

type Method = (self: unknown, args: unknown[]) => unknown;

const strMethods: Record<string, Method> = {
  upper: (s) => text(s as string).toUpperCase(),
  lower: (s) => text(s as string).toLowerCase(),
  casefold: (s) =>
    text(s as string)
      .toLowerCase()
      .replace(/ß/g, 'ss'),
  title: (s) => title(text(s as string)),
  capitalize: (s) => capitalize(text(s as string)),
  swapcase: (s) => [...text(s as string)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s, a) => stripChars(text(s as string), bind('strip', [['chars', null]], a)[0], true, true, 'strip'),
  lstrip: (s, a) => stripChars(text(s as string), bind('lstrip', [['chars', null]], a)[0], true, false, 'lstrip'),
  rstrip: (s, a) => stripChars(text(s as string), bind('rstrip', [['chars', null]], a)[0], false, true, 'rstrip'),
  split: (s, a) => {
    const [sep, max] = bind(
      'split',
      [
        ['sep', null],
        ['maxsplit', -1],
      ],
      a,
    );
    return split(text(s as string), sep, max);
  },
  rsplit: (s, a) => {
    const [sep, max] = bind(
      'rsplit',
      [
        ['sep', null],
        ['maxsplit', -1],
      ],
      a,
    );
    return rsplit(text(s as string), sep, max);
  },
  splitlines: (s, a) => {
    const [keep] = bind('splitlines', [['keepends', false]], a);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: Python's line boundaries include \v, \f and the separators
    const parts = text(s as string).split(/(\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])/);
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const line = parts[i] as string;
      const end = parts[i + 1];
      if (end === undefined) {
        if (line) out.push(line);
      } else out.push(keep ? line + end : line);
    }
    return out;
  },
  join: (s, a) => {
    const [items] = bind('join', [['iterable', undefined]], a);
    const list = iterate(items);
    return list
      .map((item, i) => {
        if (!isString(item))
          throw new PyError(
            'invalid-type',
            `sequence item ${i}: expected str instance, ${typeName(item)} found`,
            item,
            'strings (use the join filter for other values)',
          );
        return text(item);
      })
      .join(text(s as string));
  },
  replace: (s, a) => {
    const [old, rep, max] = bind(
      'replace',
      [
        ['old', undefined],
        ['new', undefined],
        ['count', -1],
      ],
      a,
    );
    return replace(text(s as string), needString(old, 'replace'), needString(rep, 'replace'), needInt(max, 'replace'));
  },
  startswith: (s, a) => {
    const [prefix, start, end] = bind(
      'startswith',
      [
        ['prefix', undefined],
        ['start', null],
        ['end', null],
      ],
      a,
    );
    const [x, y] = indexArgs(text(s as string), start, end);
    const hay = text(s as string).slice(x, y);
    return affix(prefix, 'startswith').some((p) => hay.startsWith(p));
  },
  endswith: (s, a) => {
    const [suffix, start, end] = bind(
      'endswith',
      [
        ['suffix', undefined],
        ['start', null],
        ['end', null],
      ],
      a,
    );
    const [x, y] = indexArgs(text(s as string), start, end);
    const hay = text(s as string).slice(x, y);
    return affix(suffix, 'endswith').some((p) => hay.endsWith(p));
  },
  count: (s, a) => {
    const [sub, start, end] = bind(
      'count',
      [
        ['sub', undefined],
        ['start', null],
        ['end', null],
      ],
      a,
    );
    const [x, y] = indexArgs(text(s as string), start, end);
    return count(text(s as string), needString(sub, 'count'), x, y);
  },
  find: (s, a) => find(text(s as string), a, 'find', false),
  rfind: (s, a) => find(text(s as string), a, 'rfind', true),
  index: (s, a) => {
    const i = find(text(s as string), a, 'index', false);
    if (i < 0) throw new PyError('out-of-range', 'substring not found', a[0], 'a substring that occurs');
    return i;
  },
  rindex: (s, a) => {
    const i = find(text(s as string), a, 'rindex', true);
    if (i < 0) throw new PyError('out-of-range', 'substring not found', a[0], 'a substring that occurs');
    return i;
  },
  zfill: (s, a) => {
    const [w] = bind('zfill', [['width', undefined]], a);
    const t = text(s as string);
    const width = needInt(w, 'zfill');
    if (t.length >= width) return t;
    const sign = t[0] === '-' || t[0] === '+' ? (t[0] as string) : '';
    return sign + '0'.repeat(width - t.length) + t.slice(sign.length);
  },
  center: (s, a) => {
    const [w, fill] = bind(
      'center',
      [
        ['width', undefined],
        ['fillchar', ' '],
      ],
      a,
    );
    return center(text(s as string), needInt(w, 'center'), needString(fill, 'center'));
  },
  ljust: (s, a) => {
    const [w, fill] = bind(
      'ljust',
      [
        ['width', undefined],
        ['fillchar', ' '],
      ],
      a,
    );
    const t = text(s as string);
    return t + needString(fill, 'ljust').repeat(Math.max(0, needInt(w, 'ljust') - [...t].length));
  },
  rjust: (s, a) => {
    const [w, fill] = bind(
      'rjust',
      [
        ['width', undefined],
        ['fillchar', ' '],
      ],
      a,
    );
    const t = text(s as string);
    return needString(fill, 'rjust').repeat(Math.max(0, needInt(w, 'rjust') - [...t].length)) + t;
  },
  partition: (s, a) => {
    const sep = needString(bind('partition', [['sep', undefined]], a)[0], 'partition');
    const t = text(s as string);
    const i = t.indexOf(sep);
    return tuple(i < 0 ? [t, '', ''] : [t.slice(0, i), sep, t.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = needString(bind('rpartition', [['sep', undefined]], a)[0], 'rpartition');
    const t = text(s as string);
    const i = t.lastIndexOf(sep);
    return tuple(i < 0 ? ['', '', t] : [t.slice(0, i), sep, t.slice(i + sep.length)]);
  },
  removeprefix: (s, a) => {
    const p = needString(bind('removeprefix', [['prefix', undefined]], a)[0], 'removeprefix');
    const t = text(s as string);
    return p && t.startsWith(p) ? t.slice(p.length) : t;
  },
  removesuffix: (s, a) => {
    const p = needString(bind('removesuffix', [['suffix', undefined]], a)[0], 'removesuffix');
    const t = text(s as string);
    return p && t.endsWith(p) ? t.slice(0, -p.length) : t;
  },
  isdigit: (s) => /^[0-9\u00b2\u00b3\u00b9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]+$/u.test(text(s as string)),
  isdecimal: (s) => /^\p{Nd}+$/u.test(text(s as string)),
  isnumeric: (s) => /^[\p{N}]+$/u.test(text(s as string)),
  isalpha: (s) => /^\p{L}+$/u.test(text(s as string)),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(text(s as string)),
  isspace: (s) => text(s as string).length > 0 && [...text(s as string)].every((c) => WHITESPACE.includes(c)),
  islower: (s) => {
    const t = text(s as string);
    return t !== t.toUpperCase() && t === t.toLowerCase();
  },
  isupper: (s) => {
    const t = text(s as string);
    return t !== t.toLowerCase() && t === t.toUpperCase();
  },
  istitle: (s) => {
    const t = text(s as string);
    return t !== t.toLowerCase() && title(t) === t;
  },
  format: (s, a) => {
    const { pos, kw } = splitArgs(a);
    const out = strFormat(text(s as string), pos, kw);
    return isMarkup(s) ? markup(out) : out;
  },
  format_map: (s, a) => strFormat(text(s as string), [], a[0] as Record<string, unknown>),
  expandtabs: (s, a) => {
    const size = needInt(bind('expandtabs', [['tabsize', 8]], a)[0], 'expandtabs');
    let col = 0;
    let out = '';
    for (const c of text(s as string)) {
      if (c === '\t') {
        const n = size > 0 ? size - (col % size) : 0;
        out += ' '.repeat(n);
        col += n;
      } else {
        out += c;
        col = c === '\n' || c === '\r' ? 0 : col + 1;
      }
    }
    return out;
  },
  __format__: (s, a) => formatSpec(s, needString(a[0], '__format__')),
};

/** Python's `str.replace(old, new, count)`: a negative count replaces all; an empty `old` matches between characters. */
export function replace(s: string, old: string, rep: string, max: number): string {
  if (old === '') {
    // Between code points (not UTF-16 units), at most len + 1 places.
    const chars = [...s];
    if (max < 0 || max > chars.length) return rep + chars.join(rep) + (s ? rep : '');
    const replaced = chars.slice(0, max).map((c) => rep + c);
    return replaced.join('') + chars.slice(max).join('');
  }
  if (max < 0) return s.split(old).join(rep);
  let out = s;
  let done = 0;
  let from = 0;
  while (done < max) {
    const i = out.indexOf(old, from);
    if (i < 0) break;
    out = out.slice(0, i) + rep + out.slice(i + old.length);
    from = i + rep.length;
    done++;
  }
  return out;
}

function find(s: string, a: unknown[], fn: string, last: boolean): number {
  const [sub, start, end] = bind(
    fn,
    [
      ['sub', undefined],
      ['start', null],
      ['end', null],
    ],
    a,
  );
  const [x, y] = indexArgs(s, start, end);
  const hay = s.slice(x, y);
  const needle = needString(sub, fn);
  const i = last ? hay.lastIndexOf(needle) : hay.indexOf(needle);
  return i < 0 ? -1 : i + x;
}

const listMethods: Record<string, Method> = {
  append: (l, a) => {
    (l as unknown[]).push(bind('append', [['object', undefined]], a)[0]);
    return null;
  },
  extend: (l, a) => {
    (l as unknown[]).push(...iterate(bind('extend', [['iterable', undefined]], a)[0]));
    return null;
  },
  insert: (l, a) => {
    const [i, v] = bind(
      'insert',
      [
        ['index', undefined],
        ['object', undefined],
      ],
      a,
    );
    const list = l as unknown[];
    let at = needInt(i, 'insert');
    if (at < 0) at = Math.max(0, list.length + at);
    list.splice(at, 0, v);
    return null;
  },
  pop: (l, a) => {
    const list = l as unknown[];
    const [i] = bind('pop', [['index', -1]], a);
    let at = needInt(i, 'pop');
    if (at < 0) at += list.length;
    if (at < 0 || at >= list.length) throw new PyError('out-of-range', 'pop index out of range', i, 'an index inside the list');
    return list.splice(at, 1)[0];
  },
  remove: (l, a) => {
    const list = l as unknown[];
    const [v] = bind('remove', [['value', undefined]], a);
    const i = list.findIndex((x) => equals(x, v));
    if (i < 0) throw new PyError('out-of-range', 'list.remove(x): x not in list', v, 'a value in the list');
    list.splice(i, 1);
    return null;
  },
  index: (l, a) => {
    const [v] = bind('index', [['value', undefined]], a);
    const i = (l as unknown[]).findIndex((x) => equals(x, v));
    if (i < 0) throw new PyError('out-of-range', `${repr(v)} is not in list`, v, 'a value in the list');
    return i;
  },
  count: (l, a) => {
    const [v] = bind('count', [['value', undefined]], a);
    return (l as unknown[]).filter((x) => equals(x, v)).length;
  },
  copy: (l) => (l as unknown[]).slice(),
  clear: (l) => {
    (l as unknown[]).length = 0;
    return null;
  },
  reverse: (l) => {
    (l as unknown[]).reverse();
    return null;
  },
};

const dictMethods: Record<string, Method> = {
  items: (d) =>
    view(
      Object.keys(d as object).map((k) => tuple([k, (d as Record<string, unknown>)[k]])),
      'dict_items',
    ),
  keys: (d) => view(Object.keys(d as object), 'dict_keys'),
  values: (d) => view(Object.values(d as object), 'dict_values'),
  get: (d, a) => {
    const [k, dflt] = bind(
      'get',
      [
        ['key', undefined],
        ['default', null],
      ],
      a,
    );
    const key = str(k);
    return Object.hasOwn(d as object, key) ? (d as Record<string, unknown>)[key] : dflt;
  },
  copy: (d) => ({ ...(d as object) }),
  update: (d, a) => {
    const { pos, kw } = splitArgs(a);
    if (pos[0] !== undefined) Object.assign(d as object, pos[0]);
    Object.assign(d as object, kw);
    return null;
  },
  pop: (d, a) => {
    const [k, dflt] = bind(
      'pop',
      [
        ['key', undefined],
        ['default', undefined],
      ],
      a,
    );
    const key = str(k);
    if (!Object.hasOwn(d as object, key)) {
      if (dflt === undefined) throw new PyError('undefined-variable', `KeyError: ${repr(k)}`, k, 'a key of the dict');
      return dflt;
    }
    const v = (d as Record<string, unknown>)[key];
    delete (d as Record<string, unknown>)[key];
    return v;
  },
  setdefault: (d, a) => {
    const [k, dflt] = bind(
      'setdefault',
      [
        ['key', undefined],
        ['default', null],
      ],
      a,
    );
    const key = str(k);
    if (!Object.hasOwn(d as object, key)) (d as Record<string, unknown>)[key] = dflt;
    return (d as Record<string, unknown>)[key];
  },
};

/** Names JavaScript objects carry that data must never reach through (prototype pollution, code). */
const FORBIDDEN = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

function method(self: unknown, name: string, table: Record<string, Method>): ((...args: unknown[]) => unknown) | undefined {
  const m = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!m) return undefined;
  return (...args: unknown[]) => m(self, args);
}

/** Jinja2's `getattr(obj, name)` (the `obj.name` syntax): an attribute first, then an item. */
export function getattr(obj: unknown, name: string): unknown {
  if (obj === null || obj === undefined) return undefined;
  if (typeof obj === 'string') return method(obj, name, strMethods);
  if (isMarkup(obj)) {
    // Markup's methods give Markup back, as markupsafe's do.
    const m = method(obj, name, strMethods);
    return (
      m &&
      ((...args: unknown[]) => {
        const r = m(...args);
        if (typeof r === 'string') return markup(r);
        if (Array.isArray(r) && r.every((x) => typeof x === 'string')) {
          const parts = r.map((x) => markup(x as string));
          return isTuple(r) ? tuple(parts) : parts;
        }
        return r;
      })
    );
  }
  if (Array.isArray(obj)) {
    // groupby's (grouper, list) tuples carry their fields by name.
    if (Object.hasOwn(obj, name) && !/^\d+$/.test(name) && name !== 'length')
      return (obj as unknown as Record<string, unknown>)[name];
    return method(obj, name, listMethods);
  }
  if (isDict(obj)) {
    const m = method(obj, name, dictMethods);
    if (m) return m;
    return Object.hasOwn(obj, name) ? obj[name] : undefined;
  }
  if (typeof obj !== 'object' && typeof obj !== 'function') return undefined;
  if (FORBIDDEN.has(name)) return undefined;
  const value = (obj as Record<string, unknown>)[name];
  if (typeof value === 'function' && !Object.hasOwn(obj, name)) return value.bind(obj);
  return value;
}

/** Jinja2's `getitem(obj, key)` (the `obj[key]` syntax): an item first, then an attribute; negative indexes count from the end. */
export function getitem(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return undefined;
  if (Array.isArray(obj) || typeof obj === 'string' || isMarkup(obj)) {
    if (isInt(key) || typeof key === 'boolean') {
      const seq = Array.isArray(obj) ? obj : [...text(obj)];
      let i = num(key);
      if (i < 0) i += seq.length;
      const item = i >= 0 && i < seq.length ? seq[i] : undefined;
      // Markup's items are Markup (markupsafe's __getitem__).
      return isMarkup(obj) && item !== undefined ? markup(item as string) : item;
    }
    if (isString(key)) return getattr(obj, text(key));
    return undefined;
  }
  if (isDict(obj)) {
    const k = isString(key) ? text(key) : str(key);
    if (Object.hasOwn(obj, k)) return obj[k];
    return isString(key) ? getattr(obj, k) : undefined;
  }
  if (obj instanceof Map) return obj.get(key);
  if (isString(key)) return getattr(obj, text(key));
  if (isInt(key)) return getattr(obj, String(key));
  return undefined;
}

/** Python's slicing `seq[start:stop:step]` of a list, tuple or str. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj === undefined) return undefined;
  const isStr = isString(obj);
  if (!isStr && !Array.isArray(obj))
    throw new PyError(
      'invalid-type',
      obj === null ? "'NoneType' object is not subscriptable" : `'${typeName(obj)}' object cannot be sliced (${repr(obj)})`,
      obj,
      'a list or a string',
    );
  const seq: unknown[] = isStr ? [...text(obj)] : (obj as unknown[]);
  const n = seq.length;
  const st = step === null || step === undefined ? 1 : needInt(step, 'slice');
  if (st === 0) throw new PyError('out-of-range', 'slice step cannot be zero', step, 'a step other than 0');
  const clamp = (v: unknown, dflt: number, lo: number, hi: number) => {
    if (v === null || v === undefined) return dflt;
    let i = needInt(v, 'slice');
    if (i < 0) i += n;
    return Math.min(Math.max(i, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) {
    const a = clamp(start, 0, 0, n);
    const b = clamp(stop, n, 0, n);
    for (let i = a; i < b; i += st) out.push(seq[i]);
  } else {
    const a = clamp(start, n - 1, -1, n - 1);
    const b = clamp(stop, -1, -1, n - 1);
    for (let i = a; i > b; i += st) out.push(seq[i]);
  }
  if (isStr) return isMarkup(obj) ? markup(out.join('')) : out.join('');
  return Array.isArray(obj) && isTuple(obj) ? tuple(out) : out;
}

/** The items a `for` loop (or a filter) walks: a dict gives its keys, a string its characters. */
export function iterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) {
    if (value === null)
      throw new PyError('invalid-type', "'NoneType' object is not iterable", value, 'a list, a dict or a string');
    return [];
  }
  if (typeof value === 'string') return [...value];
  if (isMarkup(value)) return [...String(value)];
  if (isDict(value)) return Object.keys(value);
  if (typeof value === 'object' && Symbol.iterator in value) return Array.from(value as Iterable<unknown>);
  throw new PyError(
    'invalid-type',
    `'${typeName(value)}' object is not iterable (${repr(value)})`,
    value,
    'a list, a dict or a string',
  );
}
