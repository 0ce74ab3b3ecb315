// Group-sequential designs with rpact's conventions: efficacy boundaries of the Wang–Tsiatis
// family (O'Brien–Fleming, Pocock) or from an alpha-spending function, futility by beta spending
// (binding or not) or by given bounds, and the characteristics a sample size needs: the drift
// that gives the power, the inflation factor, and the stopping probabilities under H0 and H1.

import { checkFinite, checkOptionsObject } from '../arguments.js';
import { checkOneOf } from '../check.js';
import { SampleSizeError } from '../errors.js';
import { normalCdf, normalQuantile } from '../normal.js';
import { brentRoot } from '../root.js';
import {
  COARSE,
  crossingProbabilities,
  exitAndSlope,
  FINE,
  firstStage,
  newtonBracketed,
  nextStage,
  resolution,
  type StageDensity,
} from './integration.js';
import { type SpendingFunction, spent } from './spending.js';

/** The boundary families, by their names in the field (rpact: OF, P, WT, asOF, asP, asKD, asHSD). */
export type GroupSequentialType =
  | 'obrien-fleming'
  | 'pocock'
  | 'wang-tsiatis'
  | 'lan-demets-obrien-fleming'
  | 'lan-demets-pocock'
  | 'kim-demets'
  | 'hwang-shih-decani';

/** Futility: by beta spending (one-sided designs with an alpha-spending function) or given z bounds. */
export type FutilityOptions =
  | {
      /** The beta-spending function (rpact bsOF, bsP, bsKD, bsHSD). */
      betaSpending: SpendingFunction;
      /** ρ of Kim–DeMets or γ of Hwang–Shih–DeCani for the beta spending. */
      gamma?: number;
      /** Whether the efficacy bounds may count on stopping at the futility bounds. Default false. */
      binding?: boolean;
    }
  | {
      /** Futility z bounds at looks 1..K − 1 (one-sided: stop if z ≤ bound; two-sided: if |z| ≤ bound). */
      bounds: readonly number[];
      binding?: boolean;
    };

/** Options of {@link groupSequentialDesign}. */
export interface GroupSequentialOptions {
  /** Number of looks, including the final analysis: 1 to 20. */
  looks: number;
  /** Information fraction at each look, increasing, ending at 1. Default equally spaced. */
  informationRates?: readonly number[];
  /** Total type I error. Default 0.025. */
  alpha?: number;
  /** Power the design is planned for (the inflation factor and drift use it). Default 0.8. */
  power?: number;
  /** Default 'one-sided'. Two-sided: alpha is the total and the bounds are ±z. */
  alternative?: 'one-sided' | 'two-sided';
  /** The boundary family. */
  design: GroupSequentialType;
  /** ρ of Kim–DeMets (default 1) or γ of Hwang–Shih–DeCani (default −4). */
  gamma?: number;
  /** Δ of Wang–Tsiatis, bounds ∝ t^(Δ − ½). Default 0.25 (0 is O'Brien–Fleming, ½ Pocock). */
  deltaWT?: number;
  futility?: FutilityOptions;
}

/** A solved group-sequential design: plain data that a sample size or an interim analysis reads. */
export interface GroupSequentialDesign {
  kind: 'group-sequential-design';
  design: GroupSequentialType;
  looks: number;
  informationRates: number[];
  alpha: number;
  /** 1 − power. */
  beta: number;
  power: number;
  alternative: 'one-sided' | 'two-sided';
  gamma: number | null;
  deltaWT: number | null;
  futility: { betaSpending: SpendingFunction | null; gamma: number | null; binding: boolean } | null;
  /** Efficacy z bound at each look (two-sided: reject when |z| ≥ bound). */
  criticalValues: number[];
  /** Futility z bound at looks 1..K − 1, or null without futility. */
  futilityBounds: number[] | null;
  /** One-sided nominal level of each efficacy bound, 1 − Φ(bound) (rpact's stageLevels). */
  stageLevels: number[];
  /** Cumulative type I error spent under H0 (with the futility bounds if binding). */
  alphaSpent: number[];
  /** Cumulative probability of stopping for futility under H1 (beta spending), or null. */
  betaSpent: number[] | null;
  /** Drift θ: the expected z at full information under H1 that gives the power. */
  drift: number;
  /** θ², rpact's `shift`. */
  shift: number;
  /** Maximum information over that of the fixed design with the same alpha and power. */
  inflationFactor: number;
  /** Cumulative power (upper crossings) by look under H1. */
  cumulativePower: number[];
  /** Per look, under H1: P(reject at this look). */
  rejectionProbabilities: number[];
  /** Per look 1..K − 1, under H1: P(stop for futility, or at the lower bound of a two-sided test). */
  futilityProbabilities: number[];
  /** Per look: P(the trial stops there) under H0, under θ/2 and under H1; the last look takes the rest. */
  stoppingProbabilities: { h0: number[]; h01: number[]; h1: number[] };
  /** Expected information at stopping, as a fraction of the maximum. */
  expectedInformation: { h0: number; h01: number; h1: number };
  /** Expected sample size over that of the fixed design (rpact's averageSampleNumber0/01/1). */
  expectedSampleSizeRatio: { h0: number; h01: number; h1: number };
}

