import { PyFloat } from './template/python.js';

/** The filters every template gets, formatting through `Intl` in the renderer's locale. */
export interface ReportFilters {
  number(value: unknown, digits?: number): string;
  currency(value: unknown, currency?: string, digits?: number): string;
  percent(value: unknown, digits?: number): string;
  date(value: unknown, style?: 'short' | 'medium' | 'long' | 'full' | 'iso'): string;
}

function toNumber(value: unknown, filter: string): number {
  // A Jinja2 float with a whole value (`x|round`) is a PyFloat: its number is its valueOf().
  const x = typeof value === 'string' && value.trim() !== '' ? Number(value) : value instanceof PyFloat ? value.value : value;
  if (typeof x !== 'number' || Number.isNaN(x))
    throw new TypeError(`${filter} filter needs a number, got ${JSON.stringify(value)}`);
  return x;
}

/**
 * Formatting filters for templates: `{{ x | number(2) }}`, `{{ x | currency('EUR') }}`,
 * `{{ 0.05 | percent(1) }}` (a fraction: 0.05 is 5.0%), `{{ d | date('long') }}` (a `Date`, an ISO
 * string or epoch milliseconds; dates format in UTC so a report does not depend on the machine).
 *
 * @example
 * import { formatFilters } from '@ds/report';
 * formatFilters('en-US').currency(1234.5); // => '$1,234.50'
 * formatFilters('de-DE').number(1234.5, 1); // => '1.234,5'
 * formatFilters('en-US').percent(0.0525, 2); // => '5.25%'
 * formatFilters('en-GB').date('2024-03-01', 'long'); // => '1 March 2024'
 */
export function formatFilters(locale = 'en-US'): ReportFilters {
  // Building an Intl formatter costs far more than using one: keep one per option set.
  const formatters = new Map<string, Intl.NumberFormat>();
  const nf = (key: string, options: Intl.NumberFormatOptions) => {
    let f = formatters.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, options);
      formatters.set(key, f);
    }
    return f;
  };
  const fixed = (digits: number | undefined) =>
    digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return {
    number: (value, digits) => nf(`n${digits}`, fixed(digits)).format(toNumber(value, 'number')),
    currency: (value, currency = 'USD', digits) =>
      nf(`c${currency}${digits}`, { style: 'currency', currency, ...fixed(digits) }).format(toNumber(value, 'currency')),
    percent: (value, digits = 0) => nf(`p${digits}`, { style: 'percent', ...fixed(digits) }).format(toNumber(value, 'percent')),
    date: (value, style = 'medium') => {
      const d =
        value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
      if (!d || Number.isNaN(d.getTime()))
        throw new TypeError(`date filter needs a Date, an ISO string or epoch milliseconds, got ${JSON.stringify(value)}`);
      if (style === 'iso') return d.toISOString().slice(0, 10);
      return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(d);
    },
  };
}
