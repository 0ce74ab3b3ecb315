import { GeoError } from './errors.js';

export type ClassificationScheme = 'quantiles' | 'equal-interval';

export interface ClassifyOptions {
  /** How to place the breaks. Default `'quantiles'`. */
  scheme?: ClassificationScheme;
  /** Number of classes. Default 5. */
  k?: number;
}

export interface Classification {
  /** Upper bound of each class, ascending; the last is the maximum (as mapclassify's `bins`). */
  breaks: number[];
  /** The class (0 … k − 1) of each input value, in input order. */
  classOf: Int32Array;
  scheme: ClassificationScheme;
  k: number;
}

/**
 * Sorts values into k classes for a choropleth, as PySAL's mapclassify does: `'quantiles'` puts
 * the breaks at the k-quantiles (linear interpolation between order statistics, numpy's default,
 * R type 7), `'equal-interval'` splits [min, max] into k equal widths. A value equal to a break
 * belongs to the class the break closes (classes are `(previous, break]`, the first `[min, break]`).
 *
 * Values must be finite numbers: a missing value would otherwise be silently put in a class.
 *
 * @throws {GeoError} for an empty input, a non-finite value (naming its index) or a bad k
 *
 * @example
 * import { classify } from '@ds/geo';
 * classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { scheme: 'equal-interval', k: 3 }).breaks; // => [4, 7, 10]
 * Array.from(classify([1, 2, 3, 4], { k: 2 }).classOf); // => [0, 0, 1, 1]
 */
export function classify(values: ArrayLike<number>, options: ClassifyOptions = {}): Classification {
  const scheme = options.scheme ?? 'quantiles';
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 1) throw new GeoError('out-of-range', 'k', k, 'a whole number ≥ 1');
  if (values.length === 0) throw new GeoError('out-of-range', 'values', '[]', 'at least one value');
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
    const width = (max - min) / k;
    for (let j = 1; j < k; j++) breaks.push(min + j * width);
    breaks.push(max);
  } else {
    throw new GeoError('invalid-type', 'scheme', scheme, "'quantiles' or 'equal-interval'");
  }
  const classOf = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) classOf[i] = classIndex(breaks, values[i] as number);
  return { breaks, classOf, scheme, k };
}

/** R type 7 quantile of sorted data. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
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
