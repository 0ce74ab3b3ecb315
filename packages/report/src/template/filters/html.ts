// The filters that make or take apart HTML and URLs: `escape`/`e`, `forceescape`, `safe`,
// `striptags`, `xmlattr`, `urlize`, `urlencode`, and `tojson` (Python's json.dumps with sorted
// keys and Jinja2's HTML-safe replacements).
import { decodeEntities } from '../../html.js';
import { bind, iterate } from '../methods.js';
import {
  escapeHtml,
  escapeMarkup,
  floatRepr,
  isDict,
  isFloat,
  isMarkup,
  isString,
  markup,
  num,
  PyError,
  PyFloat,
  repr,
  str,
  text,
  truthy,
  typeName,
} from '../python.js';
import type { Filter } from './arguments.js';

/** markupsafe's striptags: comments and tags out, entities decoded, whitespace collapsed. */
function striptags(s: string): string {
  const noComments = s.replace(/<!--[\s\S]*?-->/g, '');
  const noTags = noComments.replace(/<[^>]*>/g, '');
  return decodeEntities(noTags.split(/\s+/).filter(Boolean).join(' '));
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

export const htmlFilters: Record<string, Filter> = {
  escape(value) {
    return escapeMarkup(value);
  },
  forceescape(value) {
    return markup(escapeHtml(str(value)));
  },
  safe(value) {
    return isMarkup(value) ? value : markup(str(value));
  },
  striptags(value) {
    return striptags(isMarkup(value) ? String(value) : str(value));
  },
  tojson(value, ...args) {
    const [indent] = bind('tojson', [['indent', null]], args);
    return markup(htmlSafeJson(toJson(value, indent)));
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
    return markup(urlize(str(value), limit === null ? undefined : num(limit), truthy(nofollow), target, rel));
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
