// The filters that apply a test or a filter to each item: `select`, `reject`, `selectattr`,
// `rejectattr` (a test by name, from the environment) and `map` (a filter by name, or
// `attribute=`).
import { iterate, splitArgs } from '../methods.js';
import { PyError, str, truthy } from '../python.js';
import { contextEnv } from '../tests.js';
import { attrGetter, type Filter } from './arguments.js';

function testArgs(self: unknown, args: unknown[], filter: string): (item: unknown) => boolean {
  const { pos, kw } = splitArgs(args);
  if (pos.length === 0) return (item) => truthy(item);
  const name = str(pos[0]);
  let test: ((...a: unknown[]) => unknown) | undefined;
  try {
    test = contextEnv(self).getTest(name) as (...a: unknown[]) => unknown;
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
  return iterate(value).filter((item) => t(item) === keep);
}

function selectOrRejectAttr(self: unknown, value: unknown, args: unknown[], keep: boolean, filter: string): unknown[] {
  if (!truthy(value)) return [];
  const { pos, kw } = splitArgs(args);
  if (pos.length === 0)
    throw new PyError('invalid-type', `${filter}: missing the attribute to test`, undefined, 'an attribute name', `|${filter}`);
  const get = attrGetter(pos[0]);
  const t = testArgs(self, [...pos.slice(1), ...(Object.keys(kw).length ? [{ ...kw, __keywords: true }] : [])], filter);
  return iterate(value).filter((item) => t(get(item)) === keep);
}

export const selectFilters: Record<string, Filter> = {
  map(value, ...args) {
    const { pos, kw } = splitArgs(args);
    const items = truthy(value) ? iterate(value) : [];
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
      filter = contextEnv(this).getFilter(name) as (...a: unknown[]) => unknown;
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
  reject(value, ...args) {
    return selectOrReject(this, value, args, false, 'reject');
  },
  rejectattr(value, ...args) {
    return selectOrRejectAttr(this, value, args, false, 'rejectattr');
  },
  select(value, ...args) {
    return selectOrReject(this, value, args, true, 'select');
  },
  selectattr(value, ...args) {
    return selectOrRejectAttr(this, value, args, true, 'selectattr');
  },
};
