import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestRunner, test } from 'vitest';
import type { AllCloseOptions } from '../all-close.js';
import { checkOptions } from '../check.js';
import { differences } from '../deep-close.js';
import { TestkitError } from '../errors.js';
import { safeJson } from '../json.js';
import { type ToleranceSpec, toleranceFor } from '../tolerance.js';

/** One reference vector, as the committed R/Python script writes it. */
export interface ReferenceVector<I = Record<string, unknown>, E = unknown> {
  /** Unique within the file; the test's name. */
  id: string | number;
  /** Where the expected value comes from (`"R 4.2 power.prop.test(p1 = 0.5, p2 = 0.52)"`). */
  source: string;
  /** What `fn` receives. */
  inputs: I;
  /** What `fn` must return: an object compared field by field, or one value. */
  expected: E;
  /** `{ rtol?, atol? }` for every field, or a map of them by field name. */
  tolerance?: ToleranceSpec;
}

/** Options of `referenceVectors`. */
export interface ReferenceVectorsOptions {
  /** Tolerance for vectors that carry none (and the base of those that do). Default `{ rtol: 1e-7, atol: 0 }`. */
  tolerance?: AllCloseOptions;
  /** Run only the vectors this returns true for (the others are not registered). */
  filter?: (vector: ReferenceVector) => boolean;
}

/**
 * Reads a JSON array of reference vectors `{ id, source, inputs, expected, tolerance? }` and
 * registers one Vitest test per vector, named by its `id`. Each test calls `fn(inputs, vector)`
 * (sync or async) and compares what it returns with `expected`:
 *
 * - `expected` an object: field by field, for the fields `expected` names (extra output fields
 *   are ignored), each with its own tolerance when `tolerance` is a map by field name;
 * - numbers and arrays of numbers with numpy's test |a − e| ≤ atol + rtol·|e| (see `allClose`);
 *   strings, booleans and null exactly; nested objects and arrays recursively.
 *
 * A failure names the vector, the field and the `source`. JSON cannot hold NaN or ±Infinity; the
 * file may use the bare tokens `NaN`, `Infinity` and `-Infinity` as Python's `json.dump` writes them.
 * `file` is a `URL`, an absolute path, or a path relative to the calling test file.
 * A file that is not JSON, not an array, or whose vectors miss a field, repeat an id or carry a bad
 * tolerance throws a `TestkitError` naming the file, the vector id and the field, when the test
 * file is collected.
 *
 * @example
 * import { referenceVectors } from '@ds/testkit/vitest';
 * typeof referenceVectors; // => 'function'
 * // In a test file, beside reference/power.json written by reference/power.R:
 * // referenceVectors('./reference/power.json', (inputs) => powerTwoProportions(inputs));
 */
export function referenceVectors<I = Record<string, unknown>>(
  file: string | URL,
  fn: (inputs: I, vector: ReferenceVector<I>) => unknown,
  options: ReferenceVectorsOptions = {},
): ReferenceVector<I>[] {
  const path = resolveVectorFile(file);
  const vectors = loadReferenceVectors(path) as ReferenceVector<I>[];
  for (const vector of vectors) {
    if (options.filter && !options.filter(vector as ReferenceVector)) continue;
    test(String(vector.id), () => runReferenceVector(fn as never, vector as ReferenceVector, path, options.tolerance));
  }
  return vectors;
}

/** Calls `fn` on one vector and throws the failure message (the test body `referenceVectors` registers). */
export async function runReferenceVector(
  fn: (inputs: unknown, vector: ReferenceVector) => unknown,
  vector: ReferenceVector,
  file: string,
  tolerance?: AllCloseOptions,
): Promise<void> {
  let actual: unknown;
  try {
    actual = await fn(vector.inputs, vector);
  } catch (e) {
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const error = new Error(
      `reference vector ${JSON.stringify(vector.id)} of ${file}: fn threw ${why}\nsource: ${vector.source}`,
    );
    (error as Error & { cause?: unknown }).cause = e;
    throw error;
  }
  const message = checkReferenceVector(actual, vector, { file, tolerance });
  if (message !== '') throw new Error(message);
}

/** Options of `checkReferenceVector`. */
export interface CheckReferenceVectorOptions {
  /** The file the vector came from, for the message. */
  file?: string;
  /** Tolerance under the vector's own. Default `{ rtol: 1e-7, atol: 0 }`. */
  tolerance?: AllCloseOptions | undefined;
}

/**
 * Compares one output with one reference vector as the tests of `referenceVectors` do; returns
 * the failure message (naming the vector, the fields that differ and the source), '' when it agrees.
 *
 * @example
 * import { checkReferenceVector } from '@ds/testkit/vitest';
 * const vector = { id: 'sq', source: 'by hand', inputs: { x: 2 }, expected: { square: 4 } };
 * checkReferenceVector({ square: 4 }, vector); // => ''
 */
export function checkReferenceVector(
  actual: unknown,
  vector: ReferenceVector<unknown>,
  options: CheckReferenceVectorOptions = {},
): string {
  checkOptions('options', options);
  if (options.file !== undefined && typeof options.file !== 'string')
    throw new TestkitError('invalid-type', 'file', options.file, 'a string');
  const v = checkOptions<ReferenceVector<unknown>>('vector', vector, true);
  if (typeof v.id !== 'string' && !(typeof v.id === 'number' && Number.isFinite(v.id))) {
    throw new TestkitError('invalid-type', 'vector.id', v.id, 'a string or a number');
  }
  if (typeof v.source !== 'string')
    throw new TestkitError('invalid-type', 'vector.source', v.source, 'a string naming where the vector came from');
  if (!Object.hasOwn(v, 'expected')) throw new TestkitError('missing-field', 'vector.expected', undefined, 'the expected output');
  const file = options.file ?? '(inline vector)';
  const problems = compareVector(actual, vector, { rtol: 1e-7, atol: 0, ...options.tolerance }, file);
  if (problems.length === 0) return '';
  return [`reference vector ${JSON.stringify(vector.id)} of ${file} differs`, ...problems, `source: ${vector.source}`].join('\n');
}

