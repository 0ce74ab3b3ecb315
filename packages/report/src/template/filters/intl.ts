// The report's own filters, beside Jinja2's: `number`, `currency`, `percent` and `date`, formatted
// through Intl in the renderer's locale (formatFilters, public), and the same filters as a template
// sees them (templateFormatFilters: a value they refuse came from the data, and the error says so).
import { checkNumber, checkOneOf, checkString } from '../../check.js';
import { describeValue, ReportError } from '../../errors.js';
import { PyFloat } from '../python.js';

/** The filters every template gets, formatting through `Intl` in the renderer's locale. */
export interface ReportFilters {
  number(value: unknown, digits?: number): string;
  currency(value: unknown, currency?: string, digits?: number): string;
  percent(value: unknown, digits?: number): string;
  date(value: unknown, style?: 'short' | 'medium' | 'long' | 'full' | 'iso'): string;
}

function toNumber(value: unknown): number {
  // A Jinja2 float with a whole value (`x|round`) is a PyFloat: its number is its valueOf().
  const x = typeof value === 'string' && value.trim() !== '' ? Number(value) : value instanceof PyFloat ? value.value : value;
  if (typeof x !== 'number') throw new ReportError('invalid-type', 'value', value, 'a number or a string holding one');
  if (Number.isNaN(x)) throw new ReportError('out-of-range', 'value', value, 'a number (not NaN)');
  return x;
}

/** Fraction digits: a whole number in [0, 20], or undefined for the locale's default. */
function checkDigits(digits: unknown): number | undefined {
  return digits === undefined ? undefined : checkNumber('digits', digits, DIGITS);
}
const DIGITS = { min: 0, max: 20, integer: true } as const;

const DATE_STYLES = ['short', 'medium', 'long', 'full', 'iso'] as const;

/**
 * Formatting filters for templates: `{{ x | number(2) }}`, `{{ x | currency('EUR') }}`,
 * `{{ 0.05 | percent(1) }}` (a fraction: 0.05 is 5.0%), `{{ d | date('long') }}` (a `Date`, an ISO
 * string or epoch milliseconds; dates format in UTC so a report does not depend on the machine).
 * ±Infinity prints as ∞; NaN, a value that is not a number, digits outside [0, 20], a currency that
 * is not a three-letter ISO 4217 code or an invalid date is a `ReportError` naming the argument
 * (in a template, the error names `data` and the template's line and column).
 *
 * @throws {ReportError} `out-of-range` for a locale that is not a BCP 47 language tag; `invalid-type` for one that is not a string
 *
 * @example
 * import { formatFilters } from '@ds/report';
 * formatFilters('en-US').currency(1234.5); // => '$1,234.50'
 * formatFilters('de-DE').number(1234.5, 1); // => '1.234,5'
 * formatFilters('en-US').percent(0.0525, 2); // => '5.25%'
 * formatFilters('en-GB').date('2024-03-01', 'long'); // => '1 March 2024'
 */
export function formatFilters(locale = 'en-US'): ReportFilters {
  checkLocale(locale);
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
    number: (value, digits) => {
      const x = toNumber(value);
      const d = checkDigits(digits);
      return nf(`n${d}`, fixed(d)).format(x);
    },
    currency: (value, currency = 'USD', digits) => {
      const x = toNumber(value);
      const code = checkString('currency', currency, false, 3);
      if (!/^[A-Za-z]{3}$/.test(code))
        throw new ReportError('out-of-range', 'currency', currency, "a three-letter ISO 4217 code such as 'EUR'");
      const d = checkDigits(digits);
      return nf(`c${code}${d}`, { style: 'currency', currency: code, ...fixed(d) }).format(x);
    },
    percent: (value, digits = 0) => {
      const x = toNumber(value);
      const d = checkDigits(digits);
      return nf(`p${d}`, { style: 'percent', ...fixed(d) }).format(x);
    },
    date: (value, style = 'medium') => {
      const s = checkOneOf('style', style, DATE_STYLES);
      const d =
        value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
      if (!d) throw new ReportError('invalid-type', 'value', value, 'a Date, an ISO date string or epoch milliseconds');
      if (Number.isNaN(d.getTime()))
        throw new ReportError('out-of-range', 'value', value, 'a valid date (a Date, an ISO date string or epoch milliseconds)');
      if (s === 'iso') return d.toISOString().slice(0, 10);
      return new Intl.DateTimeFormat(locale, { dateStyle: s, timeZone: 'UTC' }).format(d);
    },
  };
}

/** A BCP 47 language tag `Intl` accepts (`'en-US'`, `'de'`), checked once rather than at the first number. */
export function checkLocale(locale: unknown, argument = 'locale'): string {
  const tag = checkString(argument, locale, false, 100);
  try {
    Intl.getCanonicalLocales(tag);
  } catch {
    throw new ReportError('out-of-range', argument, locale, "a BCP 47 language tag such as 'en-US' or 'de-DE'");
  }
  return tag;
}

/** The names of the formatting filters, which every template has whatever its syntax. */
export const FORMAT_FILTERS: readonly (keyof ReportFilters)[] = ['number', 'currency', 'percent', 'date'];

/**
 * formatFilters as templates call them: a value a filter refuses came from the data, so the error
 * names `data` (and, once it leaves the template, the template's line and column).
 */
export function templateFormatFilters(locale: string): Record<keyof ReportFilters, (...args: unknown[]) => unknown> {
  const filters = formatFilters(locale);
  const out = {} as Record<keyof ReportFilters, (...args: unknown[]) => unknown>;
  for (const name of FORMAT_FILTERS) {
    const filter = filters[name] as (...args: unknown[]) => unknown;
    out[name] = (...args: unknown[]) => {
      try {
        return filter(...args);
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        throw new ReportError(
          error.code,
          'data',
          error.value,
          error.expected,
          `the ${name} filter's ${error.argument} must be ${error.expected}, got ${describeValue(error.value, error.code === 'invalid-type')}`,
          { cause: error },
        );
      }
    };
  }
  return out;
}