/**
 * Every boundary family, in rpact's order (OF, P, WT, asOF, asP, asKD, asHSD).
 *
 * @example
 * import { GROUP_SEQUENTIAL_TYPES } from '@ds/sample-size';
 * GROUP_SEQUENTIAL_TYPES.length; // => 7
 * GROUP_SEQUENTIAL_TYPES[3]; // => 'lan-demets-obrien-fleming'
 */
export const GROUP_SEQUENTIAL_TYPES: readonly GroupSequentialType[] = [
  'obrien-fleming',
  'pocock',
  'wang-tsiatis',
  'lan-demets-obrien-fleming',
  'lan-demets-pocock',
  'kim-demets',
  'hwang-shih-decani',
];
const SPENDING: readonly SpendingFunction[] = [
  'lan-demets-obrien-fleming',
  'lan-demets-pocock',
  'kim-demets',
  'hwang-shih-decani',
];

/** rpact's cap on a bound: beyond z = 8 the tail (6e-16) is below what the integration resolves. */
const MAX_BOUND = 8;
/** Most looks a design may have (rpact's limit too). */
export const MAX_LOOKS = 20;

// ---------------------------------------------------------------------------------------------
// Validation

// The package's own checks (check.ts, arguments.ts, errors.ts) build the messages: values are
// described safely, whatever they are (a prototype-less object, a symbol), and a string is said to be one.

function informationRatesOf(looks: number, value: unknown, argument = 'informationRates'): number[] {
  if (value === undefined) return Array.from({ length: looks }, (_, i) => (i + 1) / looks);
  if (!Array.isArray(value)) throw new SampleSizeError('invalid-type', argument, value, 'an array of numbers');
  if (value.length !== looks)
    throw new SampleSizeError('conflict', argument, value, `${looks} values, one per look (looks = ${looks})`);
  const t = value.map((x, i) => checkFinite(`${argument}[${i}]`, x, 'a number in (0, 1]', (v) => v > 0 && v <= 1));
  for (let i = 1; i < t.length; i++) {
    if (!((t[i] as number) > (t[i - 1] as number)))
      throw new SampleSizeError('out-of-range', argument, value, 'strictly increasing');
  }
  if (t[t.length - 1] !== 1) throw new SampleSizeError('out-of-range', argument, value, 'ending at 1');
  return t;
}

/** An array of `length` finite numbers within ±limit, or a typed error naming the field. */
function boundsOf(argument: string, value: unknown, length: number, limit: number): number[] {
  if (!Array.isArray(value) || value.length !== length)
    throw new SampleSizeError('invalid-type', argument, value, `an array of ${length} z values`);
  return value.map((x, i) =>
    checkFinite(`${argument}[${i}]`, x, `a number in [-${limit}, ${limit}]`, (v) => Math.abs(v) <= limit),
  );
}

/**
 * The design that a sample size or an interim analysis reads: options, from which a design is
 * solved, or a solved design, whose fields are checked one by one (a design edited by hand or
 * broken in transit is refused with the field named, never integrated with NaN or a look count
 * of a million).
 */
