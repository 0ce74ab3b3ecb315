// Planning the normal-mixture mSPRT of msprt.ts: power, expected stopping time under H1 and H0
// (truncated at nMax) and the price against the fixed design of the same power, exactly (by
// numerical integration, no simulation).
//
// The mSPRT rejects at the first n with Λ_n ≥ 1/α. With r = τ²/σ² and Z_n = (x̄_n − θ0)·√n/σ,
//   Λ_n ≥ 1/α  ⟺  |Z_n| ≥ c_n = √((1 + n·r)/(n·r) · (ln(1 + n·r) − 2·ln α)),
// so the test is a two-sided group-sequential design with a look after every observation (or
// every k-th), information fractions n_k/nMax and drift δ·√nMax/σ. Its crossing probabilities
// come from the recursive integration in group-sequential/integration.ts.

import { checkNumber, checkOptions } from './check.js';
import { SampleSizeError } from './errors.js';
import { crossingProbabilities } from './group-sequential/integration.js';
import { normalCdf, normalQuantile } from './normal.js';

/**
 * The most looks {@link msprtPlan} integrates over (nMax / lookEvery): each look costs one
 * integration step of about 0.7 ms (both hypotheses), so 2,000 looks take about 3 s. Beyond it, look every k-th
 * observation (`lookEvery`) or plan a group-sequential design.
 */
export const MSPRT_MAX_LOOKS = 2000;
/** Grid gaps at most this many widths of the next look's kernel. */
const STEP_PER_WIDTH = 0.3;

/** Options of {@link msprtPlan}. */
export interface MsprtPlanOptions {
  /** The true effect under H1: the mean of one observation minus theta0 (≠ 0; its sign does not matter). */
  effect: number;
  /** Known standard deviation of one observation (per pair: √(σ_A² + σ_B²)). */
  sigma: number;
  /** Standard deviation of the mixture over alternatives, as given to {@link msprt}. */
  tau: number;
  /** The most observations: the test stops there if it has not rejected. An integer ≥ 1. */
  nMax: number;
  /** Level of the test. Default 0.05. */
  alpha?: number;
  /** The p-value is read after every lookEvery-th observation (and at nMax). Default 1: after each one. */
  lookEvery?: number;
}

/** What an mSPRT truncated at nMax costs and gives. */
export interface MsprtPlan {
  /** P(reject by nMax | effect). */
  power: number;
  /** P(reject by nMax | no effect): at most alpha. */
  typeIError: number;
  nMax: number;
  /** Number of looks integrated over. */
  looks: number;
  /** Expected number of observations when stopping at rejection or at nMax: under H1 (the effect) and H0. */
  expectedN: { h1: number; h0: number };
  /**
   * The fixed design (one two-sided z test at alpha, σ known) with the same power: its n (not
   * rounded), and nMax and E[N | H1] as multiples of it. null when the power is not above alpha.
   */
  fixed: { n: number; maxRatio: number; expectedRatio: number } | null;
  /** The rejection bound on |Z_n| at each look n (z scale), and the looks. */
  bounds: { n: number[]; z: number[] };
}

/**
 * Power, expected sample size under H1 and H0, and the price against a fixed design of the
 * normal-mixture mSPRT ({@link msprt}) stopped at nMax, by exact numerical integration of the
 * crossing probabilities of its bound |Z_n| ≥ c_n at every look.
 *
 * @throws {SampleSizeError} for effect 0 or not finite, sigma or tau outside [1e-150, 1e150],
 *   alpha outside (0, 1), nMax or lookEvery not a positive integer, more than
 *   {@link MSPRT_MAX_LOOKS} looks (code `too-large`)
 *
 * @example
 * import { msprtPlan } from '@ds/sample-size';
 * const plan = msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, nMax: 300 });
 * plan.power; // => 0.7642
 * plan.typeIError; // => 0.0199
 * Math.round(plan.expectedN.h1); // => 189
 * Math.round(plan.fixed?.n ?? 0); // => 180
 */
