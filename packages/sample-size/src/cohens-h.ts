import { checkProportion } from './errors.js';

/**
 * Cohen's h, the effect size of two proportions on the arcsine (variance-stabilised) scale:
 * `h = 2·asin(√p1) − 2·asin(√p2)`. Positive when p1 > p2, as in R `pwr::ES.h` and statsmodels
 * `proportion_effectsize`. Cohen (1988) calls |h| = 0.2 small, 0.5 medium and 0.8 large.
 *
 * @param p1 - the first proportion, in [0, 1]
 * @param p2 - the second proportion, in [0, 1]
 * @returns h, in [−π, π]
 * @throws {SampleSizeError} when p1 or p2 is not a number in [0, 1]
 *
 * @example
 * import { cohensH } from '@ds/sample-size';
 * cohensH(0.52, 0.5); // => 0.04001067
 * cohensH(0.5, 0.52); // => -0.04001067
 */
export function cohensH(p1: number, p2: number): number {
  checkProportion('p1', p1);
  checkProportion('p2', p2);
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}