export function designArgument(value: unknown): GroupSequentialDesign {
  const g = checkOptionsObject('design', value);
  if (g.kind === undefined) return groupSequentialDesign(g as unknown as GroupSequentialOptions);
  if (g.kind !== 'group-sequential-design')
    throw new SampleSizeError(
      g.kind === null || typeof g.kind !== 'string' ? 'invalid-type' : 'out-of-range',
      'design.kind',
      g.kind,
      "'group-sequential-design' (a design from groupSequentialDesign), or no kind for the options of one",
    );
  const at = (field: string) => `design.${field}`;
  const looks = checkFinite(
    at('looks'),
    g.looks,
    `a whole number from 1 to ${MAX_LOOKS}`,
    (k) => Number.isInteger(k) && k >= 1 && k <= MAX_LOOKS,
  );
  checkOneOf(at('design'), g.design, GROUP_SEQUENTIAL_TYPES);
  if (g.informationRates === undefined)
    throw new SampleSizeError('invalid-type', at('informationRates'), undefined, 'an array of numbers');
  informationRatesOf(looks, g.informationRates, at('informationRates'));
  checkOneOf(at('alternative'), g.alternative, ['one-sided', 'two-sided'] as const);
  checkFinite(at('alpha'), g.alpha, 'a number in (0, 1)', (a) => a > 0 && a < 1);
  const power = checkFinite(at('power'), g.power, 'a number in (0, 1)', (p) => p > 0 && p < 1);
  const beta = checkFinite(at('beta'), g.beta, 'a number in (0, 1)', (b) => b > 0 && b < 1);
  if (Math.abs(beta - (1 - power)) > 1e-9)
    throw new SampleSizeError('conflict', at('beta'), beta, `1 − design.power (${1 - power})`);
  boundsOf(at('criticalValues'), g.criticalValues, looks, MAX_BOUND);
  if (g.futilityBounds !== null) boundsOf(at('futilityBounds'), g.futilityBounds, looks - 1, 2 * MAX_BOUND);
  if (g.futility !== null) {
    const f = checkOptionsObject(at('futility'), g.futility);
    if (typeof f.binding !== 'boolean')
      throw new SampleSizeError('invalid-type', at('futility.binding'), f.binding, 'true or false');
  }
  checkFinite(at('drift'), g.drift, 'a number in [-40, 40]', (x) => Math.abs(x) <= 40);
  checkFinite(at('inflationFactor'), g.inflationFactor, 'a number in (0, 100]', (x) => x > 0 && x <= 100);
  // The rest is not read here but travels on with the answer (a sample size returns its design).
  const nullOrNumber = (field: string, v: unknown) => {
    if (v !== null) checkFinite(at(field), v, 'a finite number, or null', () => true);
  };
  nullOrNumber('gamma', g.gamma);
  nullOrNumber('deltaWT', g.deltaWT);
  if (g.futility !== null) {
    const f = g.futility as Record<string, unknown>;
    if (f.betaSpending !== null) checkOneOf(at('futility.betaSpending'), f.betaSpending, SPENDING);
    nullOrNumber('futility.gamma', f.gamma);
  }
  checkFinite(at('shift'), g.shift, 'a number in [0, 1600]', (x) => x >= 0 && x <= 1600);
  const fractions = (field: string, v: unknown, length: number) => {
    if (!Array.isArray(v) || v.length !== length)
      throw new SampleSizeError('invalid-type', at(field), v, `an array of ${length} probabilities`);
    v.forEach((x, i) => {
      checkFinite(at(`${field}[${i}]`), x, 'a number in [0, 1]', (p) => p >= 0 && p <= 1);
    });
  };
  fractions('stageLevels', g.stageLevels, looks);
  fractions('alphaSpent', g.alphaSpent, looks);
  if (g.betaSpent !== null) fractions('betaSpent', g.betaSpent, looks - 1);
  fractions('cumulativePower', g.cumulativePower, looks);
  fractions('rejectionProbabilities', g.rejectionProbabilities, looks);
  fractions('futilityProbabilities', g.futilityProbabilities, looks - 1);
  const byHypothesis = (field: string, check: (name: string, v: unknown) => void) => {
    const o = checkOptionsObject(at(field), g[field]);
    for (const k of ['h0', 'h01', 'h1']) check(`${field}.${k}`, o[k]);
  };
  byHypothesis('stoppingProbabilities', (name, v) => fractions(name, v, looks));
  byHypothesis('expectedInformation', (name, v) => {
    checkFinite(at(name), v, 'a fraction in (0, 1]', (x) => x > 0 && x <= 1);
  });
  byHypothesis('expectedSampleSizeRatio', (name, v) => {
    checkFinite(at(name), v, 'a number in (0, 100]', (x) => x > 0 && x <= 100);
  });
  return g as unknown as GroupSequentialDesign;
}

function gammaFor(type: SpendingFunction | GroupSequentialType, value: unknown, argument: string): number | null {
  if (type === 'kim-demets')
    return value === undefined ? 1 : checkFinite(argument, value, 'a number in (0, 20]', (g) => g > 0 && g <= 20);
  if (type === 'hwang-shih-decani')
    return value === undefined ? -4 : checkFinite(argument, value, 'a number in [-10, 5]', (g) => g >= -10 && g <= 5);
  if (value !== undefined)
    throw new SampleSizeError('conflict', argument, value, "used only with 'kim-demets' or 'hwang-shih-decani'");
  return null;
}