export function msprtPlan(options: MsprtPlanOptions): MsprtPlan {
  const o = checkOptions<MsprtPlanOptions>('options', options, true) as Record<string, unknown>;
  const effect = checkNumber('effect', o.effect);
  if (effect === 0)
    throw new SampleSizeError('out-of-range', 'effect', effect, 'a non-zero effect (the mean under H1 minus theta0)');
  const sigma = checkNumber('sigma', o.sigma, { min: 1e-150, max: 1e150 });
  const tau = checkNumber('tau', o.tau, { min: 1e-150, max: 1e150 });
  const alpha = o.alpha === undefined ? 0.05 : checkNumber('alpha', o.alpha, { min: 1e-300, max: 1, open: 'max' });
  const nMax = checkNumber('nMax', o.nMax, { min: 1, max: 1e12, integer: true });
  const every = o.lookEvery === undefined ? 1 : checkNumber('lookEvery', o.lookEvery, { min: 1, max: 1e12, integer: true });
  const looks = Math.ceil(nMax / every);
  if (looks > MSPRT_MAX_LOOKS)
    throw new SampleSizeError(
      'too-large',
      'nMax',
      nMax,
      `at most ${MSPRT_MAX_LOOKS} looks (nMax / lookEvery); with nMax ${nMax} set lookEvery to at least ${Math.ceil(nMax / MSPRT_MAX_LOOKS)}`,
    );
  const ratio = (tau / sigma) ** 2;
  const logAlpha = Math.log(alpha);
  const ns: number[] = [];
  const t: number[] = [];
  const upper: number[] = [];
  const lower: number[] = [];
  for (let k = 1; k <= looks; k++) {
    const n = Math.min(k * every, nMax);
    const nr = n * ratio;
    const c = Math.sqrt(((1 + nr) / nr) * (Math.log1p(nr) - 2 * logAlpha));
    if (!Number.isFinite(c))
      throw new SampleSizeError(
        'out-of-range',
        'tau',
        tau,
        `a tau whose ratio to sigma (${sigma}) keeps the bound finite in double precision`,
      );
    ns.push(n);
    t.push(n / nMax);
    upper.push(c);
    lower.push(-c);
  }
  const drift = (Math.abs(effect) / sigma) * Math.sqrt(nMax);
  if (!Number.isFinite(drift))
    throw new SampleSizeError('out-of-range', 'effect', effect, 'an effect whose ratio to sigma is finite');
  const run = (theta: number): { reject: number; expected: number } => {
    const p = crossingProbabilities(t, lower, upper, theta, undefined, STEP_PER_WIDTH);
    let reject = 0;
    let expected = 0;
    for (let k = 0; k < looks; k++) {
      const stop = (p.upper[k] as number) + (p.lower[k] as number);
      reject += stop;
      expected += stop * (ns[k] as number);
    }
    reject = Math.min(1, Math.max(0, reject));
    return { reject, expected: expected + (1 - reject) * nMax };
  };
  const h1 = run(drift);
  const h0 = run(0);
  const fixedN = fixedSampleSize(Math.abs(effect) / sigma, alpha, h1.reject);
  return {
    power: h1.reject,
    typeIError: h0.reject,
    nMax,
    looks,
    expectedN: { h1: h1.expected, h0: h0.expected },
    fixed: fixedN === null ? null : { n: fixedN, maxRatio: nMax / fixedN, expectedRatio: h1.expected / fixedN },
    bounds: { n: ns, z: upper },
  };
}

/**
 * The n at which a two-sided z test at alpha (σ known, both tails counted) has the power given,
 * for the standardised effect d: the root of Φ(√n·d − z) + Φ(−√n·d − z) = power in √n, by
 * bisection (the power rises with √n). null when power ≤ alpha (any n reaches it).
 */
function fixedSampleSize(d: number, alpha: number, power: number): number | null {
  if (!(power > alpha) || power >= 1) return null;
  const z = normalQuantile(alpha / 2, true);
  const f = (s: number) => normalCdf(s * d - z) + normalCdf(-s * d - z) - power;
  let lo = 0;
  let hi = (z + 40) / d;
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  const s = 0.5 * (lo + hi);
  return s * s;
}
