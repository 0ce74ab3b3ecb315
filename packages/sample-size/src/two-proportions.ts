// Two independent proportions: power, sample size, detectable difference, and the general solver
// behind them. One power function per method; every unknown is found by Brent's method on it
// (whole numbers by integer search for the exact methods).

import { checkOptions } from './check.js';
import { cohensH } from './cohens-h.js';
import { checkAtLeast, checkOneOf, checkOpenUnit, checkProportion, noSolution, SampleSizeError } from './errors.js';
import { type Design, isExact, powerAt } from './proportion-power.js';
import type { Alternative, Hypothesis, ProportionsMethod } from './proportions-types.js';
import { brentRoot, roundUp, solveIncreasing } from './root.js';

export type { Alternative, Hypothesis, ProportionsMethod } from './proportions-types.js';
export type TwoProportionsUnknown = 'n' | 'n2' | 'power' | 'p2' | 'h' | 'alpha' | 'ratio';

/**
 * Every method, in the order of the guide's conventions table.
 *
 * @example
 * import { PROPORTIONS_METHODS } from '@ds/sample-size';
 * PROPORTIONS_METHODS.length; // => 7
 * PROPORTIONS_METHODS[0]; // => 'pooled'
 */
export const PROPORTIONS_METHODS: readonly ProportionsMethod[] = [
  'pooled',
  'unpooled',
  'arcsine',
  'fleiss-cc',
  'evan-miller',
  'exact-fisher',
  'exact-z',
];
const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'one-sided', 'greater', 'less'];
const HYPOTHESES: readonly Hypothesis[] = ['superiority', 'non-inferiority', 'equivalence'];
const UNKNOWNS: readonly TwoProportionsUnknown[] = ['n', 'n2', 'power', 'p2', 'h', 'alpha', 'ratio'];

/** The design of a comparison of two proportions; which fields are needed depends on what is solved. */
export interface TwoProportionsOptions {
  /** Proportion in group 1 (the control or standard arm), in [0, 1]. */
  p1?: number;
  /** Proportion in group 2 (the experimental arm), in [0, 1]. */
  p2?: number;
  /** Cohen's h in place of p1 and p2 (method 'arcsine' only). */
  h?: number;
  /** Size of group 1. */
  n1?: number;
  /** Size of group 2; defaults to ratio × n1. */
  n2?: number;
  /** Allocation ratio n2 / n1. Default 1. */
  ratio?: number;
  /** Significance level. Default 0.05. */
  alpha?: number;
  /** Target power (when solving for something else). Default 0.8. */
  power?: number;
  /** Default 'two-sided'. Ignored by non-inferiority and equivalence, which are one-sided by construction. */
  alternative?: Alternative;
  /** Default 'pooled' for superiority, 'unpooled' for non-inferiority and equivalence. */
  method?: ProportionsMethod;
  /** Count rejections in the far tail of a two-sided test. Default: true for 'arcsine' and the exact methods, false otherwise. */
  strict?: boolean;
  /** Default 'superiority'. */
  hypothesis?: Hypothesis;
  /** Margin on the proportion scale, ≥ 0. Default 0. */
  margin?: number;
  /** Where to look for p2 when solving for it: above p1 ('higher', the default unless alternative is 'greater') or below. */
  direction?: 'higher' | 'lower';
  /** Exact methods: how far beyond n1Robust every n must keep the power. Default 10. */
  robustHorizon?: number;
}

/** Options of {@link solveTwoProportions}: the design plus the unknown. */
export interface SolveTwoProportionsOptions extends TwoProportionsOptions {
  solve: TwoProportionsUnknown;
}