function compareVector(actual: unknown, vector: ReferenceVector<unknown>, defaults: AllCloseOptions, file: string): string[] {
  const where = `${file} vector ${JSON.stringify(vector.id)} `;
  const { expected, tolerance } = vector;
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual))
      return [`expected an object with fields ${Object.keys(expected).join(', ')}, got ${preview(actual)}`];
    const out: string[] = [];
    for (const [field, value] of Object.entries(expected)) {
      const t = toleranceFor(tolerance, field, defaults, where);
      if (!(field in actual)) {
        out.push(`field ${field}: missing from the output (expected ${preview(value)})`);
        continue;
      }
      for (const d of differences(actual[field], value, t, field)) out.push(`field ${d}`);
    }
    return out;
  }
  return differences(actual, expected, toleranceFor(tolerance, '', defaults, where), '');
}

function resolveVectorFile(file: string | URL): string {
  if (file instanceof URL) return fileURLToPath(file);
  if (typeof file !== 'string') throw new TestkitError('invalid-type', 'file', file, 'a path or a file: URL');
  if (file.startsWith('file:')) return fileURLToPath(file);
  if (isAbsolute(file)) return file;
  const testFile = TestRunner.getCurrentSuite()?.file?.filepath;
  return resolve(testFile ? dirname(testFile) : process.cwd(), file);
}

/**
 * Reads and checks a reference-vector file without registering tests (`referenceVectors` uses
 * it; handy in a notebook or a script).
 *
 * @example
 * import { loadReferenceVectors } from '@ds/testkit/vitest';
 * typeof loadReferenceVectors; // => 'function'
 */
export function loadReferenceVectors(path: string): ReferenceVector[] {
  // readFileSync aborts the whole process (not a throw) for some non-string paths, such as -0.
  if (typeof path !== 'string' || path === '' || path.length > 4096 || path.includes('\0')) {
    throw new TestkitError('invalid-type', 'path', path, 'the path of a JSON file (a non-empty string)');
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TestkitError(
      'invalid-file',
      'file',
      path,
      'a readable JSON file',
      `cannot read reference vectors ${path}: ${(e as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = parseJsonWithNonFinite(text);
  } catch (e) {
    throw new TestkitError('invalid-file', 'file', path, 'valid JSON', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) {
    throw new TestkitError(
      'invalid-file',
      'file',
      path,
      'a JSON array of vectors',
      `${path} must hold a JSON array of vectors, got ${preview(data)}`,
    );
  }
  const seen = new Set<string>();
  data.forEach((v: unknown, index: number) => {
    const label =
      isPlainObject(v) && (typeof v.id === 'string' || typeof v.id === 'number') ? JSON.stringify(v.id) : `at index ${index}`;
    const fail = (field: string, expected: string, value: unknown) =>
      new TestkitError(
        'missing-field',
        field,
        value,
        expected,
        `${path}: vector ${label}: field "${field}" must be ${expected}, got ${preview(value)}`,
      );
    if (!isPlainObject(v)) throw fail('(vector)', 'an object { id, source, inputs, expected, tolerance? }', v);
    if (typeof v.id !== 'string' && typeof v.id !== 'number') throw fail('id', 'a string or a number', v.id);
    if (seen.has(String(v.id))) throw fail('id', 'unique within the file', v.id);
    seen.add(String(v.id));
    if (typeof v.source !== 'string' || v.source === '') throw fail('source', 'a non-empty string', v.source);
    if (!('inputs' in v)) throw fail('inputs', 'present', undefined);
    if (!('expected' in v)) throw fail('expected', 'present', undefined);
    if (v.tolerance !== undefined) {
      try {
        toleranceFor(v.tolerance as ToleranceSpec, '', {}, '');
        if (isPlainObject(v.tolerance))
          for (const field of Object.keys(v.tolerance)) toleranceFor(v.tolerance as ToleranceSpec, field, {}, '');
      } catch (e) {
        const argument = e instanceof TestkitError ? e.argument : 'tolerance';
        throw fail(argument, '{ rtol?, atol? } with finite numbers ≥ 0, or a map of them by field', v.tolerance);
      }
    }
  });
  return data as ReferenceVector[];
}

/** JSON.parse that also reads the bare NaN, Infinity and -Infinity tokens Python's json writes. */
function parseJsonWithNonFinite(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (first) {
    const marker = '__ds_testkit_nonfinite__';
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (inString) {
        out += c;
        if (c === '\\') out += text[++i] ?? '';
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      const rest = text.slice(i, i + 9);
      const token = rest.startsWith('-Infinity')
        ? '-Infinity'
        : rest.startsWith('Infinity')
          ? 'Infinity'
          : rest.startsWith('NaN')
            ? 'NaN'
            : '';
      if (token !== '') {
        out += `"${marker}${token}"`;
        i += token.length - 1;
      } else out += c;
    }
    try {
      return JSON.parse(out, (_key, value) =>
        typeof value === 'string' && value.startsWith(marker) ? Number(value.slice(marker.length)) : value,
      );
    } catch {
      throw first;
    }
  }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

function preview(x: unknown): string {
  if (x === undefined) return 'nothing';
  // Only the head of a long value is shown (a 100,000-character string would be copied whole).
  const s = safeJson(typeof x === 'string' && x.length > 200 ? x.slice(0, 200) : x);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
