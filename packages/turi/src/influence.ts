import { checkOptions } from './check.js';
import { checkCount, TuriError } from './errors.js';

/** How the follower counts of the followers are summarised into IF. */
export type InfluenceMethod = 'mean' | 'median' | 'trimmed-mean';

export interface InfluenceOptions {
  /**
   * `'mean'` (default, the 2018 definition: one very influential follower should lift the score),
   * `'median'` (the middle value; the mean of the two middle values for an even count, as numpy),
   * or `'trimmed-mean'` (the mean after cutting `trim` of the values from each end).
   */
  method?: InfluenceMethod;
  /**
   * The fraction cut from each end by `'trimmed-mean'`, in [0, 0.5). ⌊trim·n⌋ values are cut from
   * each end, as `scipy.stats.trim_mean` does. Default 0.1.
   */
  trim?: number;
}

/**
 * The influence of an account's followers, IF: by default the mean follower count of its
 * followers. The mean, not the median, on purpose: one very influential follower should lift the
 * score (the 2018 definition); `method` gives the robust variants. Returns `undefined` when there
 * are no followers, since the mean of nothing is not a number.
 *
 * @param counts - the follower count of each follower (whole numbers ≥ 0)
 * @throws {TuriError} when a count is negative, fractional or not a number (naming its index)
 *
 * @example
 * import { influenceOfFollowers } from '@ds/turi';
 * influenceOfFollowers([120, 40, 5000]); // => 1720
 * influenceOfFollowers([120, 40, 5000], { method: 'median' }); // => 120
 * influenceOfFollowers([1, 2, 3, 4, 1000], { method: 'trimmed-mean', trim: 0.2 }); // => 3
 * influenceOfFollowers([]); // => undefined
 */
export function influenceOfFollowers(counts: ArrayLike<number>, options: InfluenceOptions = {}): number | undefined {
  const o = checkOptions<InfluenceOptions>('options', options);
  return influenceOf(counts, o.method, o.trim, { counts: 'counts', method: 'method', trim: 'trim' });
}

/** {@link influenceOfFollowers} with the arguments named as the caller knows them (`turi` has its own names). */
export function influenceOf(
  counts: unknown,
  method0: unknown,
  trim0: unknown,
  names: { counts: string; method: string; trim: string },
): number | undefined {
  const method = method0 ?? 'mean';
  const trim = trim0 ?? 0.1;
  if (method !== 'mean' && method !== 'median' && method !== 'trimmed-mean') {
    throw new TuriError(
      typeof method === 'string' ? 'out-of-range' : 'invalid-type',
      names.method,
      method,
      "'mean', 'median' or 'trimmed-mean'",
    );
  }
  if (typeof trim !== 'number') throw new TuriError('invalid-type', names.trim, trim, 'a fraction in [0, 0.5)');
  if (!(trim >= 0 && trim < 0.5)) throw new TuriError('out-of-range', names.trim, trim, 'a fraction in [0, 0.5)');
  if (!Array.isArray(counts) && !(ArrayBuffer.isView(counts) && !(counts instanceof DataView))) {
    throw new TuriError('invalid-type', names.counts, counts, 'an array or typed array of follower counts');
  }
  const list = counts as ArrayLike<number>;
  const n = list.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += checkCount(`${names.counts}[${i}]`, list[i]);
  if (n === 0) return undefined;
  if (method === 'mean') return sum / n;
  const sorted = Float64Array.from(list).sort();
  if (method === 'median') {
    const mid = n >> 1;
    return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  const cut = Math.floor(trim * n);
  let kept = 0;
  for (let i = cut; i < n - cut; i++) kept += sorted[i]!;
  return kept / (n - 2 * cut);
}
