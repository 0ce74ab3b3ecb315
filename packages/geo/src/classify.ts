import { checkNumber, checkOneOf, checkOptions } from './check.js';
import { GeoError } from './errors.js';

/** Most classes `classify` makes (a choropleth is read with a handful; `k: 1e9` was a crash). */
export const MAX_CLASSES = 1000;
/** Most values × classes for `'natural-breaks'`, whose cost is O(k·n·log n): about a second. */
export const MAX_NATURAL_BREAKS_WORK = 2e7;

export type ClassificationScheme = 'quantiles' | 'equal-interval' | 'natural-breaks' | 'std-dev';

export interface ClassifyOptions {
  /** How to place the breaks. Default `'quantiles'`. */
  scheme?: ClassificationScheme;
  /** Number of classes. Default 5. Ignored by `'std-dev'`, whose classes follow from the data. */
  k?: number;
}

export interface Classification {
  /** Upper bound of each class, ascending; the last is the maximum (as mapclassify's `bins`). */
  breaks: number[];
  /** The class (0 … k − 1) of each input value, in input order. */
  classOf: Int32Array;
  scheme: ClassificationScheme;
  /** Number of classes (the length of `breaks`). */
  k: number;
  /** The smallest value: the lower edge of the first class. */
  min: number;
  /** How many values fall in each class. */
  counts: number[];
}

/**
 * Sorts values into k classes for a choropleth, as PySAL's mapclassify does: `'quantiles'` puts
 * the breaks at the k-quantiles (linear interpolation between order statistics, numpy's default,
 * R type 7), `'equal-interval'` splits [min, max] into k equal widths, `'natural-breaks'` is
 * Fisher's exact optimal partition (Jenks' natural breaks without his iteration: the k contiguous
 * classes of sorted values with the least within-class sum of squares, found by dynamic
 * programming with the divide-and-conquer speed-up, O(k·n·log n); breaks are class maxima, as
 * mapclassify's FisherJenks), and `'std-dev'` puts breaks at the mean ± 1 and 2 population
 * standard deviations, with the maximum as a last break when it lies above them (mapclassify's
 * StdMean). A value equal to a break belongs to the class the break closes (classes are
 * `(previous, break]`, the first `[min, break]`).
 *
 * Values must be finite numbers: a missing value would otherwise be silently put in a class.
 *
 * @throws {GeoError} for values that are not an array or typed array, an empty input, a
 *   non-finite value (naming its index), options that are not an object, an unknown scheme, k not
 *   a whole number in [1, 1000] (`MAX_CLASSES`), or `'natural-breaks'` asked for more than 2e7
 *   values × classes (`too-large`)
 *
 * @example
 * import { classify } from '@ds/geo';
 * classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { scheme: 'equal-interval', k: 3 }).breaks; // => [4, 7, 10]
 * Array.from(classify([1, 2, 3, 4], { k: 2 }).classOf); // => [0, 0, 1, 1]
 * classify([1, 2, 3, 10, 11, 12, 30, 31], { scheme: 'natural-breaks', k: 3 }).breaks; // => [3, 12, 31]
 */
