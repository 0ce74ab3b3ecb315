/**
 * The conventions every @ds package shares (docs/contributing.md, "Conventions"), held by a test
 * as the manifests are: one error shape on one base class, one safe rendering of values in
 * messages, one cancellation error, one progress shape, one input-checking module, `color`
 * spelled the JavaScript way (with `colour` kept as deprecated aliases) and readers named `read*`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as geoErrors from '../../packages/geo/src/errors.js';
import * as reportErrors from '../../packages/report/src/errors.js';
import * as sampleSizeErrors from '../../packages/sample-size/src/errors.js';
import * as testkitErrors from '../../packages/testkit/src/errors.js';
import * as turiErrors from '../../packages/turi/src/errors.js';

// The entries are loaded by name (Vitest maps `@ds/x` to the sources), so that typechecking this
// file does not pull every package's sources into the root project.
const load = (name: string) => import(/* @vite-ignore */ name) as Promise<Record<string, unknown>>;
const [sampleSize = {}, turi = {}, report = {}, geo = {}, testkit = {}] = (await Promise.all(
  ['@ds/sample-size', '@ds/turi', '@ds/report', '@ds/geo', '@ds/testkit'].map(load),
)) as Record<string, unknown>[];

const root = fileURLToPath(new URL('../../', import.meta.url));

type ErrorClass = new (
  code: never,
  argument: string,
  value: unknown,
  expected: string,
  message?: string,
  options?: { cause?: unknown },
) => RangeError & { code: string; argument: string; value: unknown; expected: string };

interface PackageErrors {
  dir: string;
  name: string;
  exported: ErrorClass;
  module: {
    describeValue: (value: unknown, withType?: boolean) => string;
    abortedError: (signal: AbortSignal, what: string) => Error & { code: string; argument: string; cause?: unknown };
    throwIfAborted: (signal: AbortSignal | undefined, what: string) => void;
  };
}

const packages: PackageErrors[] = [
  { dir: 'sample-size', name: 'SampleSizeError', exported: sampleSize.SampleSizeError as ErrorClass, module: sampleSizeErrors },
  { dir: 'turi', name: 'TuriError', exported: turi.TuriError as ErrorClass, module: turiErrors },
  { dir: 'report', name: 'ReportError', exported: report.ReportError as ErrorClass, module: reportErrors },
  { dir: 'geo', name: 'GeoError', exported: geo.GeoError as ErrorClass, module: geoErrors },
  { dir: 'testkit', name: 'TestkitError', exported: testkit.TestkitError as ErrorClass, module: testkitErrors },
];

const source = (dir: string, file: string) => readFileSync(`${root}packages/${dir}/src/${file}`, 'utf8');

/** Values that broke `String(value)` in the error constructors, and others a message must survive. */
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const hostile: [string, unknown][] = [
  ['an object without a prototype', Object.create(null)],
  ['{ toString: null }', { toString: null }],
  [
    '{ valueOf: throws }',
    {
      valueOf: () => {
        throw new Error('no');
      },
      toString: () => {
        throw new Error('no');
      },
    },
  ],
  ['a symbol', Symbol('s')],
  ['a bigint', 10n],
  ['a huge string', 'x'.repeat(1_000_000)],
  ['a revoked proxy', revoked.proxy],
  [
    'a getter that throws',
    Object.defineProperty({}, 'a', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    }),
  ],
  [
    'a cycle',
    (() => {
      const a: Record<string, unknown> = {};
      a.self = a;
      return a;
    })(),
  ],
  ['a deep array', Array.from({ length: 10 }, () => [[[[1]]]])],
  ['a function', () => 1],
  ['a Map', new Map([[1, 2]])],
  ['-0', -0],
  ['NaN', Number.NaN],
];