/** A solved design. Plain data: log it, and the design can be reproduced from it. */
export interface TwoProportionsResult {
  /** What was solved for. */
  solve: TwoProportionsUnknown;
  method: ProportionsMethod;
  hypothesis: Hypothesis;
  alternative: Alternative;
  strict: boolean;
  margin: number;
  alpha: number;
  /** Power at the reported (rounded-up) n1 and n2. */
  power: number;
  /** The power asked for, when it was an input. */
  targetPower: number | null;
  p1: number | null;
  p2: number | null;
  /** Cohen's h = 2·asin√p1 − 2·asin√p2. */
  h: number | null;
  /** p2 − p1. */
  difference: number | null;
  /** Group 1 size, rounded up to a whole person. */
  n1: number;
  /** Group 2 size, rounded up to a whole person. */
  n2: number;
  total: number;
  /** n2 / n1 as used (n2Exact / n1Exact when n was solved). */
  ratio: number;
  /** The fractional n1 at which the power is exactly the target (normal methods), or n1 itself. */
  n1Exact: number;
  /** The fractional n2 at which the power is exactly the target, or n2 itself. */
  n2Exact: number;
  /**
   * Normal methods solving for n: the smallest n2 that reaches the power, ⌈n2Exact⌉ (n2 itself is
   * ⌈ratio × n1⌉, which keeps the ratio asked for and may be larger).
   */
  n2Min?: number;
  /** Exact methods solving for n: the smallest n from which every n up to n + robustHorizon reaches the power. */
  n1Robust?: number;
  robustHorizon?: number;
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Largest group size any method takes: past it sums overflow and no population is that large. */
export const MAX_GROUP_SIZE = 1e15;

function wholeGroupSize(argument: string, value: unknown, exact: boolean): number {
  const n = checkAtLeast(argument, value, 2);
  if (exact && !Number.isInteger(n)) {
    throw new SampleSizeError('out-of-range', argument, value, 'a whole number ≥ 2 (exact methods enumerate whole tables)');
  }
  // Exact power enumerates every table: about 7 s at 100,000 per group, growing as n^1.5.
  if (exact && n > MAX_EXACT_N) {
    throw new SampleSizeError(
      'too-large',
      argument,
      value,
      `at most ${MAX_EXACT_N} per group for the exact methods (use a normal-approximation method)`,
    );
  }
  if (n > MAX_GROUP_SIZE) throw new SampleSizeError('too-large', argument, value, `at most ${MAX_GROUP_SIZE} per group`);
  return n;
}

function readDesign(o: SolveTwoProportionsOptions): { d: Design; alpha: number | null; power: number | null } {
  const solve = checkOneOf('solve', o.solve, UNKNOWNS);
  const hypothesis = checkOneOf('hypothesis', o.hypothesis ?? 'superiority', HYPOTHESES);
  const method = checkOneOf('method', o.method ?? (hypothesis === 'superiority' ? 'pooled' : 'unpooled'), PROPORTIONS_METHODS);
  const alternative = checkOneOf('alternative', o.alternative ?? 'two-sided', ALTERNATIVES);
  if (o.strict !== undefined && typeof o.strict !== 'boolean') {
    throw new SampleSizeError('invalid-type', 'strict', o.strict, 'true or false');
  }
  const strict = o.strict ?? (method === 'arcsine' || isExact(method));
  const margin = o.margin === undefined ? 0 : checkAtLeast('margin', o.margin, 0);
  if (margin >= 1) throw new SampleSizeError('out-of-range', 'margin', margin, 'in [0, 1)');
  if (hypothesis !== 'superiority') {
    if (method !== 'unpooled') {
      throw new SampleSizeError(
        'conflict',
        'method',
        method,
        `'unpooled' for a ${hypothesis} test (Wald statistic with a margin)`,
      );
    }
    if (!(margin > 0)) throw new SampleSizeError('out-of-range', 'margin', o.margin, `> 0 for a ${hypothesis} test`);
  }
  if (margin > 0 && hypothesis === 'superiority' && (method === 'arcsine' || isExact(method))) {
    throw new SampleSizeError(
      'conflict',
      'margin',
      margin,
      `0 with method '${method}' (a superiority margin needs a difference method)`,
    );
  }
  const alpha = solve === 'alpha' ? null : checkOpenUnit('alpha', o.alpha ?? 0.05);
  const power = solve === 'power' ? null : checkOpenUnit('power', o.power ?? 0.8);

  let p1: number | null = null;
  let p2: number | null = null;
  let h: number | null = null;
  if (o.h !== undefined && solve !== 'h') {
    if (method !== 'arcsine') throw new SampleSizeError('conflict', 'h', o.h, "used only with method 'arcsine'");
    if (o.p1 !== undefined || o.p2 !== undefined)
      throw new SampleSizeError('conflict', 'h', o.h, 'given alone, without p1 and p2');
    h = checkAtLeast('h', o.h, -Math.PI);
    if (h > Math.PI) throw new SampleSizeError('out-of-range', 'h', h, 'in [-π, π]');
  } else if (solve === 'h') {
    if (method !== 'arcsine') throw new SampleSizeError('conflict', 'solve', solve, "'h' only with method 'arcsine'");
  } else {
    if (o.p1 === undefined) throw new SampleSizeError('invalid-type', 'p1', o.p1, 'a number in [0, 1]');
    p1 = checkProportion('p1', o.p1);
    if (solve !== 'p2') {
      if (o.p2 === undefined) throw new SampleSizeError('invalid-type', 'p2', o.p2, 'a number in [0, 1]');
      p2 = checkProportion('p2', o.p2);
    }
  }
  if (solve === 'p2' && o.p2 !== undefined) throw new SampleSizeError('conflict', 'p2', o.p2, 'left out when solving for p2');
  if (solve === 'alpha' && o.alpha !== undefined)
    throw new SampleSizeError('conflict', 'alpha', o.alpha, 'left out when solving for alpha');
  if (solve === 'power' && o.power !== undefined)
    throw new SampleSizeError('conflict', 'power', o.power, 'left out when solving for power');
  if (solve === 'alpha' && isExact(method))
    throw new SampleSizeError('conflict', 'solve', solve, 'a normal-approximation method to solve for alpha');

  const d: Design = { method, hypothesis, alternative, strict, margin, p1, p2, h };
  if (p1 !== null) checkProportionsForMethod(d, p1, p2);
  if (h === 0 && hypothesis === 'superiority') throw new SampleSizeError('conflict', 'h', h, 'non-zero for a superiority test');
  return { d, alpha, power };
}

function checkProportionsForMethod(d: Design, p1: number, p2: number | null): void {
  if (d.method === 'evan-miller' && (p1 === 0 || p1 === 1)) {
    throw new SampleSizeError('out-of-range', 'p1', p1, "in (0, 1) for method 'evan-miller' (its null variance is p1(1 − p1))");
  }
  if (p2 === null) return;
  if (d.hypothesis === 'superiority' && p1 === p2 && d.margin === 0) {
    throw new SampleSizeError('conflict', 'p2', p2, `different from p1 (${p1}) for a superiority test`);
  }
  const boundary = (p: number) => p === 0 || p === 1;
  // The pooled null variance p̄(1 − p̄) is positive when one proportion is 0 and the other 1.
  const pooledNull = (d.method === 'pooled' || d.method === 'fleiss-cc') && p1 !== p2;
  if (!isExact(d.method) && d.method !== 'arcsine' && !pooledNull && boundary(p1) && boundary(p2)) {
    throw new SampleSizeError(
      'out-of-range',
      'p2',
      p2,
      `in (0, 1) when p1 is ${p1} (both at a boundary leave no variance) for method '${d.method}'`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Solving

/** Exact methods: integer search for the first n reaching the power, and the robust n. */
function solveWhole(
  powerOf: (n: number) => number,
  target: number,
  lo: number,
  start: number,
  horizon: number,
): { n: number; robust: number } {
  const cache = new Map<number, number>();
  const pw = (n: number) => {
    let v = cache.get(n);
    if (v === undefined) {
      v = powerOf(n);
      cache.set(n, v);
    }
    return v;
  };
  // Exact power is not monotone in n, but it follows the normal approximation closely: look no
  // further than four times the approximate n (and never past MAX_EXACT_N).
  const limit = Math.min(MAX_EXACT_N, Math.ceil(Math.max(4 * start + 100, 400)));
  if (start > MAX_EXACT_N) throw tooLargeForExact(start);
  // Small designs: scan from the smallest n. Larger ones: bisect to a crossing near the normal
  // approximation, then scan from `horizon` below it for earlier n that also reach.
  let from = lo;
  if (start > 200) {
    let a = Math.max(lo, Math.floor(start / 2));
    let b = Math.max(a + 1, Math.ceil(start * 1.5));
    while (pw(a) >= target && a > lo) a = Math.max(lo, Math.floor(a / 2));
    while (pw(b) < target) {
      if (b >= limit)
        throw noSolution('power', target, 'a power this design can reach', `no n up to ${limit} reaches power ${target}`);
      b = Math.min(limit, 2 * b);
    }
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (pw(mid) >= target) b = mid;
      else a = mid;
    }
    from = Math.max(lo, b - horizon);
  }
  let first = -1;
  let run = 0;
  for (let n = from; n <= limit + horizon; n++) {
    if (pw(n) >= target) {
      if (first < 0) first = n;
      run++;
      if (run > horizon) return { n: first, robust: n - horizon };
    } else {
      run = 0;
      if (first < 0 && n >= limit) break;
    }
  }
  throw noSolution(
    'power',
    target,
    'a power this design can reach',
    `no n up to ${limit} reaches power ${target} for this design`,
  );
}

/**
 * Beyond this many per group, exact enumeration (which grows with the square of the binomial
 * standard deviations, about n · p(1 − p)) is left to the normal methods.
 */
const MAX_EXACT_N = 100_000;

function tooLargeForExact(n: number): SampleSizeError {
  return new SampleSizeError(
    'out-of-range',
    'method',
    n,
    `a normal-approximation method for more than ${MAX_EXACT_N} per group (exact enumeration grows with n)`,
    `exact methods enumerate every table and stop at ${MAX_EXACT_N} per group; this design needs about ${Math.round(n)}: use a normal-approximation method`,
  );
}

/**
 * The general solver: give every argument but one and name the unknown in `solve`, as R's
 * `power.prop.test` and `pwr.2p2n.test` leave one argument NULL. The three entry points
 * {@link sampleSizeTwoProportions}, {@link powerTwoProportions} and {@link detectableDifference}
 * call it.
 *
 * @throws {SampleSizeError} for bad input, two unknowns, or a design no value of the unknown satisfies
 *
 * @example
 * import { solveTwoProportions } from '@ds/sample-size';
 * // R: power.prop.test(n = 500, p1 = 0.5, p2 = 0.55, power = 0.8, sig.level = NULL)
 * solveTwoProportions({ solve: 'alpha', p1: 0.5, p2: 0.55, n1: 500 }).alpha; // => 0.45775
 * // n2 for a fixed n1 of 300 (pwr.2p2n.test convention)
 * solveTwoProportions({ solve: 'n2', p1: 0.3, p2: 0.45, n1: 300, method: 'arcsine' }); // => { n2: 111, method: 'arcsine' }
 */
export function solveTwoProportions(options: SolveTwoProportionsOptions): TwoProportionsResult {
  checkOptions('options', options, true);
  const { d, alpha: alpha0, power: target } = readDesign(options);
  const solve = options.solve;
  const exact = isExact(d.method);
  const horizon = options.robustHorizon === undefined ? 10 : checkAtLeast('robustHorizon', options.robustHorizon, 0);
  if (!Number.isInteger(horizon)) throw new SampleSizeError('out-of-range', 'robustHorizon', horizon, 'a whole number ≥ 0');
  if (options.ratio !== undefined) checkAtLeast('ratio', options.ratio, 0, true);

  let n1: number;
  let n2: number;
  let alpha = alpha0 as number;
  let p2 = d.p2;
  let h = d.h;
  let n1Exact: number;
  let n2Exact: number;
  let n1Robust: number | undefined;
  let n2Min: number | undefined;

  const needN1 = () => wholeGroupSize('n1', options.n1, exact);
  const secondGroup = (first: number): number => {
    if (options.n2 !== undefined) {
      if (options.ratio !== undefined) throw new SampleSizeError('conflict', 'ratio', options.ratio, 'left out when n2 is given');
      return wholeGroupSize('n2', options.n2, exact);
    }
    const r = options.ratio ?? 1;
    return exact ? Math.round(first * r) : first * r;
  };

  switch (solve) {
    case 'n': {
      if (options.n1 !== undefined || options.n2 !== undefined) {
        throw new SampleSizeError(
          'conflict',
          options.n1 !== undefined ? 'n1' : 'n2',
          options.n1 ?? options.n2,
          'left out when solving for n',
        );
      }
      const ratio = options.ratio ?? 1;
      const lo = Math.max(2, 2 / ratio);
      const t = target as number;
      if (exact) {
        const approx = { ...d, method: 'pooled' as ProportionsMethod, strict: false };
        // The normal approximation says where to look. When it has no answer of its own (power
        // already reached at n = 2, or never reached) the exact search scans small n from 2 and
        // reports what it finds there.
        let start = 50;
        try {
          start = solveIncreasing((n) => powerAt(approx, n, n * ratio, alpha) - t, lo, 'power', t, 'n1');
        } catch (error) {
          if (!(error instanceof SampleSizeError)) throw error;
        }
        const found = solveWhole(
          (n) => powerAt(d, n, Math.max(1, Math.round(n * ratio)), alpha),
          t,
          Math.ceil(lo),
          start,
          horizon,
        );
        n1 = found.n;
        n1Robust = found.robust;
        n2 = Math.max(1, Math.round(n1 * ratio));
        n1Exact = n1;
        n2Exact = n2;
      } else {
        n1Exact = solveIncreasing((n) => powerAt(d, n, n * ratio, alpha) - t, lo, 'power', t, 'n1');
        n2Exact = n1Exact * ratio;
        n1 = roundUp(n1Exact);
        // The groups keep the ratio asked for: n2 = ⌈ratio × n1⌉ with n1 already whole (epicalc,
        // statsmodels, G*Power); the smallest n2 that reaches the power is kept as n2Min.
        n2 = roundUp(n1 * ratio);
        n2Min = roundUp(n2Exact);
      }
      break;
    }
    case 'n2':
    case 'ratio': {
      n1 = needN1();
      if (options.n2 !== undefined) throw new SampleSizeError('conflict', 'n2', options.n2, `left out when solving for ${solve}`);
      if (solve === 'ratio' && options.ratio !== undefined)
        throw new SampleSizeError('conflict', 'ratio', options.ratio, 'left out when solving for ratio');
      const t = target as number;
      if (exact) {
        const approx = { ...d, method: 'pooled' as ProportionsMethod, strict: false };
        const start = solveIncreasing((m) => powerAt(approx, n1, m, alpha) - t, 2, 'power', t, 'n2');
        const found = solveWhole((m) => powerAt(d, n1, m, alpha), t, 2, start, horizon);
        n2 = found.n;
        n1Robust = undefined;
        n2Exact = n2;
      } else {
        n2Exact = solveIncreasing((m) => powerAt(d, n1, m, alpha) - t, 2, 'power', t, 'n2');
        n2 = roundUp(n2Exact);
      }
      n1Exact = n1;
      break;
    }
    default: {
      n1 = needN1();
      n2 = secondGroup(n1);
      if (exact && n2 < 1)
        throw new SampleSizeError('out-of-range', 'ratio', options.ratio, 'large enough that n2 = ratio × n1 ≥ 1');
      if (!exact && n2 < 2)
        throw new SampleSizeError('out-of-range', 'ratio', options.ratio, 'large enough that n2 = ratio × n1 ≥ 2');
      n1Exact = n1;
      n2Exact = n2;
      const t = target as number;
      if (solve === 'alpha') {
        const g = (a: number) => powerAt(d, n1, n2, a) - t;
        const lo = 1e-12;
        const hi = 1 - 1e-12;
        if (g(hi) < 0)
          throw noSolution(
            'power',
            t,
            'a power this design can reach',
            `no alpha below 1 reaches power ${t} with n1 = ${n1}, n2 = ${n2}`,
          );
        if (g(lo) >= 0)
          throw noSolution(
            'power',
            t,
            'a power above what alpha = 1e-12 gives',
            `power ${t} is reached at any alpha: the design is larger than needed`,
          );
        alpha = brentRoot(g, lo, hi) as number;
      } else if (solve === 'h') {
        const sign = d.alternative === 'less' ? -1 : 1;
        const g = (x: number) => powerAt(d, n1, n2, alpha, null, sign * x) - t;
        if (g(Math.PI) < 0)
          throw noSolution(
            'power',
            t,
            'a power this design can reach',
            `no |h| ≤ π reaches power ${t} with n1 = ${n1}, n2 = ${n2}`,
          );
        if (g(1e-12) >= 0) throw noSolution('power', t, 'above the power at h = 0', `power ${t} is not above the power at h = 0`);
        h = sign * (brentRoot(g, 1e-12, Math.PI) as number);
      } else if (solve === 'p2') {
        p2 = solveP2(d, options.direction, n1, n2, alpha, t);
      }
    }
  }

  const p1 = d.p1;
  if (p1 !== null && p2 !== null) h = cohensH(p1, p2);
  const power = powerAt(d, n1, n2, alpha, p2, h);
  if (!Number.isFinite(power)) throw noSolution('power', power, 'a finite power', 'the power of this design is not defined');
  const result: TwoProportionsResult = {
    solve,
    method: d.method,
    hypothesis: d.hypothesis,
    alternative: d.alternative,
    strict: d.strict,
    margin: d.margin,
    alpha,
    power,
    targetPower: target,
    p1,
    p2,
    h,
    difference: p1 !== null && p2 !== null ? p2 - p1 : null,
    n1,
    n2,
    total: n1 + n2,
    ratio: solve === 'n' ? (options.ratio ?? 1) : n2Exact / n1Exact,
    n1Exact,
    n2Exact,
  };
  if (n2Min !== undefined) result.n2Min = n2Min;
  if (exact && solve === 'n') {
    result.n1Robust = n1Robust as number;
    result.robustHorizon = horizon;
  }
  return result;
}

function solveP2(d: Design, direction: unknown, n1: number, n2: number, alpha: number, target: number): number {
  const p1 = d.p1 as number;
  const dir = checkOneOf('direction', direction ?? (d.alternative === 'greater' ? 'lower' : 'higher'), [
    'higher',
    'lower',
  ] as const);
  if ((dir === 'higher' && d.alternative === 'greater') || (dir === 'lower' && d.alternative === 'less')) {
    throw new SampleSizeError(
      'conflict',
      'direction',
      dir,
      `'${dir === 'higher' ? 'lower' : 'higher'}' with alternative '${d.alternative}'`,
    );
  }
  // Endpoints: from p1 (or the margin's edge) out to 0 or 1, short of a boundary the method cannot take.
  const edge = d.method === 'evan-miller' || (!isExact(d.method) && d.method !== 'arcsine' && (p1 === 0 || p1 === 1)) ? 1e-12 : 0;
  const far = dir === 'higher' ? 1 - edge : edge;
  // Non-inferiority is already "won" at p2 = p1 − margin; elsewhere the search starts at p1.
  const near = d.hypothesis === 'non-inferiority' && dir === 'higher' ? Math.max(0, p1 - d.margin) : p1;
  const g = (x: number) => powerAt(d, n1, n2, alpha, x) - target;
  const step = dir === 'higher' ? 1e-12 : -1e-12;
  const gNear = g(near + (d.hypothesis === 'equivalence' ? 0 : step));
  const gFar = g(far);
  if (d.hypothesis === 'equivalence') {
    if (gNear < 0)
      throw noSolution(
        'power',
        target,
        'a power this design can reach',
        `power ${target} is not reached even at p2 = p1 with n1 = ${n1}, n2 = ${n2}`,
      );
    const end = dir === 'higher' ? Math.min(1, p1 + d.margin) : Math.max(0, p1 - d.margin);
    return brentRoot(g, near, end) as number;
  }
  if (gFar < 0) {
    throw noSolution(
      'power',
      target,
      'a power this design can reach',
      `no p2 in ${dir === 'higher' ? `(${p1}, 1]` : `[0, ${p1})`} reaches power ${target} with n1 = ${n1}, n2 = ${n2}`,
    );
  }
  if (gNear >= 0)
    throw noSolution('power', target, 'above the power at p2 = p1', `power ${target} is already reached at p2 = p1`);
  return brentRoot(g, near + step, far) as number;
}

/**
 * Sample size per group for comparing two proportions: the smallest n1 (and n2 = ratio × n1,
 * rounded up) that reaches `power`. `n1Exact` is the fractional n at which the power is exactly
 * the target, the number R's `power.prop.test` prints.
 *
 * @example
 * import { sampleSizeTwoProportions } from '@ds/sample-size';
 * // R: power.prop.test(p1 = 0.5, p2 = 0.52, power = 0.8) gives n = 9805.996
 * sampleSizeTwoProportions({ p1: 0.5, p2: 0.52 }); // => { n1: 9806, n2: 9806, n1Exact: 9805.996 }
 * // pwr.2p.test(h = ES.h(0.5, 0.52), power = 0.8) gives n = 9805.841
 * sampleSizeTwoProportions({ p1: 0.5, p2: 0.52, method: 'arcsine' }).n1Exact; // => 9805.841
 */
export function sampleSizeTwoProportions(options: TwoProportionsOptions): TwoProportionsResult {
  checkOptions('options', options, true);
  return solveTwoProportions({ ...options, solve: 'n' });
}

/**
 * Power of a comparison of two proportions with groups of n1 and n2 (or ratio × n1).
 *
 * @example
 * import { powerTwoProportions } from '@ds/sample-size';
 * // R: power.prop.test(n = 3381, p1 = 0.5, p2 = 0.52, alternative = 'one.sided') gives 0.5000411
 * powerTwoProportions({ p1: 0.5, p2: 0.52, n1: 3381, alternative: 'one-sided' }).power; // => 0.5000411
 */
export function powerTwoProportions(options: TwoProportionsOptions): TwoProportionsResult {
  checkOptions('options', options, true);
  const { power: _ignored, ...rest } = options;
  return solveTwoProportions({ ...rest, solve: 'power' });
}

/**
 * The smallest p2 (above p1 unless `direction: 'lower'`) that groups of n1 and ratio × n1 detect
 * with the given power; `difference` is p2 − p1 and `h` Cohen's h.
 *
 * @example
 * import { detectableDifference } from '@ds/sample-size';
 * // R: power.prop.test(n = 1000, p1 = 0.5, power = 0.8) gives p2 = 0.5625
 * detectableDifference({ p1: 0.5, n1: 1000 }); // => { p2: 0.5625 }
 */
export function detectableDifference(options: TwoProportionsOptions): TwoProportionsResult {
  checkOptions('options', options, true);
  return solveTwoProportions({ ...options, solve: 'p2' });
}