// ---------------------------------------------------------------------------------------------
// Boundaries

/**
 * A root of increasing-or-decreasing f, first in the narrow bracket [lo, hi] where it is expected
 * (each evaluation is a whole numerical integration, so a tight bracket saves most of the cost),
 * widening towards [min, max] when the sign does not change there.
 */
function rootNear(f: (x: number) => number, lo: number, hi: number, min: number, max: number, tol: number): number | undefined {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60 && fa < 0 === fb < 0 && fa !== 0 && fb !== 0; i++) {
    if (a <= min && b >= max) return undefined;
    // Step past the end whose value is nearer zero.
    if (Math.abs(fa) < Math.abs(fb)) {
      b = a;
      fb = fa;
      a = Math.max(min, a - 2 * (hi - lo) * (i + 1));
      fa = f(a);
    } else {
      a = b;
      fa = fb;
      b = Math.min(max, b + 2 * (hi - lo) * (i + 1));
      fb = f(b);
    }
  }
  return brentRootFrom(f, a, b, fa, fb, tol);
}

/**
 * A root of the coarse function (by {@link rootNear}) and the coarse slope there, taken from the
 * two evaluations nearest the root on either side of it (Brent's last bracket): no extra
 * integration.
 */
function coarseRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  min: number,
  max: number,
  tol: number,
): { x: number; slope: number } | undefined {
  const seen: [number, number][] = [];
  const x = rootNear(
    (v) => {
      const y = f(v);
      seen.push([v, y]);
      return y;
    },
    lo,
    hi,
    min,
    max,
    tol,
  );
  if (x === undefined) return undefined;
  let below: [number, number] | undefined;
  let above: [number, number] | undefined;
  for (const point of seen) {
    if (point[0] <= x && (below === undefined || point[0] > below[0])) below = point;
    if (point[0] > x && (above === undefined || point[0] < above[0])) above = point;
  }
  const slope = below && above && above[0] - below[0] < 1e-3 ? (above[1] - below[1]) / (above[0] - below[0]) : Number.NaN;
  return { x, slope: Number.isFinite(slope) && slope !== 0 ? slope : (f(x + 1e-6) - f(x)) / 1e-6 };
}

/**
 * Polishes x0, a root found on the coarse grid, on the fine one. The first step is Newton's with
 * the coarse function's slope at x0 (from {@link coarseRoot}: a coarse integration costs a
 * seventh of a fine one), then secant steps on the fine function. The secant's error after a
 * step is about the product of the last two steps, so it stops when that is below tol: two fine
 * integrations where Brent's method in a bracket took seven or eight. Falls back to Brent in a
 * bracket of 1e-4 when a step is not finite or leaves that bracket.
 */
function refine(
  f: (x: number) => number,
  coarse: { x: number; slope: number },
  min: number,
  max: number,
  tol: number,
): number | undefined {
  const { x: x0, slope } = coarse;
  const scale = Math.max(1, Math.abs(x0));
  const width = 1e-4 * scale;
  const h = 1e-6 * scale;
  let a = x0;
  let fa = f(a);
  if (fa === 0) return a;
  let step = -fa / slope;
  if (Number.isFinite(step) && Math.abs(step) <= tol) return a + step;
  if (!Number.isFinite(step) || Math.abs(step) > width) step = h;
  let b = a + step;
  let fb = f(b);
  for (let i = 0; i < 8; i++) {
    if (fb === 0) return b;
    const next = (-fb * (b - a)) / (fb - fa);
    if (!Number.isFinite(next) || Math.abs(b + next - x0) > width) break;
    if (Math.abs(next) <= tol || 10 * Math.abs(next) * Math.abs(b - a) <= tol) return b + next;
    a = b;
    fa = fb;
    b += next;
    fb = f(b);
  }
  return rootNear(f, x0 - width, x0 + width, min, max, tol);
}

/** Brent's method where f(a) and f(b) are already known (one integration each saved). */
function brentRootFrom(f: (x: number) => number, a: number, b: number, fa: number, fb: number, tol: number): number | undefined {
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa < 0 === fb < 0) return undefined;
  return brentRoot((x) => (x === a ? fa : x === b ? fb : f(x)), a, b, tol);
}

const zUpper = (p: number) => normalQuantile(p, true);

