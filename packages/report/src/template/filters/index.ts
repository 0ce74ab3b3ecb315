// Jinja2 3.1's builtin filters, with Jinja2's arguments (positional and keyword) and results.
// Each is called with the nunjucks context as `this` and the filtered value first. One file per
// family: strings.ts, numbers.ts, sequences.ts (lists and dicts as a whole), sorting.ts (order and
// group by a key), select.ts (a test or a filter per item), html.ts (escaping, HTML, URLs, JSON);
// arguments.ts holds what they share. The report's own formatting filters (number, currency,
// percent, date) are in intl.ts, added to every environment with its locale.
import type { Filter } from './arguments.js';
import { htmlFilters } from './html.js';
import { numberFilters } from './numbers.js';
import { selectFilters } from './select.js';
import { sequenceFilters } from './sequences.js';
import { sortingFilters } from './sorting.js';
import { stringFilters } from './strings.js';

export type { Filter } from './arguments.js';

export const jinjaFilters: Record<string, Filter> = {
  ...stringFilters,
  ...numberFilters,
  ...sequenceFilters,
  ...sortingFilters,
  ...selectFilters,
  ...htmlFilters,
};

// Jinja2's aliases.
jinjaFilters.d = jinjaFilters.default as Filter;
jinjaFilters.e = jinjaFilters.escape as Filter;
jinjaFilters.count = jinjaFilters.length as Filter;
