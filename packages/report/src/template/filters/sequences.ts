// The filters on a list, a dict or a string as a whole: measure it (`length`/`count`), take items
// (`first`, `last`, `random`), cut it (`batch`, `slice`), turn it (`list`, `items`, `reverse`,
// `join`), and the two that work on any value: `default`/`d` and `attr`.
import { MAX_RANGE } from '../globals.js';
import { bind, getattr, iterate } from '../methods.js';
import { escapeMarkup, isDict, isMarkup, isString, markup, PyError, str, text, truthy, tuple, typeName } from '../python.js';
import { attrGetter, type Filter, needInt } from './arguments.js';

export const sequenceFilters: Record<string, Filter> = {
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
    const items = iterate(value);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    const last = out[out.length - 1];
    if (fill !== null && last && last.length < n) while (last.length < n) last.push(fill);
    return out;
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
  first(value) {
    const items = iterate(value);
    return items.length ? items[0] : undefined;
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
    let items = iterate(value);
    if (attribute !== null) items = items.map(attrGetter(attribute));
    if (isMarkup(d)) return markup(items.map((i) => text(escapeMarkup(i))).join(String(d)));
    if (items.some(isMarkup)) {
      const sep = text(escapeMarkup(d));
      return markup(items.map((i) => text(escapeMarkup(i))).join(sep));
    }
    return items.map(str).join(str(d));
  },
  last(value) {
    const items = iterate(value);
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
    return iterate(value).slice();
  },
  random(value) {
    const items = iterate(value);
    if (items.length === 0)
      throw new PyError('out-of-range', 'Cannot choose from an empty sequence', value, 'a non-empty list', '|random');
    return items[Math.floor(Math.random() * items.length)];
  },
  reverse(value) {
    if (isString(value)) return [...text(value)].reverse().join('');
    return iterate(value).slice().reverse();
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
    const items = iterate(value);
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
};
