// The filters that order and group by a key: `sort`, `dictsort`, `unique`, `min`, `max` and
// `groupby` (whose items are (grouper, list) tuples with `.grouper` and `.list`). Keys compare as
// Python compares them; strings case-insensitively unless `case_sensitive`.
import { bind, iterate } from '../methods.js';
import { compare, equals, isDict, isString, isTuple, PyError, repr, text, truthy, tuple, typeName } from '../python.js';
import { attrGetter, type Filter } from './arguments.js';

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

function minMax(value: unknown, args: unknown[], which: 'min' | 'max'): unknown {
  const [caseSensitive, attribute] = bind(
    which,
    [
      ['case_sensitive', false],
      ['attribute', null],
    ],
    args,
  );
  const items = iterate(value);
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

/** Jinja2's groupby result: a (grouper, list) tuple with `.grouper` and `.list`. */
function groupTuple(grouper: unknown, list: unknown[]): unknown[] {
  const t = tuple([grouper, list]);
  Object.defineProperty(t, 'grouper', { value: grouper, enumerable: false });
  Object.defineProperty(t, 'list', { value: list, enumerable: false });
  return t;
}

export const sortingFilters: Record<string, Filter> = {
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
    const sorted = sortBy(iterate(value), key, false);
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
  max(value, ...args) {
    return minMax(value, args, 'max');
  },
  min(value, ...args) {
    return minMax(value, args, 'min');
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
    return sortBy(iterate(value), sortKey(caseSensitive, attribute), truthy(reverse), true);
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
    for (const item of iterate(value)) {
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
};
