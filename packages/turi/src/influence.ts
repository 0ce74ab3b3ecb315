import { checkCount } from './errors.js';

/**
 * The influence of an account's followers, IF: the mean follower count of its followers. The
 * mean, not the median, on purpose: one very influential follower should lift the score (the
 * 2018 definition). Returns `undefined` when there are no followers, since the mean of nothing is
 * not a number.
 *
 * @param counts - the follower count of each follower (whole numbers ≥ 0)
 * @throws {TuriError} when a count is negative, fractional or not a number (naming its index)
 *
 * @example
 * import { influenceOfFollowers } from '@ds/turi';
 * influenceOfFollowers([120, 40, 5000]); // => 1720
 * influenceOfFollowers([]); // => undefined
 */
export function influenceOfFollowers(counts: ArrayLike<number>): number | undefined {
  if (counts.length === 0) return undefined;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += checkCount(`counts[${i}]`, counts[i]);
  return sum / counts.length;
}