/** The bound u with P(continue, then exit above u at look t) [+ below −u, two-sided] = target. */
function solveUpper(prev: StageDensity | null, t: number, target: number, sided: 1 | 2): number {
  if (prev === null) return target <= 0 ? MAX_BOUND : Math.min(MAX_BOUND, zUpper(target / sided));
  const g = (u: number): [number, number] => {
    const [p, s] = exitAndSlope(prev, t, u, 0, false);
    if (sided === 1) return [p - target, s];
    const [q, r] = exitAndSlope(prev, t, -u, 0, true);
    return [p + q - target, s - r];
  };
  if ((g(MAX_BOUND)[0] as number) >= 0) return MAX_BOUND;
  const lo = sided === 2 ? 0 : -MAX_BOUND;
  const glo = g(lo)[0] as number;
  if (glo <= 0) return lo;
  // Start from the bound of a single look spending the same amount: near when little is spent before.
  return newtonBracketed(g, lo, MAX_BOUND, glo, zUpper(Math.min(0.5, target / sided)), 1e-12);
}

/** Efficacy bounds from an alpha-spending function, look by look, given binding lower bounds (or none). */
function spendingBounds(
  t: readonly number[],
  cumulative: readonly number[],
  sided: 1 | 2,
  lowerOf: (k: number, u: number) => number,
): number[] {
  const u: number[] = [];
  let h: StageDensity | null = null;
  for (let k = 0; k < t.length; k++) {
    const inc = (cumulative[k] as number) - (k > 0 ? (cumulative[k - 1] as number) : 0);
    const uk = solveUpper(h, t[k] as number, inc, sided);
    u.push(uk);
    if (k < t.length - 1) {
      const lk = sided === 2 ? -uk : lowerOf(k, uk);
      const r = resolution(t[k] as number, t[k + 1], FINE);
      h = h === null ? firstStage(t[k] as number, lk, uk, 0, r) : nextStage(h, t[k] as number, lk, uk, 0, r);
    }
  }
  return u;
}

/** Total probability of crossing an efficacy bound (either side when two-sided) at drift 0. */
function typeOneError(
  t: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  sided: 1 | 2,
  r?: number,
): number {
  const p = crossingProbabilities(t, lower, upper, 0, r);
  let s = 0;
  for (let k = 0; k < t.length; k++) s += (p.upper[k] as number) + (sided === 2 ? (p.lower[k] as number) : 0);
  return s;
}

/** Lower bounds used while crossing probabilities are computed: −u (two-sided), futility, or none. */
function lowerBounds(upper: readonly number[], futility: readonly number[] | null, sided: 1 | 2): number[] {
  return upper.map((u, k) => {
    if (sided === 2) return -u;
    if (futility && k < futility.length) return Math.min(futility[k] as number, u);
    return Number.NEGATIVE_INFINITY;
  });
}

/**
 * Beta spending (one-sided): for a drift θ, the futility bound at each look spends β(t_k) under
 * θ; θ is then the drift at which the last futility bound meets the last efficacy bound, so the
 * power is 1 − β. Binding: the efficacy bounds are recomputed with the futility bounds in place.
 */