describe.each(packages)('$name keeps the one error shape', ({ dir, name, exported, module }) => {
  it('is exported from the main entry and extends RangeError', () => {
    const error = new exported('out-of-range' as never, 'k', 0, 'a whole number ≥ 1');
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error).toMatchObject({ code: 'out-of-range', argument: 'k', value: 0, expected: 'a whole number ≥ 1' });
    expect(error.message).toBe('k must be a whole number ≥ 1, got 0');
  });

  it('says when a value had the wrong type', () => {
    const error = new exported('invalid-type' as never, 'p1', '0.5', 'a finite number in [0, 1]');
    expect(error.message).toBe("p1 must be a finite number in [0, 1], got '0.5' (a string)");
  });

  it.each(hostile)('builds its message for %s without throwing', (_label, value) => {
    const error = new exported('invalid-type' as never, 'x', value, 'a number');
    expect(error.message.startsWith('x must be a number, got ')).toBe(true);
    expect(error.message.length).toBeLessThan(400);
    expect(error.value).toBe(value);
  });

  it('keeps a cause', () => {
    const cause = new Error('inner');
    expect(new exported('invalid-type' as never, 'x', 1, 'y', 'm', { cause }).cause).toBe(cause);
  });

  it('raises the one cancellation error: code aborted, argument signal, the reason as cause', () => {
    const controller = new AbortController();
    module.throwIfAborted(controller.signal, 'nothing');
    const reason = new Error('stop');
    controller.abort(reason);
    expect(() => module.throwIfAborted(controller.signal, 'the work')).toThrow(exported);
    const error = module.abortedError(controller.signal, 'the work');
    expect(error).toMatchObject({ code: 'aborted', argument: 'signal', message: 'the work was aborted' });
    expect(error.cause).toBe(reason);
  });

  it('shares the value rendering and the input checks with every other package, word for word', () => {
    const [first] = packages;
    const common = (dir: string) => {
      const text = source(dir, 'errors.ts');
      return text.slice(text.indexOf('// The shape every @ds package shares'));
    };
    expect(common(dir)).toBe(common(first?.dir ?? dir));
    // Compared without layout: the formatter wraps lines differently for longer class names.
    const check = (dir: string, cls: string) =>
      source(dir, 'check.ts')
        .replaceAll(cls, 'ERROR')
        .replaceAll(`@ds/${dir}`, '@ds/PKG')
        .replace(/\s+/g, '')
        .replace(/,([)\]}])/g, '$1');
    expect(check(dir, name)).toBe(check(first?.dir ?? dir, first?.name ?? name));
  });

  it('renders every hostile value the same way as the other packages', () => {
    for (const [, value] of hostile) {
      expect(module.describeValue(value, true)).toBe(sampleSizeErrors.describeValue(value, true));
    }
  });
});

describe('one spelling and one naming of readers', () => {
  const entries: Record<string, Record<string, unknown>> = { sampleSize, turi, report, geo, testkit };

  it.each(Object.keys(entries))('@ds/%s exports every `colour` name under its `color` spelling too', (entry) => {
    const names = Object.keys(entries[entry] ?? {});
    for (const name of names.filter((n) => /colour/i.test(n))) {
      const color = name.replace('colour', 'color').replace('Colour', 'Color');
      expect(names, `${name} needs the alias ${color}`).toContain(color);
    }
  });

  it('gives the geo readers read* names', () => {
    const topology = { type: 'Topology', objects: { dot: { type: 'Point', coordinates: [2.35, 48.86] } }, arcs: [] };
    const call = (name: string, ...args: unknown[]) => (geo[name] as (...a: unknown[]) => unknown)(...args);
    expect(call('readTopoJSON', topology, 'dot')).toEqual(call('fromTopoJSON', topology, 'dot'));
    const csv = 'lat,lon\n48.86,2.35';
    expect(call('readCsvPoints', csv, { lat: 'lat', lon: 'lon' })).toEqual(
      call('pointsFromCsv', csv, { lat: 'lat', lon: 'lon' }),
    );
  });
});

describe('every entry point is fuzzed', () => {
  // The fuzz tables check that each export of an entry has an entry; this checks that each entry
  // point a package publishes (its package.json exports) has a table at all.
  it.each(packages.map((p) => p.dir))('@ds/%s: a describeFuzz for each subpath of its exports', (dir) => {
    const manifest = JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8')) as {
      name: string;
      exports: Record<string, unknown>;
    };
    const fuzz = readFileSync(`${root}packages/${dir}/test/fuzz.test.ts`, 'utf8');
    const entries = Object.keys(manifest.exports)
      .filter((k) => k !== './package.json')
      .map((k) => (k === '.' ? manifest.name : `${manifest.name}/${k.slice(2)}`));
    const fuzzed = [...fuzz.matchAll(/describeFuzz\(\s*'([^']+)'/g)].map((m) => m[1]);
    expect(entries.filter((e) => !fuzzed.includes(e))).toEqual([]);
  });
});
