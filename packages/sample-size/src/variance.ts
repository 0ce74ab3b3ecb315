// Variance for planning: CUPED (regression on a pre-period covariate), ratio metrics by the delta
// method, and the design effect of cluster randomisation. Each returns the variance factor or the
// per-unit variance a sample size needs; the sample-size functions take it from there.

import { checkFinite, checkOptionsObject } from './arguments.js';
import { SampleSizeError } from './errors.js';

/** Options of {@link cuped}. */
export interface CupedOptions {
  /** Correlation between the metric and its pre-period value, in (−1, 1). */
  correlation: number;
  /** Standardised effect (difference / sd of the metric) to carry over to the adjusted metric. Optional. */
  d?: number;
}

/** What CUPED does to the variance and to the effect size. */
export interface CupedResult {
  correlation: number;
  /** Var(adjusted) / Var(raw) = 1 − ρ²: the share of people still needed. */
  varianceFactor: number;
  /** 1 − varianceFactor. */
  varianceReduction: number;
  /** d / √(1 − ρ²), the effect size to plan the adjusted test with (null without d). */
  adjustedD: number | null;
}

/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013): regressing the metric on its pre-period value with
 * θ = Cov(Y, X) / Var(X) leaves Var(Y − θX) = (1 − ρ²)·Var(Y), so the sample size shrinks by the
 * factor 1 − ρ² and the standardised effect grows by 1 / √(1 − ρ²). Plan with `adjustedD` in
 * any t-test or normal sample size (R: `pwr.t.test(d = d / sqrt(1 - rho^2), power = 0.8)`).
 *
 * @throws {SampleSizeError} for a correlation outside (−1, 1)
 *
 * @example
 * import { cuped, sampleSizeTTest } from '@ds/sample-size';
 * const c = cuped({ correlation: 0.6, d: 0.1 });
 * c.varianceFactor; // => 0.64
 * sampleSizeTTest({ d: 0.1 }).n1; // => 1571
 * sampleSizeTTest({ d: c.adjustedD as number }).n1; // => 1006
 */
export function cuped(options: CupedOptions): CupedResult {
  const o = checkOptionsObject('options', options);
  const rho = checkFinite('correlation', o.correlation, 'a number in (−1, 1)', (r) => r > -1 && r < 1);
  const factor = 1 - rho * rho;
  const d = o.d === undefined ? null : checkFinite('d', o.d, 'a finite number');
  return {
    correlation: rho,
    varianceFactor: factor,
    varianceReduction: 1 - factor,
    adjustedD: d === null ? null : d / Math.sqrt(factor),
  };
}

/** Options of {@link ratioMetric}: per-unit moments, or the raw per-unit arrays. */
export type RatioMetricOptions =
  | {
      meanNumerator: number;
      meanDenominator: number;
      varianceNumerator: number;
      varianceDenominator: number;
      covariance: number;
    }
  | { numerator: readonly number[]; denominator: readonly number[] };

/** A ratio metric's mean and the per-unit variance of its estimate by the delta method. */
export interface RatioMetricResult {
  /** mean(numerator) / mean(denominator). */
  ratio: number;
  /** n × Var(ratio estimate) from n units: divide by n for the variance at n. */
  unitVariance: number;
  /** √unitVariance: the standard deviation to plan a mean comparison with. */
  unitSd: number;
  /** Number of units when computed from arrays, else null. */
  units: number | null;
}

/**
 * A ratio metric (clicks per session, revenue per order) whose numerator and denominator are both
 * random per randomisation unit: by the delta method Var(ΣN/ΣD) ≈ (1/n)·(σ²_N − 2R·σ_ND + R²·σ²_D)
 * / μ²_D with R = μ_N/μ_D (Deng, Knoblich & Lu 2018). From the moments, or from per-unit arrays
 * (sample moments with n − 1).
 *
 * @throws {SampleSizeError} for a negative variance, a zero mean denominator, arrays of unequal length or fewer than 2 units
 *
 * @example
 * import { ratioMetric } from '@ds/sample-size';
 * const r = ratioMetric({ meanNumerator: 2, meanDenominator: 4, varianceNumerator: 3, varianceDenominator: 5, covariance: 2 });
 * r.ratio; // => 0.5
 * // (3 − 2·0.5·2 + 0.25·5) / 16
 * r.unitVariance; // => 0.140625
 */
