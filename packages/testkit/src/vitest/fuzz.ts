import { appendFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type FuzzCase, type FuzzFailure, type FuzzReport, fuzzExport } from '../arbitraries/fuzz.js';
import { checkOptions } from '../check.js';
import { TestkitError } from '../errors.js';

/** An export that is not a function (a constant table): what its value must satisfy. */
export interface FuzzValue {
  value: (exported: unknown) => boolean;
}

/** One entry per runtime export of an entry point. */
export type FuzzTable = Record<string, FuzzCase | FuzzValue>;

/**
 * A failure that is known and not yet fixed, in code someone else is changing: the export, the
 * broken path and the message seen. The suite prints these, tolerates them, and fails when one no
 * longer happens (so the list only shrinks).
 */
export interface KnownGap {
  export: string;
  path: string;
  message: string;
}

/** Options of {@link describeFuzz}. */
export interface DescribeFuzzOptions {
  /** The package's error class. */
  errorClass: abstract new (
    ...args: never[]
  ) => Error;
  knownGaps?: readonly KnownGap[];
  seed?: number;
  /** Time for each export's test, in ms (default 20,000: a few hundred calls take well under a second on a quiet machine; this is room for a busy one). */
  timeout?: number;
}

/** Totals of every fuzzed entry of this test run, for the closing note. */
const totals: Record<string, { calls: number; typed: number; accepted: number; failures: number; gaps: number }> = {};

/**
 * Registers the fuzz tests of one entry point: one test that every runtime export of `module`
 * has an entry in `table` (so a new export without one fails), and for each export a test that
 * runs {@link fuzzExport} on its entry and expects no failure beyond `knownGaps`. Totals (calls,
 * typed errors, accepted results, failures) are printed when the file ends; with the environment
 * variable `FUZZ_REPORT` set to a file, every failure is appended to it as a line of JSON.
 *
 * @example
 * import { describeFuzz } from '@ds/testkit/vitest';
 * typeof describeFuzz; // => 'function'
 * // In test/fuzz.test.ts of a package:
 * // describeFuzz('@ds/sample-size', await import('@ds/sample-size'), {
 * //   cohensH: { params: ['p1', 'p2'], args: () => [0.52, 0.5] },
 * // }, { errorClass: SampleSizeError });
 */
export function describeFuzz(
  entry: string,
  module: Record<string, unknown>,
  table: FuzzTable,
  options: DescribeFuzzOptions,
): void {
  if (typeof entry !== 'string') throw new TestkitError('invalid-type', 'entry', entry, 'the name of an entry point');
  if (module === null || typeof module !== 'object')
    throw new TestkitError('invalid-type', 'module', module, 'a module namespace');
  checkOptions<FuzzTable>('table', table, true);
  const o = checkOptions<DescribeFuzzOptions>('options', options, true);
  const gaps = o.knownGaps ?? [];
  const total = { calls: 0, typed: 0, accepted: 0, failures: 0, gaps: 0 };
  totals[entry] = total;
  describe(`fuzz: every export of ${entry} answers bad input with a typed error or a valid result`, () => {
    it('has a fuzz entry for every runtime export, and none for a name it does not export', () => {
      expect(
        Object.keys(module).filter((name) => !Object.hasOwn(table, name)),
        'exports without a fuzz entry',
      ).toEqual([]);
      expect(
        Object.keys(table).filter((name) => !Object.hasOwn(module, name)),
        'entries for no export',
      ).toEqual([]);
    });
    for (const name of Object.keys(table)) {
      const fuzzCase = table[name] as FuzzCase | FuzzValue;
      it(
        name,
        async () => {
          if ('value' in fuzzCase) {
            total.calls++;
            expect(fuzzCase.value(module[name]), `${name} fails its invariant`).toBe(true);
            total.accepted++;
            return;
          }
          const report: FuzzReport = await fuzzExport(module[name], fuzzCase, {
            errorClass: o.errorClass as abstract new (...args: never[]) => Error,
            ...(o.seed === undefined ? {} : { seed: o.seed }),
          });
          const mine = gaps.filter((g) => g.export === name);
          const known = (f: FuzzFailure) => mine.some((g) => g.path === f.path);
          const open = report.failures.filter((f) => !known(f));
          const closed = mine.filter((g) => !report.failures.some((f) => f.path === g.path));
          total.calls += report.calls;
          total.typed += report.typed;
          total.accepted += report.accepted;
          total.failures += open.length;
          total.gaps += report.failures.length - open.length;
          if (report.failures.length > open.length) {
            console.warn(
              `${entry} ${name}: ${report.failures.length - open.length} calls fail in known gaps (${mine.map((g) => g.path).join(', ')})`,
            );
          }
          // FUZZ_REPORT=<file> appends every failure as a JSON line, for triage and the closing note.
          const file = process.env.FUZZ_REPORT;
          if (file)
            for (const f of report.failures)
              appendFileSync(file, `${JSON.stringify({ entry, export: name, known: known(f), ...f })}\n`);
          expect(open, `${name}: calls answered outside the contract`).toEqual([]);
          expect(closed, `${name}: known gaps that no longer fail: remove them from knownGaps`).toEqual([]);
        },
        o.timeout ?? 20_000,
      );
    }
  });
  afterAll(() => {
    const t = totals[entry];
    if (t)
      console.log(
        `fuzz ${entry}: ${t.calls} calls, ${t.typed} typed errors, ${t.accepted} accepted results, ${t.failures} failures, ${t.gaps} in known gaps`,
      );
  });
}
