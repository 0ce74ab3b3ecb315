// What the filter families share: the signature of a filter, integer arguments (`batch(3)`,
// `truncate(20)`), and Jinja2's attribute paths (`attribute='city.name'`) as make_attrgetter
// reads them.
import { getitem } from '../methods.js';
import { isInt, isString, num, PyError, repr, text, typeName } from '../python.js';

export type Filter = (this: unknown, value: unknown, ...args: unknown[]) => unknown;

/** An integer argument of a filter (`batch(3)`): a bool counts, as in Python; anything else is a typed error naming the argument. */
export function needInt(value: unknown, filter: string, arg: string): number {
  if (isInt(value) || typeof value === 'boolean') return num(value);
  throw new PyError(
    'invalid-type',
    `${filter} filter: ${arg} must be an integer, got ${typeName(value)} ${repr(value)}`,
    value,
    'an int',
    `|${filter}`,
  );
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
