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
 *
 * @example
 * import { MSPRT_MAX_LOOKS } from '@ds/sample-size';
 * MSPRT_MAX_LOOKS; // => 2000
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
  /** The most observations: the test stops there if it has not rejected. An integer ≥ 1. Give it or `power`. */
  nMax?: number;
  /** The power to reach by nMax, in (alpha, 1): nMax is then the first look at which it is reached. */
  power?: number;
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
   * rounded), and nMax and E[N | H1] as multiples of it. null when the power is not above alpha
   * or rounds to 1 (no finite fixed n has it).
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
 * Give `nMax`, or `power` to find the smallest nMax (a multiple of lookEvery) that reaches it:
 * one integration up to 6 × the fixed design's n (or the cap) serves every candidate nMax, as the
 * bound at n does not depend on nMax.
 *
 * @throws {SampleSizeError} for effect 0 or not finite, sigma or tau outside [1e-150, 1e150],
 *   alpha outside (0, 1), nMax or lookEvery not a positive integer, both or neither of nMax and
 *   power, power outside (alpha, 1), more than {@link MSPRT_MAX_LOOKS} looks (code `too-large`),
 *   a power not reached within them (code `no-solution`)
 *
 * @example
 * import { msprtPlan } from '@ds/sample-size';
 * const plan = msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, nMax: 300 });
 * plan.power; // => 0.7642
 * plan.typeIError; // => 0.0199
 * Math.round(plan.expectedN.h1); // => 189
 * Math.round(plan.fixed?.n ?? 0); // => 180
 * // the nMax that gives 80%, looking after every 5th observation
 * const p80 = msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, power: 0.8, lookEvery: 5 });
 * p80.nMax; // => 335
 */
export function msprtPlan(options: MsprtPlanOptions): MsprtPlan {
  const o = checkOptions<MsprtPlanOptions>('options', options, true) as Record<string, unknown>;
  const effect = checkNumber('effect', o.effect);
  if (effect === 0)
    throw new SampleSizeError('out-of-range', 'effect', effect, 'a non-zero effect (the mean under H1 minus theta0)');
  const sigma = checkNumber('sigma', o.sigma, { min: 1e-150, max: 1e150 });
  const tau = checkNumber('tau', o.tau, { min: 1e-150, max: 1e150 });
  const alpha = o.alpha === undefined ? 0.05 : checkNumber('alpha', o.alpha, { min: 1e-300, max: 1, open: 'max' });
  const every = o.lookEvery === undefined ? 1 : checkNumber('lookEvery', o.lookEvery, { min: 1, max: 1e12, integer: true });
  const d = Math.abs(effect) / sigma;
  if (!Number.isFinite(d) || d === 0)
    throw new SampleSizeError('out-of-range', 'effect', effect, `an effect whose ratio to sigma (${sigma}) is finite and not 0`);
  const target = o.power === undefined ? undefined : checkNumber('power', o.power, { min: alpha, max: 1, open: true });
  if (target === undefined && o.nMax === undefined)
    throw new SampleSizeError('invalid-type', 'nMax', undefined, 'nMax (an integer ≥ 1), or power to solve for nMax');
  if (target !== undefined && o.nMax !== undefined)
    throw new SampleSizeError('conflict', 'power', target, 'either nMax or power, not both (nMax is solved from power)');
  // With power given, one integration up to a horizon gives P(reject by n) at every look (the
  // bound at n does not depend on nMax), and nMax is the first look that reaches the power. The
  // horizon: 6 × the fixed design's n (the mSPRT's nMax is 1.3 to 3 × it at usual powers), within the cap.
  let horizon: number;
  if (target === undefined) {
    horizon = checkNumber('nMax', o.nMax, { min: 1, max: 1e12, integer: true });
    if (Math.ceil(horizon / every) > MSPRT_MAX_LOOKS)
      throw new SampleSizeError(
        'too-large',
        'nMax',
        horizon,
        `at most ${MSPRT_MAX_LOOKS} looks (nMax / lookEvery); with nMax ${horizon} set lookEvery to at least ${Math.ceil(horizon / MSPRT_MAX_LOOKS)}`,
      );
  } else {
    const guess = fixedSampleSize(d, alpha, target) as number;
    // No test of level alpha with at most n observations beats the one-sided z test with n (Neyman–Pearson).
    const oneSided = ((normalQuantile(alpha, true) + normalQuantile(1 - target, true)) / d) ** 2;
    if (oneSided > MSPRT_MAX_LOOKS * every)
      throw new SampleSizeError(
        'no-solution',
        'power',
        target,
        `a power the mSPRT can reach within ${MSPRT_MAX_LOOKS} looks of ${every} (even a fixed one-sided z test needs ${Math.ceil(oneSided)}): set lookEvery to at least ${Math.ceil(oneSided / MSPRT_MAX_LOOKS)}`,
      );
    horizon = Math.min(MSPRT_MAX_LOOKS * every, Math.max(every, Math.ceil((6 * guess) / every) * every));
  }
  const looks = Math.ceil(horizon / every);
  const ratio = (tau / sigma) ** 2;
  const logAlpha = Math.log(alpha);
  const ns: number[] = [];
  const t: number[] = [];
  const upper: number[] = [];
  const lower: number[] = [];
  for (let k = 1; k <= looks; k++) {
    const n = Math.min(k * every, horizon);
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
    t.push(n / horizon);
    upper.push(c);
    lower.push(-c);
  }
  const drift = d * Math.sqrt(horizon);
  if (!Number.isFinite(drift))
    throw new SampleSizeError('out-of-range', 'effect', effect, 'an effect whose ratio to sigma is finite');
  // P(stop at look k), per look.
  const stops = (theta: number): number[] => {
    const p = crossingProbabilities(t, lower, upper, theta, undefined, STEP_PER_WIDTH);
    return p.upper.map((u, k) => u + (p.lower[k] as number));
  };
  const s1 = stops(drift);
  let last = looks - 1;
  if (target !== undefined) {
    let cum = 0;
    last = -1;
    for (let k = 0; k < looks; k++) {
      cum += s1[k] as number;
      if (cum >= target) {
        last = k;
        break;
      }
    }
    if (last < 0)
      throw new SampleSizeError(
        'no-solution',
        'power',
        target,
        `a power the mSPRT reaches by n = ${horizon} (${looks} looks: ${looks === MSPRT_MAX_LOOKS ? 'the cap' : "6 × the fixed design's n"}); it reaches ${round4(Math.min(1, cum))} there: look less often (lookEvery), choose tau nearer the effect, or ask less power`,
      );
  }
  const nMax = ns[last] as number;
  const summary = (stop: readonly number[]): { reject: number; expected: number } => {
    let reject = 0;
    let expected = 0;
    for (let k = 0; k <= last; k++) {
      reject += stop[k] as number;
      expected += (stop[k] as number) * (ns[k] as number);
    }
    reject = Math.min(1, Math.max(0, reject));
    return { reject, expected: expected + (1 - reject) * nMax };
  };
  const h1 = summary(s1);
  const h0 = summary(stops(0));
  const fixedN = fixedSampleSize(d, alpha, h1.reject);
  return {
    power: h1.reject,
    typeIError: h0.reject,
    nMax,
    looks: last + 1,
    expectedN: { h1: h1.expected, h0: h0.expected },
    fixed: fixedN === null ? null : { n: fixedN, maxRatio: nMax / fixedN, expectedRatio: h1.expected / fixedN },
    bounds: { n: ns.slice(0, last + 1), z: upper.slice(0, last + 1) },
  };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
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