export function classify(values: ArrayLike<number>, options: ClassifyOptions = {}): Classification {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new GeoError('invalid-type', 'values', values, 'an array or typed array of finite numbers');
  }
  const o = checkOptions<ClassifyOptions>('options', options);
  const scheme = checkOneOf('scheme', o.scheme ?? 'quantiles', ['quantiles', 'equal-interval', 'natural-breaks', 'std-dev']);
  const k = checkNumber('k', o.k ?? 5, { min: 1, max: MAX_CLASSES, integer: true });
  if (values.length === 0) throw new GeoError('out-of-range', 'values', values, 'at least one value');
  if (scheme === 'natural-breaks' && values.length * k > MAX_NATURAL_BREAKS_WORK) {
    throw new GeoError('too-large', 'values', values, `at most ${MAX_NATURAL_BREAKS_WORK} values × classes for 'natural-breaks'`);
  }
  const sorted = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new GeoError('invalid-type', `values[${i}]`, v, 'a finite number');
    }
    sorted[i] = v;
  }
  sorted.sort();
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  const breaks: number[] = [];
  if (scheme === 'quantiles') {
    for (let j = 1; j <= k; j++) breaks.push(quantileSorted(sorted, j / k));
  } else if (scheme === 'equal-interval') {
    // max / k − min / k: the width stays finite for values near ±Number.MAX_VALUE.
    const width = max / k - min / k;
    for (let j = 1; j < k; j++) breaks.push(min + j * width);
    breaks.push(max);
  } else if (scheme === 'natural-breaks') {
    breaks.push(...fisherBreaks(sorted, Math.min(k, distinct(sorted))));
  } else if (scheme === 'std-dev') {
    let mean = 0;
    // Scaled by the largest magnitude so that the sums stay finite for any finite values.
    const scale = Math.max(Math.abs(min), Math.abs(max)) || 1;
    for (const v of sorted) mean += v / scale;
    mean /= sorted.length;
    let ss = 0;
    for (const v of sorted) ss += (v / scale - mean) ** 2;
    const sd = Math.sqrt(ss / sorted.length) * scale;
    mean *= scale;
    for (const t of [-2, -1, 1, 2]) breaks.push(Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, mean + t * sd)));
    if (max > (breaks[3] as number)) breaks.push(max);
  } else {
    throw new GeoError('invalid-type', 'scheme', scheme, "'quantiles', 'equal-interval', 'natural-breaks' or 'std-dev'");
  }
  const classOf = new Int32Array(values.length);
  const counts = breaks.map(() => 0);
  for (let i = 0; i < values.length; i++) {
    const c = classIndex(breaks, values[i] as number);
    classOf[i] = c;
    counts[c] = (counts[c] as number) + 1;
  }
  return { breaks, classOf, scheme, k: breaks.length, min, counts };
}

/** R type 7 quantile of sorted data. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  const f = h - lo;
  return (1 - f) * a + f * b;
}

/** The first class whose break is ≥ v (binary search). */
function classIndex(breaks: number[], v: number): number {
  let lo = 0;
  let hi = breaks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (breaks[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function distinct(sorted: Float64Array): number {
  let n = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/**
 * Fisher's optimal partition of sorted values into k classes (least within-class sum of squares).
 * D[m][j] is the least cost of putting values 0..j into m + 1 classes; the best start of the last
 * class is monotone in j, so each row is filled by divide and conquer.
 */
function fisherBreaks(x: Float64Array, k: number): number[] {
  const n = x.length;
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  // Centre the values so the prefix sums of squares lose no precision.
  const c = x[n >> 1] as number;
  for (let i = 0; i < n; i++) {
    const v = (x[i] as number) - c;
    s1[i + 1] = (s1[i] as number) + v;
    s2[i + 1] = (s2[i] as number) + v * v;
  }
  const cost = (i: number, j: number) => {
    const s = (s1[j + 1] as number) - (s1[i] as number);
    return (s2[j + 1] as number) - (s2[i] as number) - (s * s) / (j - i + 1);
  };
  let prev = new Float64Array(n);
  for (let j = 0; j < n; j++) prev[j] = cost(0, j);
  const starts: Int32Array[] = [new Int32Array(n)];
  for (let m = 1; m < k; m++) {
    const cur = new Float64Array(n).fill(Infinity);
    const arg = new Int32Array(n);
    const fill = (lo: number, hi: number, optLo: number, optHi: number) => {
      if (lo > hi) return;
      const mid = (lo + hi) >> 1;
      let best = Infinity;
      let at = optLo;
      for (let i = Math.max(optLo, m); i <= Math.min(mid, optHi); i++) {
        const v = (prev[i - 1] as number) + cost(i, mid);
        if (v < best) {
          best = v;
          at = i;
        }
      }
      cur[mid] = best;
      arg[mid] = at;
      fill(lo, mid - 1, optLo, at);
      fill(mid + 1, hi, at, optHi);
    };
    fill(m, n - 1, m, n - 1);
    starts.push(arg);
    prev = cur;
  }
  const breaks: number[] = [];
  let j = n - 1;
  for (let m = k - 1; m >= 0; m--) {
    breaks.push(x[j] as number);
    j = m > 0 ? (starts[m]![j] as number) - 1 : -1;
  }
  return breaks.reverse();
}