function betaSpendingDesign(
  t: readonly number[],
  alphaCum: readonly number[],
  betaCum: readonly number[],
  binding: boolean,
  fixedUpper: readonly number[] | null,
  guess: number,
): { upper: number[]; lower: number[]; theta: number } {
  const K = t.length;
  const run = (theta: number, res = FINE) => {
    const upper: number[] = [];
    const lower: number[] = [];
    let h0: StageDensity | null = null;
    let h1: StageDensity | null = null;
    for (let k = 0; k < K; k++) {
      const tk = t[k] as number;
      let uk: number;
      if (fixedUpper) uk = fixedUpper[k] as number;
      else {
        const inc = (alphaCum[k] as number) - (k > 0 ? (alphaCum[k - 1] as number) : 0);
        uk = solveUpper(h0, tk, inc, 1);
      }
      const binc = (betaCum[k] as number) - (k > 0 ? (betaCum[k - 1] as number) : 0);
      let lk: number;
      if (h1 === null) lk = normalQuantile(binc) + theta * Math.sqrt(tk);
      else {
        const prev: StageDensity = h1;
        const g = (l: number): [number, number] => {
          const [p, s] = exitAndSlope(prev, tk, l, theta, true);
          return [p - binc, s];
        };
        const lo = -MAX_BOUND + Math.min(0, theta);
        const hi = MAX_BOUND + Math.max(0, theta);
        const glo = g(lo)[0];
        // Start where a single look would put the bound: the quantile of β's increment around θ√t.
        const start = normalQuantile(Math.min(0.5, Math.max(1e-300, binc))) + theta * Math.sqrt(tk);
        lk = glo >= 0 ? lo : g(hi)[0] <= 0 ? hi : newtonBracketed(g, lo, hi, glo, start, 1e-12);
      }
      upper.push(uk);
      lower.push(lk);
      if (k < K - 1) {
        const l = Math.min(lk, uk);
        const r = resolution(tk, t[k + 1], res);
        h1 = h1 === null ? firstStage(tk, l, uk, theta, r) : nextStage(h1, tk, l, uk, theta, r);
        const l0 = binding ? l : Number.NEGATIVE_INFINITY;
        if (!fixedUpper) h0 = h0 === null ? firstStage(tk, l0, uk, 0, r) : nextStage(h0, tk, l0, uk, 0, r);
      }
    }
    return { upper, lower };
  };
  const g = (theta: number, res?: number) => {
    const r = run(theta, res);
    return (r.lower[K - 1] as number) - (r.upper[K - 1] as number);
  };
  // Coarse grid first, then secant steps on the fine one.
  const coarse = coarseRoot((x) => g(x, COARSE), guess * 0.98, guess * 1.2, -4, 10, 1e-7);
  const theta = coarse === undefined ? undefined : refine(g, coarse, -4, 10, 1e-10);
  if (theta === undefined) {
    throw new SampleSizeError(
      'no-solution',
      'futility',
      'beta spending',
      'a beta spending that a drift in [-4, 10] satisfies',
      'no drift in [-4, 10] makes the last futility bound meet the last efficacy bound: choose a larger power or another beta-spending function',
    );
  }
  const r = run(theta);
  return { upper: r.upper, lower: r.lower.slice(0, K - 1).map((l, k) => Math.min(l, r.upper[k] as number)), theta };
}

// ---------------------------------------------------------------------------------------------
// The design

/**
 * A group-sequential design: efficacy bounds (and futility bounds), the alpha spent by each look,
 * the drift that gives the power, the inflation factor and the stopping probabilities, with
 * rpact's conventions (`getDesignGroupSequential` and `getDesignCharacteristics`; its vectors are
 * the reference). The probabilities come from the recursive numerical integration of Armitage,
 * McPherson & Rowe on Jennison & Turnbull's grid.
 *
 * Two-sided designs reject at |z| ≥ bound with `alpha` the total; their power counts upper
 * crossings only, with the lower bound still stopping (rpact's `twoSidedPower = FALSE`). Beta
 * spending needs a one-sided design with an alpha-spending function, as in rpact.
 *
 * @throws {SampleSizeError} for looks outside 1..20, information rates not increasing to 1, a
 *   spending parameter out of range, or futility on a design that cannot carry it
 *
 * @example
 * import { groupSequentialDesign } from '@ds/sample-size';
 * // R: getDesignGroupSequential(kMax = 3, typeOfDesign = "OF", alpha = 0.025)$criticalValues
 * const of = groupSequentialDesign({ looks: 3, design: 'obrien-fleming' });
 * of.criticalValues; // => [3.471, 2.454, 2.004]
 * // getDesignCharacteristics(...)$inflationFactor
 * of.inflationFactor; // => 1.017406
 */
