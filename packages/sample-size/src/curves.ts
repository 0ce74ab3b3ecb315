// Curves for charts: n against the baseline or the difference, power against n, for several
// alphas or powers at once. Plain arrays; a point with no solution is null, not NaN.

import { checkNumber, checkOptions } from './check.js';
import { checkOneOf, checkOpenUnit, SampleSizeError } from './errors.js';
import { powerTwoProportions, sampleSizeTwoProportions, type TwoProportionsOptions } from './two-proportions.js';

/** One line of a curve: the alpha and power it was drawn at, and its y values. */
export interface CurveSeries {
  alpha: number;
  /** The target power (sample-size curves), or null for power curves. */
  power: number | null;
  y: (number | null)[];
}

/** A curve: shared x values and one series per alpha × power. */
export interface Curve {
  x: 'p1' | 'difference' | 'n1';
  y: 'n1' | 'power';
  values: number[];
  series: CurveSeries[];
}

/** Options of {@link sampleSizeCurve}. */
export interface SampleSizeCurveOptions extends TwoProportionsOptions {
  /** What varies along x: the baseline p1 (difference fixed) or the difference p2 − p1 (p1 fixed). */
  vary: 'p1' | 'difference';
  values: number[];
  /** Fixed difference when varying p1. */
  difference?: number;
  /** One series per alpha (default [alpha ?? 0.05]) and per power (default [power ?? 0.8]). */
  alphas?: number[];
  powers?: number[];
}

/** Most points a curve computes (values × alphas × powers): each is a design of its own. */
export const MAX_CURVE_POINTS = 10_000;

function checkValues(values: unknown, argument = 'values', each = (name: string, v: unknown) => checkNumber(name, v)): number[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new SampleSizeError('invalid-type', argument, values, 'a non-empty array of finite numbers');
  }
  values.forEach((v, i) => {
    each(`${argument}[${i}]`, v);
  });
  return values as number[];
}

/** The alphas and powers of a curve, checked, and the points they make within the cap. */
function checkGrid(xs: number[], alphas: unknown, powers: unknown): void {
  const a = alphas === undefined ? 1 : checkValues(alphas, 'alphas', checkOpenUnit).length;
  const p = powers === undefined ? 1 : checkValues(powers, 'powers', checkOpenUnit).length;
  if (xs.length * a * p > MAX_CURVE_POINTS) {
    throw new SampleSizeError('too-large', 'values', xs, `at most ${MAX_CURVE_POINTS} points (values × alphas × powers)`);
  }
}

/**
 * Sample size (n1) against the baseline or the difference, one series per alpha and power.
 * Points where no design exists (p2 beyond 1) are null.
 *
 * @example
 * import { sampleSizeCurve } from '@ds/sample-size';
 * const curve = sampleSizeCurve({ vary: 'difference', values: [0.02, 0.05], p1: 0.5, alternative: 'one-sided', powers: [0.5, 0.8] });
 * curve.series[0].y; // => [3381, 540]
 */
export function sampleSizeCurve(options: SampleSizeCurveOptions): Curve {
  checkOptions('options', options, true);
  const { vary, values, difference, alphas, powers, ...design } = options;
  checkOneOf('vary', vary, ['p1', 'difference'] as const);
  const xs = checkValues(values);
  checkGrid(xs, alphas, powers);
  if (vary === 'p1' && typeof difference !== 'number')
    throw new SampleSizeError('invalid-type', 'difference', difference, 'a number when varying p1');
  if (vary === 'difference' && typeof design.p1 !== 'number')
    throw new SampleSizeError('invalid-type', 'p1', design.p1, 'a number when varying the difference');
  const series: CurveSeries[] = [];
  for (const alpha of alphas ?? [design.alpha ?? 0.05]) {
    for (const power of powers ?? [design.power ?? 0.8]) {
      const y = xs.map((x) => {
        const p1 = vary === 'p1' ? x : (design.p1 as number);
        const p2 = vary === 'p1' ? x + (difference as number) : (design.p1 as number) + x;
        if (p2 < 0 || p2 > 1) return null;
        try {
          return sampleSizeTwoProportions({ ...design, p1, p2, alpha, power }).n1;
        } catch (error) {
          if (error instanceof SampleSizeError && error.code === 'no-solution') return null;
          throw error;
        }
      });
      series.push({ alpha, power, y });
    }
  }
  return { x: vary, y: 'n1', values: xs, series };
}

/** Options of {@link powerCurve}. */
export interface PowerCurveOptions extends TwoProportionsOptions {
  /** Group-1 sizes along x. */
  values: number[];
  alphas?: number[];
}

/**
 * Power against n1 (n2 = ratio × n1), one series per alpha.
 *
 * @example
 * import { powerCurve } from '@ds/sample-size';
 * const curve = powerCurve({ p1: 0.5, p2: 0.52, values: [3381, 9806] });
 * curve.series[0].y; // => [0.3764, 0.8]
 */
export function powerCurve(options: PowerCurveOptions): Curve {
  checkOptions('options', options, true);
  const { values, alphas, power: _target, ...design } = options;
  const xs = checkValues(values);
  checkGrid(xs, alphas, undefined);
  const series = (alphas ?? [design.alpha ?? 0.05]).map((alpha) => ({
    alpha,
    power: null,
    y: xs.map((n1, i) => {
      try {
        return powerTwoProportions({ ...design, n1, alpha }).power;
      } catch (error) {
        // The x value is the n1 of the call: name it as the caller wrote it.
        if (error instanceof SampleSizeError && error.argument === 'n1') {
          throw new SampleSizeError(error.code, `values[${i}]`, n1, error.expected, undefined, { cause: error });
        }
        throw error;
      }
    }),
  }));
  return { x: 'n1', y: 'power', values: xs, series };
}
