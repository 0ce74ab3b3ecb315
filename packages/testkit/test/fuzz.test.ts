/**
 * Every runtime export of @ds/testkit, @ds/testkit/vitest and @ds/testkit/arbitraries, called with
 * a valid baseline and then with one field at a time broken (docs/contributing.md, "Fuzz tests"):
 * a TestkitError naming the field, or a result whose documented invariants hold.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as arbitraries from '../src/arbitraries.js';
import * as main from '../src/index.js';
import { TestkitError } from '../src/index.js';
import * as notebook from '../src/notebook.js';
import * as vitestEntry from '../src/vitest.js';
import { describeFuzz, type FuzzTable, type KnownGap } from '../src/vitest.js';

const pdf = () =>
  new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  );
const isBoolean = (v: unknown) => typeof v === 'boolean';
const outcome = (v: unknown) => typeof (v as { pass?: unknown }).pass === 'boolean';
const comparison = (v: unknown) => typeof (v as { equal?: unknown }).equal === 'boolean';
/** An arbitrary that draws: fast-check's own check of what a factory returned. */
const draws = (arb: unknown) => {
  fc.sample(arb as fc.Arbitrary<unknown>, { numRuns: 3, seed: 1 });
  return true;
};
const fixture = (v: unknown) => v !== null && typeof v === 'object' && Object.keys(v as object).length > 0;
const polygon = () => ({
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
});

const mainTable: FuzzTable = {
  TestkitError: {
    construct: true,
    params: ['code', 'argument', 'value', 'expected', 'message', 'options'],
    args: () => ['out-of-range', 'rtol', -1, 'a number ≥ 0'],
    invariant: (e) => e instanceof TestkitError && e.message.length > 0,
  },
  // A call that no longer throws the class asked for fails as an assertion (a plain Error), as documented.
  errorOf: {
    params: ['fn', 'errorClass'],
    args: () => [
      () => {
        throw new RangeError('x');
      },
      RangeError,
    ],
    invariant: (e) => e instanceof RangeError,
    accepts: (e) => e instanceof Error && e.name === 'Error' && e.message.startsWith('expected a'),
  },
  rejectionOf: {
    params: ['promise', 'errorClass'],
    args: () => {
      // Handled here too: a mutation that replaces it must not leave an unhandled rejection.
      const rejected = Promise.reject(new RangeError('x'));
      rejected.catch(() => undefined);
      return [rejected, RangeError];
    },
    invariant: (e) => e instanceof RangeError,
    accepts: (e) => e instanceof Error && e.name === 'Error' && e.message.startsWith('expected a'),
  },
  allClose: {
    params: ['actual', 'expected', 'options'],
    args: () => [[1, 2.0000001], [1, 2], { rtol: 1e-6 }],
    invariant: isBoolean,
    // A pair that cannot be compared is named by its actual side, the message saying both.
    names: { expected: ['actual'], 'expected[0]': ['actual[0]'] },
  },
  assertAllClose: {
    params: ['actual', 'expected', 'options'],
    args: () => [[0.1 + 0.2], [0.3], {}],
    invariant: (v) => v === undefined,
    // A broken value that no longer matches fails as an assertion (a plain Error with a diff), as documented.
    accepts: (e) => e instanceof Error && e.name === 'Error' && e.message.startsWith('Not close'),
    // A pair that cannot be compared is named by its actual side, the message saying both.
    names: { expected: ['actual'], 'expected[0]': ['actual[0]'] },
  },
  geometryEqual: { params: ['actual', 'expected', 'options'], args: () => [polygon(), polygon(), {}], invariant: comparison },
  recordsEqual: {
    params: ['actual', 'expected', 'options'],
    args: () => [[{ name: 'Mark', score: 0.3 }], [{ name: 'Mark', score: 0.3 }], {}],
    invariant: comparison,
  },
  seededRandom: { params: ['seed'], args: () => [42], invariant: (r) => typeof r === 'function' },
  pdfText: {
    params: ['bytes', 'options'],
    args: () => [pdf(), { order: 'reading' }],
    invariant: (t) => typeof t === 'string',
    timeoutMs: 3_000,
  },
  pdfTextItems: {
    params: ['bytes', 'options'],
    args: () => [pdf(), { pages: [1] }],
    invariant: (pages) => Array.isArray(pages) && pages.every(Array.isArray),
    timeoutMs: 3_000,
  },
  pdfPageCount: { params: ['bytes'], args: () => [pdf()], invariant: (n) => n === 1, timeoutMs: 3_000 },
};

