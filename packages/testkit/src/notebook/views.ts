// Assertion diffs in Jupyter: numbers that are not close, tables that differ, as tables a person
// can read (the worst elements first).

import { type AllCloseOptions, allClose, type Numeric } from '../all-close.js';
import { TestkitError } from '../errors.js';
import { type RecordsEqualOptions, type Row, recordsEqual } from '../records-equal.js';
import { type Display, display, escapeHtml, htmlTable, textTable } from './display.js';

/** Options of {@link showDiff}: the tolerances of `allClose` or `recordsEqual`, and how many rows to show. */
export interface ShowDiffOptions extends Omit<RecordsEqualOptions, 'maxRows'> {
  rtol?: number;
  atol?: number;
  equalNaN?: boolean;
  /** Show at most this many differing elements or cells. Default 20; in [1, 10000]. */
  limit?: number;
}

function isRows(value: unknown): value is Row[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r) && !ArrayBuffer.isView(r))
  );
}

/** Elements of a number or (nested, typed) array, with their numpy-style paths. */
function flatten(value: Numeric, path: string, out: { path: string; value: number }[], argument: string): void {
  if (typeof value === 'number') {
    out.push({ path, value });
    return;
  }
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<Numeric>).length !== 'number') {
    throw new TestkitError('invalid-type', argument, value, 'a number, an array of numbers or an array of rows');
  }
  const list = value as ArrayLike<Numeric>;
  for (let i = 0; i < list.length; i++) flatten(list[i] as Numeric, `${path}[${i}]`, out, argument);
}

/**
 * Shows how `actual` differs from `expected` as a table: for numbers and arrays (as `allClose`
 * compares them, numpy's |a − e| ≤ atol + rtol·|e|) every element that is not close, worst absolute
 * difference first, with the tolerance it missed; for arrays of rows (as `recordsEqual`, pandas'
 * `assert_frame_equal`) every differing cell, column or row. The first line says whether they
 * match. In Jupyter (Deno's kernel or tslab) the call shows it; it returns the `Display`, whose `bundle` holds what was sent.
 *
 * @throws {TestkitError} `invalid-type` for values that are neither numbers nor rows, `shape-mismatch` for arrays of different shapes, `out-of-range` for a bad tolerance or `limit`
 *
 * @example
 * import { showDiff } from '@ds/testkit/notebook';
 * const numbers = showDiff([0.8012, 0.05], [0.8, 0.05], { atol: 0.001 });
 * Object.keys(numbers.bundle); // => ['text/html', 'text/plain']
 * numbers.bundle['text/plain'].split('\n')[0]; // => 'Not close (rtol=1e-7, atol=0.001): 1 of 2 elements'
 * const rows = showDiff([{ arm: 'a', rate: 0.5196 }], [{ arm: 'a', rate: 0.52 }]);
 * rows.bundle['text/plain'].split('\n')[0]; // => 'Records differ: 1 difference'
 */
export function showDiff(
  actual: Numeric | readonly Row[],
  expected: Numeric | readonly Row[],
  options: ShowDiffOptions = {},
): Display {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TestkitError('invalid-type', 'options', options, 'a plain object');
  }
  const { limit = 20, rtol, atol, equalNaN, ...recordOptions } = options;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new TestkitError('out-of-range', 'limit', limit, 'a whole number in [1, 10000]');
  }
  if (isRows(actual) || isRows(expected)) {
    if (!isRows(actual)) throw new TestkitError('invalid-type', 'actual', actual, 'an array of rows, as expected is');
    if (!isRows(expected)) throw new TestkitError('invalid-type', 'expected', expected, 'an array of rows, as actual is');
    const tolerance =
      recordOptions.tolerance ??
      (rtol === undefined && atol === undefined ? undefined : { rtol: rtol ?? 1e-5, atol: atol ?? 1e-8 });
    const result = recordsEqual(actual, expected, { ...recordOptions, tolerance, maxRows: limit });
    const n = result.differences.length;
    const summary = result.equal
      ? `Records equal: ${expected.length} rows`
      : `Records differ: ${n} difference${n === 1 ? '' : 's'}`;
    const columns = ['kind', 'row', 'column', 'actual', 'expected'];
    const rows = result.differences.slice(0, limit).map((d) => [d.kind, d.row, d.column, d.actual, d.expected]);
    return table(summary, columns, rows, n - rows.length, result.equal);
  }
  const tolerances: AllCloseOptions = { rtol, atol, equalNaN };
  const a: { path: string; value: number }[] = [];
  const e: { path: string; value: number }[] = [];
  flatten(actual as Numeric, '', a, 'actual');
  flatten(expected as Numeric, '', e, 'expected');
  if (a.length !== e.length || a.some((x, i) => x.path !== e[i]?.path)) {
    throw new TestkitError('shape-mismatch', 'actual', `${a.length} elements`, `the shape of expected (${e.length} elements)`);
  }
  const r = rtol ?? 1e-7;
  const t = atol ?? 0;
  const bad = a
    .map((x, i) => ({ path: x.path, actual: x.value, expected: (e[i] as { value: number }).value }))
    // allClose itself decides each element, so NaN and infinities follow its rules.
    .filter((x) => !allClose(x.actual, x.expected, tolerances))
    .map((x) => ({ ...x, absolute: Math.abs(x.actual - x.expected), allowed: t + r * Math.abs(x.expected) }))
    .sort((x, y) => (y.absolute > x.absolute || Number.isNaN(y.absolute) ? 1 : y.absolute < x.absolute ? -1 : 0));
  const summary =
    bad.length === 0
      ? `All close (rtol=${r}, atol=${t}): ${a.length} element${a.length === 1 ? '' : 's'}`
      : `Not close (rtol=${r}, atol=${t}): ${bad.length} of ${a.length} element${a.length === 1 ? '' : 's'}`;
  const columns = ['element', 'actual', 'expected', '|actual − expected|', 'allowed'];
  const rows = bad.slice(0, limit).map((x) => [x.path || '(value)', x.actual, x.expected, x.absolute, x.allowed]);
  return table(summary, columns, rows, bad.length - rows.length, bad.length === 0);
}

function table(summary: string, columns: string[], rows: unknown[][], more: number, ok: boolean): Display {
  const colour = ok ? '#1a7f37' : '#cf222e';
  const tail = more > 0 ? `… and ${more} more` : '';
  return display(
    {
      'text/html': `<p style="color: ${colour}; font-weight: bold">${escapeHtml(summary)}</p>${rows.length > 0 ? htmlTable(columns, rows) : ''}${tail ? `<p><small>${escapeHtml(tail)}</small></p>` : ''}`,
      'text/plain': [summary, rows.length > 0 ? textTable(columns, rows) : '', tail].filter((l) => l !== '').join('\n'),
    },
    `diff: ${summary}`,
  );
}
