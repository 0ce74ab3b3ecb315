// The string filters: case (`upper`, `lower`, `title`, `capitalize`), layout (`center`, `indent`,
// `wordwrap`, `truncate`, `trim`), `replace`, `format` (`%`), `wordcount`, and `string`/`pprint`.
// Markup in stays Markup out where Jinja2's soft_str keeps it.
import { percentFormat } from '../format.js';
import { bind, capitalize, center, replace, splitArgs, strip } from '../methods.js';
import {
  escapeMarkup,
  isDict,
  isMarkup,
  isString,
  markup,
  num,
  PyError,
  repr,
  str,
  text,
  truthy,
  tuple,
  typeName,
} from '../python.js';
import { type Filter, needInt } from './arguments.js';

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
  return f(str(value));
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

export const stringFilters: Record<string, Filter> = {
  capitalize(value) {
    return soft(value, capitalize);
  },
  center(value, ...args) {
    const [width] = bind('center', [['width', 80]], args);
    return soft(value, (s) => center(s, needInt(width, 'center', 'width')));
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
    const out = percentFormat(str(value), Object.keys(kw).length ? kw : tuple(pos));
    return isMarkup(value) ? markup(out) : out;
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
  lower(value) {
    return soft(value, (s) => s.toLowerCase());
  },
  pprint(value) {
    return repr(value, 0, true);
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
    if (isMarkup(value) || isMarkup(old) || isMarkup(rep)) {
      return markup(replace(text(escapeMarkup(value)), text(escapeMarkup(old)), text(escapeMarkup(rep)), max));
    }
    return replace(str(value), str(old), str(rep), max);
  },
  string(value) {
    return isMarkup(value) ? value : str(value);
  },
  title(value) {
    // Jinja2 joins the words into a new str: Markup in, plain text out.
    return jinjaTitle(str(value));
  },
  trim(value, ...args) {
    const [chars] = bind('trim', [['chars', null]], args);
    // Markup's strip escapes its argument first, as markupsafe wraps str methods.
    const set = isMarkup(value) && isString(chars) ? escapeMarkup(chars) : chars;
    return soft(value, (s) => strip(s, set, 'trim'));
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
    const e = str(end);
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
  upper(value) {
    return soft(value, (s) => s.toUpperCase());
  },
  wordcount(value) {
    return (str(value).match(/[\p{L}\p{N}_]+/gu) ?? []).length;
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
      wrapstring === null ? '\n' : str(wrapstring),
      truthy(breakOnHyphens),
    );
  },
};