const vitestTable: FuzzTable = {
  // These two register tests (one per vector, one per export): they cannot be called inside a
  // test, so their checks are fuzzed through what they call (checkReferenceVector, fuzzExport).
  referenceVectors: { value: (v) => typeof v === 'function' },
  describeFuzz: { value: (v) => typeof v === 'function' },
  chromiumFlags: { value: (v) => Array.isArray(v) && v.every((f) => typeof f === 'string') },
  matchers: { value: (v) => typeof (v as { toBeAllClose?: unknown }).toBeAllClose === 'function' },
  toBeAllClose: {
    params: ['actual', 'expected', 'options'],
    args: () => [[1, 2], [1, 2.0000001], {}],
    invariant: outcome,
    names: { expected: ['actual'], 'expected[0]': ['actual[0]'] },
  },
  toEqualRecords: { params: ['actual', 'expected', 'options'], args: () => [[{ a: 1 }], [{ a: 1 }], {}], invariant: outcome },
  toEqualGeometry: { params: ['actual', 'expected', 'options'], args: () => [polygon(), polygon(), {}], invariant: outcome },
  browserPageFixture: { params: ['options'], args: () => [{}], invariant: fixture },
  databaseFixture: { params: ['options'], args: () => [{ schema: 'create table names (name text)' }], invariant: fixture },
  seededRandomFixture: { params: ['options'], args: () => [{ seed: 1 }], invariant: fixture },
  tempDirFixture: { params: ['options'], args: () => [{}], invariant: fixture },
  replayServerFixture: { params: ['options'], args: () => [{ exchanges: [] }], invariant: fixture },
  checkReferenceVector: {
    params: ['actual', 'vector', 'options'],
    args: () => [{ square: 4 }, { id: 'sq', source: 'by hand', inputs: { x: 2 }, expected: { square: 4 } }, {}],
    invariant: (v) => typeof v === 'string',
    // A 100,000-character string is compared and quoted in the message: about 100 ms on a quiet machine.
    timeoutMs: 1_000,
  },
  loadReferenceVectors: {
    params: ['path'],
    args: () => [fileURLToPath(new URL('./reference/allclose.json', import.meta.url))],
    invariant: (vectors) => Array.isArray(vectors) && vectors.length > 0,
    // The file is named as referenceVectors names it: 'file'.
    names: { path: ['file'] },
    extra: () => [
      ['path', -0],
      ['path', 'x'.repeat(5000)],
    ],
  },
  startReplayServer: {
    params: ['options'],
    args: () => [
      { exchanges: [{ request: { path: '/a' }, response: { status: 200, body: { ok: true } } }], respond: () => undefined },
    ],
    invariant: (server) => {
      void (server as { close(): Promise<void> }).close();
      return typeof (server as { url?: unknown }).url === 'string';
    },
    timeoutMs: 3_000,
  },
  openDatabaseFile: {
    // The baseline opens a PGlite (seconds): only calls that must be refused at once are tried.
    params: ['options'],
    args: () => [{ url: undefined, schema: 'create table t (x int)' }],
    // Every broken value that would still open a database (a string schema, an object) is left
    // out: each PGlite costs hundreds of MB. What is tried must be refused before one opens.
    filter: (path, label) =>
      (path === 'options' && /^(null|'0\.5'|''|true|\[\]|Symbol|10n|a function|-?\d|NaN|-?Infinity)/.test(label)) ||
      (path === 'url' && /^(null|'0\.5'|''|true|\[\]|\{\}|Symbol|10n|a function|-?\d|NaN|-?Infinity)/.test(label)),
    invariant: (db) => {
      void (db as { close?: () => Promise<void> }).close?.();
      return true;
    },
    timeoutMs: 30_000,
    randomRuns: 0,
  },
};

const arbitrariesTable: FuzzTable = {
  followerGraph: {
    params: ['options'],
    args: () => [{ minNodes: 2, maxNodes: 10 }],
    invariant: draws,
    // minNodes above maxNodes is refused as maxNodes below minNodes.
    names: { minNodes: ['maxNodes'] },
  },
  geoPoint: { params: ['options'], args: () => [{ bbox: [0, 0, 10, 10] }], invariant: draws },
  simplePolygon: { params: ['options'], args: () => [{ bbox: [0, 0, 10, 10] }], invariant: draws },
  proportion: { params: ['options'], args: () => [{ min: 0.1, max: 0.9 }], invariant: draws },
  finiteDeep: { params: ['value', 'depth'], args: () => [{ a: [1, 2] }, 0], invariant: isBoolean },
  fuzzExport: {
    params: ['fn', 'fuzzCase', 'options'],
    args: () => [(x: number) => x, { params: ['x'], args: () => [1], randomRuns: 0 }, { errorClass: TestkitError }],
    invariant: (report) => typeof (report as { calls?: unknown }).calls === 'number',
    skip: ['fuzzCase.args'],
    // A nested fuzz run per call: a second of room on a busy machine.
    timeoutMs: 2_000,
    randomRuns: 20,
  },
};

/** Failures in code another engineer is changing (see the issue); this list must shrink to zero. */
const knownGaps: KnownGap[] = [];

describeFuzz('@ds/testkit', main as Record<string, unknown>, mainTable, { errorClass: TestkitError, knownGaps });
describeFuzz('@ds/testkit/vitest', vitestEntry as Record<string, unknown>, vitestTable, {
  errorClass: TestkitError,
  knownGaps,
  // openDatabaseFile's baseline starts a PGlite: room for a busy machine.
  timeout: 60_000,
});
describeFuzz('@ds/testkit/arbitraries', arbitraries as Record<string, unknown>, arbitrariesTable, {
  errorClass: TestkitError,
  knownGaps,
});

/**
 * A notebook display: every part a non-empty string, no 'undefined' printed. (NaN may be printed:
 * a diff shows the values compared, and NaN is one allClose compares.)
 */
const display = (d: unknown) => {
  const bundle = (d as { bundle?: Record<string, unknown> }).bundle;
  return (
    bundle !== undefined &&
    Object.values(bundle).every((v) => typeof v === 'string' && v.length > 0) &&
    !/undefined/.test(String(bundle['text/plain']))
  );
};

const notebookTable: FuzzTable = {
  showDiff: {
    params: ['actual', 'expected', 'options'],
    args: () => [[0.8012, 0.05], [0.8, 0.05], { atol: 0.001, limit: 5 }],
    invariant: display,
  },
};

describeFuzz('@ds/testkit/notebook', notebook as Record<string, unknown>, notebookTable, {
  errorClass: TestkitError,
  knownGaps,
});