export function groupSequentialDesign(options: GroupSequentialOptions): GroupSequentialDesign {
  const o = checkOptionsObject('options', options);
  const looks = checkFinite(
    'looks',
    o.looks,
    `a whole number from 1 to ${MAX_LOOKS}`,
    (k) => Number.isInteger(k) && k >= 1 && k <= MAX_LOOKS,
  );
  const design = checkOneOf('design', o.design, GROUP_SEQUENTIAL_TYPES);
  const t = informationRatesOf(looks, o.informationRates);
  const alternative = checkOneOf('alternative', o.alternative ?? 'one-sided', ['one-sided', 'two-sided'] as const);
  const sided: 1 | 2 = alternative === 'two-sided' ? 2 : 1;
  const alpha = checkFinite('alpha', o.alpha ?? 0.025, sided === 1 ? 'a number in (0, 0.5)' : 'a number in (0, 1)', (a) =>
    sided === 1 ? a > 0 && a < 0.5 : a > 0 && a < 1,
  );
  const power = checkFinite('power', o.power ?? 0.8, 'a number in (alpha, 1)', (p) => p > alpha / sided && p < 1);
  const beta = 1 - power;
  const gamma = gammaFor(design, o.gamma, 'gamma');
  let deltaWT: number | null = null;
  if (design === 'wang-tsiatis')
    deltaWT = checkFinite('deltaWT', o.deltaWT ?? 0.25, 'a number in [-0.5, 1]', (d) => d >= -0.5 && d <= 1);
  else if (o.deltaWT !== undefined)
    throw new SampleSizeError('conflict', 'deltaWT', o.deltaWT, "used only with design 'wang-tsiatis'");
  if (design === 'obrien-fleming') deltaWT = 0;
  if (design === 'pocock') deltaWT = 0.5;
  const isSpending = (SPENDING as readonly string[]).includes(design);

  // Futility
  let futility: GroupSequentialDesign['futility'] = null;
  let givenFutility: number[] | null = null;
  if (o.futility !== undefined) {
    const f = checkOptionsObject('futility', o.futility);
    const binding = f.binding === undefined ? false : f.binding;
    if (typeof binding !== 'boolean') throw new SampleSizeError('invalid-type', 'futility.binding', binding, 'true or false');
    if (looks < 2) throw new SampleSizeError('conflict', 'futility', o.futility, 'used only with 2 or more looks');
    if ('betaSpending' in f) {
      if ('bounds' in f)
        throw new SampleSizeError('conflict', 'futility.bounds', f.bounds, 'left out when betaSpending is given');
      const bs = checkOneOf('futility.betaSpending', f.betaSpending, SPENDING);
      if (!isSpending)
        throw new SampleSizeError('conflict', 'futility.betaSpending', bs, 'used with an alpha-spending design (as in rpact)');
      if (sided === 2)
        throw new SampleSizeError(
          'conflict',
          'futility.betaSpending',
          bs,
          "used with alternative 'one-sided' (two-sided beta spending is not offered)",
        );
      futility = { betaSpending: bs, gamma: gammaFor(bs, f.gamma, 'futility.gamma'), binding };
    } else if ('bounds' in f) {
      if (!Array.isArray(f.bounds) || f.bounds.length !== looks - 1)
        throw new SampleSizeError(
          'invalid-type',
          'futility.bounds',
          f.bounds,
          `an array of ${looks - 1} z values, one per interim look`,
        );
      givenFutility = f.bounds.map((b, i) =>
        checkFinite(`futility.bounds[${i}]`, b, sided === 2 ? 'a number in [0, 8]' : 'a number in [-8, 8]', (x) =>
          sided === 2 ? x >= 0 && x <= MAX_BOUND : Math.abs(x) <= MAX_BOUND,
        ),
      );
      if (sided === 2)
        throw new SampleSizeError(
          'conflict',
          'futility.bounds',
          f.bounds,
          "used with alternative 'one-sided' (two-sided futility is not offered)",
        );
      futility = { betaSpending: null, gamma: null, binding };
    } else {
      throw new SampleSizeError('invalid-type', 'futility', o.futility, 'an object with betaSpending or bounds');
    }
  }

  // Efficacy bounds (and beta-spending futility bounds with the drift)
  let upper: number[];
  let futilityBounds: number[] | null = givenFutility;
  let betaDrift: number | null = null;
  const alphaCum = isSpending ? t.map((x) => spent(design as SpendingFunction, alpha, x, gamma ?? 0, sided)) : null;
  if (alphaCum) {
    const binding = futility?.binding === true;
    const nonBindingUpper = spendingBounds(t, alphaCum, sided, (k, u) =>
      binding && givenFutility ? Math.min(givenFutility[k] as number, u) : Number.NEGATIVE_INFINITY,
    );
    upper = nonBindingUpper;
    if (futility?.betaSpending) {
      const betaCum = t.map((x) => spent(futility?.betaSpending as SpendingFunction, beta, x, futility?.gamma ?? 0, 1));
      const r = betaSpendingDesign(
        t,
        alphaCum,
        betaCum,
        futility.binding,
        futility.binding ? null : nonBindingUpper,
        zUpper(alpha) + zUpper(beta),
      );
      upper = r.upper;
      futilityBounds = r.lower;
      betaDrift = r.theta;
    }
  } else {
    const delta = deltaWT as number;
    const shape = t.map((x) => x ** (delta - 0.5));
    const lowerFor = (u: number[]) => lowerBounds(u, futility?.binding && givenFutility ? givenFutility : null, sided);
    const f = (c: number, r?: number) => {
      const u = shape.map((s) => Math.min(MAX_BOUND, c * s));
      return typeOneError(t, lowerFor(u), u, sided, r) - alpha;
    };
    // The last bound is at least the fixed design's; Pocock's with 20 looks is about 1.5 times it.
    // Coarse grid first, then the fine one in a bracket of 1e-4 around the coarse answer.
    const z = zUpper(alpha / sided);
    const c0 = coarseRoot((c) => f(c, COARSE), z, z * 1.6, 0, 2 * MAX_BOUND, 1e-7);
    const c = refine(f, c0 as { x: number; slope: number }, 0, 2 * MAX_BOUND, 1e-12) as number;
    upper = shape.map((s) => Math.min(MAX_BOUND, c * s));
  }
  if (futilityBounds) {
    for (let k = 0; k < futilityBounds.length; k++) {
      if ((futilityBounds[k] as number) > (upper[k] as number) && givenFutility)
        throw new SampleSizeError(
          'out-of-range',
          `futility.bounds[${k}]`,
          futilityBounds[k],
          `at most the efficacy bound at look ${k + 1} (${upper[k]})`,
        );
    }
  }

  // Characteristics
  const lower = lowerBounds(upper, futilityBounds, sided);
  const sameH0 = futility?.binding || sided === 2 || futilityBounds === null;
  const p0 = crossingProbabilities(t, sameH0 ? lower : lowerBounds(upper, null, sided), upper, 0);
  const alphaSpent: number[] = [];
  let acc = 0;
  for (let k = 0; k < looks; k++) {
    acc += (p0.upper[k] as number) + (sided === 2 ? (p0.lower[k] as number) : 0);
    alphaSpent.push(acc);
  }
  const powerAt = (theta: number, r?: number) => {
    const p = crossingProbabilities(t, lower, upper, theta, r);
    return p.upper.reduce((s, x) => s + x, 0);
  };
  let drift: number;
  if (betaDrift !== null) drift = betaDrift;
  else {
    const fixedDrift = zUpper(alpha / sided) + zUpper(beta);
    const coarse = coarseRoot((theta) => powerAt(theta, COARSE) - power, fixedDrift, fixedDrift * 1.25, 0, 40, 1e-7);
    const found = coarse === undefined ? undefined : refine((theta) => powerAt(theta) - power, coarse, 0, 40, 1e-12);
    if (found === undefined)
      throw new SampleSizeError(
        'no-solution',
        'power',
        power,
        'a power the design reaches',
        `no drift up to 40 gives power ${power}`,
      );
    drift = found;
  }
  const fixed = zUpper(alpha / sided) + zUpper(beta);
  // Under H0 the stopping probabilities reuse the integration of alphaSpent when its bounds are the same.
  const stats = (theta: number) => {
    const p = theta === 0 && sameH0 ? p0 : crossingProbabilities(t, lower, upper, theta);
    const stop: number[] = [];
    let rest = 1;
    for (let k = 0; k < looks - 1; k++) {
      const s = (p.upper[k] as number) + (p.lower[k] as number);
      stop.push(s);
      rest -= s;
    }
    stop.push(rest);
    const info = stop.reduce((s, x, k) => s + x * (t[k] as number), 0);
    return { p, stop, info };
  };
  const s1 = stats(drift);
  const s0 = stats(0);
  const s01 = stats(drift / 2);
  const inflationFactor = (drift * drift) / (fixed * fixed);
  const cumulativePower: number[] = [];
  acc = 0;
  for (const x of s1.p.upper) {
    acc += x;
    cumulativePower.push(acc);
  }
  let betaSpent: number[] | null = null;
  if (futilityBounds) {
    betaSpent = [];
    acc = 0;
    for (let k = 0; k < looks - 1; k++) {
      acc += s1.p.lower[k] as number;
      betaSpent.push(acc);
    }
  }
  return {
    kind: 'group-sequential-design',
    design,
    looks,
    informationRates: t,
    alpha,
    beta,
    power,
    alternative,
    gamma,
    deltaWT,
    futility,
    criticalValues: upper,
    futilityBounds,
    stageLevels: upper.map((u) => normalCdf(-u)),
    alphaSpent,
    betaSpent,
    drift,
    shift: drift * drift,
    inflationFactor,
    cumulativePower,
    rejectionProbabilities: s1.p.upper,
    futilityProbabilities: s1.p.lower.slice(0, looks - 1),
    stoppingProbabilities: { h0: s0.stop, h01: s01.stop, h1: s1.stop },
    expectedInformation: { h0: s0.info, h01: s01.info, h1: s1.info },
    expectedSampleSizeRatio: {
      h0: s0.info * inflationFactor,
      h01: s01.info * inflationFactor,
      h1: s1.info * inflationFactor,
    },
  };
}