export function ratioMetric(options: RatioMetricOptions): RatioMetricResult {
  const o = checkOptionsObject('options', options);
  let mn: number;
  let md: number;
  let vn: number;
  let vd: number;
  let cov: number;
  let units: number | null = null;
  if ('numerator' in o || 'denominator' in o) {
    const num = o.numerator;
    const den = o.denominator;
    if (!Array.isArray(num)) throw new SampleSizeError('invalid-type', 'numerator', num, 'an array of finite numbers');
    if (!Array.isArray(den)) throw new SampleSizeError('invalid-type', 'denominator', den, 'an array of finite numbers');
    if (num.length !== den.length)
      throw new SampleSizeError('conflict', 'denominator', den.length, `as many values as numerator (${num.length})`);
    const n = num.length;
    if (n < 2) throw new SampleSizeError('out-of-range', 'numerator', n, 'at least 2 units');
    let sn = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      sn += checkFinite(`numerator[${i}]`, num[i], 'a finite number');
      sd += checkFinite(`denominator[${i}]`, den[i], 'a finite number');
    }
    mn = sn / n;
    md = sd / n;
    let snn = 0;
    let sdd = 0;
    let snd = 0;
    for (let i = 0; i < n; i++) {
      const a = (num[i] as number) - mn;
      const b = (den[i] as number) - md;
      snn += a * a;
      sdd += b * b;
      snd += a * b;
    }
    vn = snn / (n - 1);
    vd = sdd / (n - 1);
    cov = snd / (n - 1);
    units = n;
  } else {
    mn = checkFinite('meanNumerator', o.meanNumerator, 'a finite number');
    md = checkFinite('meanDenominator', o.meanDenominator, 'a finite number');
    vn = checkFinite('varianceNumerator', o.varianceNumerator, 'a number ≥ 0', (v) => v >= 0);
    vd = checkFinite('varianceDenominator', o.varianceDenominator, 'a number ≥ 0', (v) => v >= 0);
    cov = checkFinite('covariance', o.covariance, 'a finite number');
    if (cov * cov > vn * vd * (1 + 1e-12))
      throw new SampleSizeError(
        'out-of-range',
        'covariance',
        cov,
        `at most √(varianceNumerator · varianceDenominator) = ${Math.sqrt(vn * vd)} in size`,
      );
  }
  if (md === 0)
    throw new SampleSizeError('out-of-range', units === null ? 'meanDenominator' : 'denominator', md, 'a mean other than 0');
  const r = mn / md;
  const unitVariance = Math.max(0, (vn - 2 * r * cov + r * r * vd) / (md * md));
  if (!Number.isFinite(r) || !Number.isFinite(unitVariance)) {
    // A double cannot hold the answer: name the input that put it there, the denominator's mean
    // when it is the small one, else the largest of the others.
    const raw = units !== null;
    let argument = raw ? 'denominator' : 'meanDenominator';
    let value: number = md;
    if (Math.abs(md) >= 1) {
      const candidates: [string, number][] = raw
        ? [
            ['numerator', Math.max(Math.abs(mn), Math.sqrt(vn))],
            ['denominator', Math.sqrt(vd)],
          ]
        : [
            ['meanNumerator', Math.abs(mn)],
            ['varianceNumerator', Math.sqrt(vn)],
            ['varianceDenominator', Math.sqrt(vd)],
            ['covariance', Math.sqrt(Math.abs(cov))],
          ];
      [argument, value] = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
    }
    throw new SampleSizeError(
      'out-of-range',
      argument,
      value,
      'a scale at which the ratio and its variance are finite in double precision',
      `the ratio ${r} or its unit variance ${unitVariance} is beyond double precision (${argument} is ${value}): express the metric in a larger or smaller unit`,
    );
  }
  return { ratio: r, unitVariance, unitSd: Math.sqrt(unitVariance), units };
}

/** Options of {@link designEffect}. */
export interface DesignEffectOptions {
  /** Mean cluster size m̄ (≥ 1). */
  clusterSize: number;
  /** Intra-cluster correlation, in [0, 1). */
  icc: number;
  /** Coefficient of variation of the cluster sizes (sd / mean). Default 0, equal clusters. */
  cv?: number;
}

/**
 * The design effect of randomising clusters instead of people: 1 + (m̄ − 1)·ICC for equal
 * clusters (Donner & Klar 2000), 1 + ((cv² + 1)·m̄ − 1)·ICC for unequal ones (Eldridge, Ashby &
 * Kerry 2006). Multiply an individually randomised sample size by it.
 *
 * @throws {SampleSizeError} for an ICC outside [0, 1), a cluster size below 1 or a negative cv
 *
 * @example
 * import { designEffect } from '@ds/sample-size';
 * designEffect({ clusterSize: 20, icc: 0.05 }); // => 1.95
 * designEffect({ clusterSize: 20, icc: 0.05, cv: 0.5 }); // => 2.2
 */
export function designEffect(options: DesignEffectOptions): number {
  const o = checkOptionsObject('options', options);
  const m = checkFinite('clusterSize', o.clusterSize, 'a number ≥ 1', (x) => x >= 1);
  const icc = checkFinite('icc', o.icc, 'a number in [0, 1)', (x) => x >= 0 && x < 1);
  const cv = o.cv === undefined ? 0 : checkFinite('cv', o.cv, 'a number ≥ 0', (x) => x >= 0);
  return 1 + ((cv * cv + 1) * m - 1) * icc;
}
