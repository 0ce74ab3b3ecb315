import type { AllCloseOptions } from './all-close.js';
import { checkOptions } from './check.js';
import { TestkitError } from './errors.js';
import { safeJson } from './json.js';
import { type ToleranceSpec, toleranceFor } from './tolerance.js';

/** A table row: column name → value. */
export type Row = Readonly<Record<string, unknown>>;

/** The type of a column: its values' type, ignoring nulls (`'null'` when every value is null). */
export type ColumnDtype = 'number' | 'string' | 'boolean' | 'null' | 'mixed' | 'other';

/** Options of `recordsEqual`, after pandas' `assert_frame_equal`. */
export interface RecordsEqualOptions {
  /** Compare rows as a multiset, in any order (pandas sorts first; so can you). Default `false`. */
  ignoreRowOrder?: boolean;
  /** Check each column's dtype (number, string, boolean, null) before its values. Default `true`. */
  checkDtype?: boolean;
  /**
   * Tolerance for number cells, one for all columns or a map by column. Default pandas'
   * `{ rtol: 1e-5, atol: 1e-8 }`; `{ rtol: 0, atol: 0 }` is pandas' `check_exact=True`.
   */
  tolerance?: ToleranceSpec;
  /** How many differing rows the message shows. Default 5. */
  maxRows?: number;
}

/** One difference `recordsEqual` found. */
export interface RecordDifference {
  kind: 'columns' | 'row-count' | 'dtype' | 'value' | 'unmatched-row';
  /** The row (in `expected`; in `actual` for an unmatched actual row). */
  row?: number;
  column?: string;
  actual?: unknown;
  expected?: unknown;
}

/** What `recordsEqual` returns: `equal`, the differences and a readable message ('' when equal). */
export interface RecordsEqualResult {
  equal: boolean;
  differences: RecordDifference[];
  message: string;
}

/**
 * Compares two tables given as arrays of row objects, as pandas' `assert_frame_equal` compares
 * DataFrames: the same column set (the union of the rows' keys; a key a row lacks reads as null), the same number of
 * rows, the same dtype per column, then the cells: numbers with `|a − e| ≤ atol + rtol·|e|`
 * (pandas' defaults rtol 1e-5, atol 1e-8), NaN equal to NaN and null to null (missing values in
 * the same places), anything else exactly. With `ignoreRowOrder`, each expected row is matched to
 * a distinct actual row that equals it.
 *
 * @example
 * import { recordsEqual } from '@ds/testkit';
 * recordsEqual([{ name: 'Mark', score: 0.30000000000000004 }], [{ name: 'Mark', score: 0.3 }]).equal; // => true
 * recordsEqual([{ id: 2 }, { id: 1 }], [{ id: 1 }, { id: 2 }], { ignoreRowOrder: true }).equal; // => true
 * recordsEqual([{ id: 1 }], [{ id: '1' }]).message; // => 'column "id": dtype number in actual, string in expected'
 */
export function recordsEqual(
  actual: readonly Row[],
  expected: readonly Row[],
  options0: RecordsEqualOptions = {},
): RecordsEqualResult {
  const options = checkOptions<RecordsEqualOptions>('options', options0) as RecordsEqualOptions;
  checkRows(actual, 'actual');
  checkRows(expected, 'expected');
  const { ignoreRowOrder = false, checkDtype = true, maxRows = 5 } = options;
  const defaults = { rtol: 1e-5, atol: 1e-8 };
  const diffs: RecordDifference[] = [];
  const lines: string[] = [];

  const aCols = columnsOf(actual);
  const eCols = columnsOf(expected);
  const missing = [...eCols].filter((c) => !aCols.has(c));
  const extra = [...aCols].filter((c) => !eCols.has(c));
  if (missing.length > 0 || extra.length > 0) {
    diffs.push({ kind: 'columns', actual: [...aCols], expected: [...eCols] });
    const parts = [];
    if (missing.length > 0) parts.push(`missing from actual: ${missing.map((c) => safeJson(c)).join(', ')}`);
    if (extra.length > 0) parts.push(`not in expected: ${extra.map((c) => safeJson(c)).join(', ')}`);
    lines.push(`columns differ (${parts.join('; ')})`);
  }
  if (actual.length !== expected.length) {
    diffs.push({ kind: 'row-count', actual: actual.length, expected: expected.length });
    lines.push(`row count differs: actual ${actual.length}, expected ${expected.length}`);
  }
  const columns = [...eCols].filter((c) => aCols.has(c));
  const tolerances = new Map(columns.map((c) => [c, toleranceFor(options.tolerance, c, defaults, '')]));
  if (checkDtype) {
    for (const c of columns) {
      const a = dtypeOf(actual, c);
      const e = dtypeOf(expected, c);
      if (a !== e && a !== 'null' && e !== 'null') {
        diffs.push({ kind: 'dtype', column: c, actual: a, expected: e });
        lines.push(`column ${safeJson(c)}: dtype ${a} in actual, ${e} in expected`);
      }
    }
  }
  if (diffs.length === 0) {
    const rowDiffs = ignoreRowOrder
      ? matchUnordered(actual, expected, columns, tolerances)
      : matchOrdered(actual, expected, columns, tolerances);
    diffs.push(...rowDiffs);
    const shown = new Set<string>();
    for (const d of rowDiffs) {
      const key = `${d.kind}${d.row}`;
      if (!shown.has(key) && shown.size >= maxRows) continue;
      shown.add(key);
      lines.push(
        d.kind === 'unmatched-row'
          ? `${d.expected === undefined ? 'actual' : 'expected'} row ${d.row} has no equal row in ${d.expected === undefined ? 'expected' : 'actual'}: ${safeJson(d.expected ?? d.actual)}`
          : `row ${d.row}, column ${safeJson(d.column)}: actual ${show(d.actual)}, expected ${show(d.expected)}`,
      );
    }
    const rows = new Set(rowDiffs.map((d) => `${d.kind}${d.row}`)).size;
    if (rows > shown.size) lines.push(`… and ${rows - shown.size} more rows`);
  }
  return { equal: diffs.length === 0, differences: diffs, message: lines.join('\n') };
}

