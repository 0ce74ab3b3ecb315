// The mixture sequential probability ratio test of Johari, Pekelis & Walsh ("Always valid
// inference", 2017; the test behind Optimizely's stats engine) for a stream of normal
// observations with known standard deviation σ: the likelihood ratio of a normal mixture of
// alternatives N(θ0, τ²) against θ0,
//   Λ_n = √(σ² / (σ² + nτ²)) · exp(n²τ²(x̄_n − θ0)² / (2σ²(σ² + nτ²))),
// gives the always-valid p-value p_n = min(p_{n−1}, 1/Λ_n), which may be read after every
// observation with P(ever p_n ≤ α | θ0) ≤ α, and inverting it the confidence sequence
//   x̄_n ± √(σ²(σ² + nτ²)/(n²τ²) · (ln((σ² + nτ²)/σ²) − 2 ln α)),
// intersected over time, which covers θ at every n at once with probability ≥ 1 − α.

import { checkNumber, checkOptions } from './check.js';
import { SampleSizeError } from './errors.js';
import { MAX_VALUES } from './lift.js';

/** Options of {@link msprt}. */
export interface MsprtOptions {
  /** The observations so far, in order: one value per unit, or per pair (treatment − control) in an A/B test. */
  observations: readonly number[];
  /** Known standard deviation of one observation (per pair: √(σ_A² + σ_B²)). */
  sigma: number;
  /** Standard deviation of the mixture over alternatives: the size of effect you expect (> 0). */
  tau: number;
  /** The null value of the mean. Default 0. */
  theta0?: number;
  /** Level of the test and of the confidence sequence (1 − alpha). Default 0.05. */
  alpha?: number;
}

/** The state of an mSPRT after the observations given. */
export interface MsprtResult {
  n: number;
  mean: number;
  /** Λ_n, the mixture likelihood ratio at the last observation. */
  likelihoodRatio: number;
  /** The always-valid p-value: the smallest 1/Λ_k so far (capped at 1). */
  pValue: number;
  /** The always-valid p-value after each observation. */
  pValues: number[];
  /** The confidence sequence at the last observation (the running intersection of the intervals). */
  confidenceSequence: { lower: number; upper: number; level: number };
  /** Whether pValue ≤ alpha. */
  rejected: boolean;
  /** The first n at which the p-value fell to alpha, or null. */
  firstRejection: number | null;
}

/**
 * The mixture SPRT (Johari, Pekelis & Walsh 2017) on a stream of normal observations with known
 * σ: the always-valid p-value and confidence sequence after every observation, which may be
 * watched continuously without inflating the type I error. Choose `tau` near the effect you
 * expect; the test stays valid for any tau, only its speed depends on it.
 *
 * @throws {SampleSizeError} for observations that are not finite numbers (or more than 10^7),
 *   sigma or tau outside [1e-150, 1e150], alpha outside (0, 1)
 *
 * @example
 * import { msprt } from '@ds/sample-size';
 * const r = msprt({ observations: [0.8, 1.4, 0.3, 1.1, 0.9, 1.6, 0.2, 1.2], sigma: 1, tau: 1 });
 * r.mean; // => 0.9375
 * r.likelihoodRatio; // => 7.5866
 * r.pValue; // => 0.1318
 * r.confidenceSequence; // => { lower: -0.1356, upper: 2.0106, level: 0.95 }
 */
export function msprt(options: MsprtOptions): MsprtResult {
  const o = checkOptions<MsprtOptions>('options', options, true) as Record<string, unknown>;
  const xs = o.observations;
  if (!Array.isArray(xs)) throw new SampleSizeError('invalid-type', 'observations', xs, 'an array of finite numbers');
  if (xs.length < 1) throw new SampleSizeError('out-of-range', 'observations', xs, 'at least 1 observation');
  if (xs.length > MAX_VALUES)
    throw new SampleSizeError('too-large', 'observations', xs.length, `at most ${MAX_VALUES} observations per call`);
  const sigma = checkNumber('sigma', o.sigma, { min: 1e-150, max: 1e150 });
  const tau = checkNumber('tau', o.tau, { min: 1e-150, max: 1e150 });
  const theta0 = o.theta0 === undefined ? 0 : checkNumber('theta0', o.theta0);
  const alpha = o.alpha === undefined ? 0.05 : checkNumber('alpha', o.alpha, { min: 1e-300, max: 1, open: 'max' });
  const v = sigma * sigma;
  const t2 = tau * tau;
  const logAlpha = Math.log(alpha);
  let sum = 0;
  let p = 1;
  let first: number | null = null;
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  let logLambda = 0;
  let lastLower = 0;
  let lastUpper = 0;
  const pValues: number[] = new Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new SampleSizeError(
        typeof x === 'number' ? 'out-of-range' : 'invalid-type',
        `observations[${i}]`,
        x,
        'a finite number',
      );
    sum += x;
    const n = i + 1;
    const mean = sum / n;
    const grow = v + n * t2;
    const d = mean - theta0;
    // ln Λ_n, written so that n²τ²d² never overflows before the division
    logLambda = 0.5 * Math.log(v / grow) + ((n * t2) / grow) * ((n * d * d) / (2 * v));
    p = Math.min(p, Math.exp(-logLambda));
    if (first === null && p <= alpha) first = n;
    pValues[i] = p;
    const half = Math.sqrt(((v * grow) / (n * n * t2)) * (Math.log(grow / v) - 2 * logAlpha));
    lastLower = mean - half;
    lastUpper = mean + half;
    lower = Math.max(lower, lastLower);
    upper = Math.min(upper, lastUpper);
  }
  const n = xs.length;
  const mean = sum / n;
  if (!Number.isFinite(mean))
    throw new SampleSizeError('out-of-range', 'observations', xs, 'values whose sum is finite in double precision');
  if (!Number.isFinite(logLambda)) {
    const far = Math.abs(theta0) > Math.abs(mean);
    throw new SampleSizeError(
      'out-of-range',
      far ? 'theta0' : 'observations',
      far ? theta0 : xs,
      'a distance between the mean and theta0 whose square is finite in double precision (rescale the unit)',
    );
  }
  if (!Number.isFinite(lastLower) || !Number.isFinite(lastUpper))
    throw new SampleSizeError(
      'out-of-range',
      'tau',
      tau,
      `a tau whose ratio to sigma (${sigma}) keeps the likelihood ratio and the interval finite in double precision`,
    );
  return {
    n,
    mean,
    likelihoodRatio: Math.exp(logLambda),
    pValue: p,
    pValues,
    // The running intersection is empty only when the sequence has already missed θ (chance ≤
    // alpha): then the last interval alone is given.
    confidenceSequence:
      lower <= upper ? { lower, upper, level: 1 - alpha } : { lower: lastLower, upper: lastUpper, level: 1 - alpha },
    rejected: p <= alpha,
    firstRejection: first,
  };
}