function checkRows(rows: readonly Row[], argument: string) {
  if (!Array.isArray(rows)) throw new TestkitError('invalid-type', argument, rows, 'an array of row objects');
  rows.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      throw new TestkitError(
        'invalid-type',
        `${argument}[${i}]`,
        r,
        'a row object',
        `${argument}[${i}] must be a row object, got ${show(r)}`,
      );
    }
  });
}

function columnsOf(rows: readonly Row[]): Set<string> {
  const out = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) out.add(k);
  return out;
}

function dtypeOf(rows: readonly Row[], column: string): ColumnDtype {
  let seen: ColumnDtype = 'null';
  for (const r of rows) {
    const v = r[column];
    if (v === null || v === undefined) continue;
    const t: ColumnDtype =
      typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'other';
    if (seen === 'null') seen = t;
    else if (seen !== t) return 'mixed';
  }
  return seen;
}

function cellEqual(a: unknown, e: unknown, t: AllCloseOptions): boolean {
  const aMissing = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
  const eMissing = e === null || e === undefined || (typeof e === 'number' && Number.isNaN(e));
  if (aMissing || eMissing) return aMissing && eMissing && (a === null || a === undefined) === (e === null || e === undefined);
  if (typeof a === 'number' && typeof e === 'number') {
    if (!Number.isFinite(a) || !Number.isFinite(e)) return a === e;
    return Math.abs(a - e) <= (t.atol ?? 0) + (t.rtol ?? 0) * Math.abs(e);
  }
  if (a instanceof Date && e instanceof Date) return a.getTime() === e.getTime();
  return a === e;
}

function matchOrdered(
  actual: readonly Row[],
  expected: readonly Row[],
  columns: string[],
  tolerances: Map<string, AllCloseOptions>,
) {
  const out: RecordDifference[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as Row;
    const e = expected[i] as Row;
    for (const c of columns) {
      if (!cellEqual(a[c] ?? null, e[c] ?? null, tolerances.get(c) as AllCloseOptions)) {
        out.push({ kind: 'value', row: i, column: c, actual: a[c] ?? null, expected: e[c] ?? null });
      }
    }
  }
  return out;
}

function matchUnordered(
  actual: readonly Row[],
  expected: readonly Row[],
  columns: string[],
  tolerances: Map<string, AllCloseOptions>,
) {
  const used = new Uint8Array(actual.length);
  const out: RecordDifference[] = [];
  const rowEqual = (a: Row, e: Row) =>
    columns.every((c) => cellEqual(a[c] ?? null, e[c] ?? null, tolerances.get(c) as AllCloseOptions));
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as Row;
    // Same position first: keeps the common case (already in order) linear.
    if (used[i] === 0 && i < actual.length && rowEqual(actual[i] as Row, e)) {
      used[i] = 1;
      continue;
    }
    let found = -1;
    for (let j = 0; j < actual.length; j++) {
      if (used[j] === 0 && rowEqual(actual[j] as Row, e)) {
        found = j;
        break;
      }
    }
    if (found >= 0) used[found] = 1;
    else out.push({ kind: 'unmatched-row', row: i, expected: e });
  }
  for (let j = 0; j < actual.length; j++) if (used[j] === 0) out.push({ kind: 'unmatched-row', row: j, actual: actual[j] });
  return out;
}

function show(x: unknown): string {
  if (x === undefined) return 'undefined';
  if (typeof x === 'number') return String(x);
  return safeJson(x);
}
