// The rest of R's pwr: one proportion (pwr.p.test), a normal mean (pwr.norm.test), a
// correlation (pwr.r.test), chi-square (pwr.chisq.test), balanced one-way ANOVA (pwr.anova.test)
// and multiple regression (pwr.f2.test). Each has pwr's power formula; any one argument can be
// left out and is found by Brent's method, to double precision where pwr's uniroot keeps about
// four digits.

import { checkFinite, checkOptionsObject } from './arguments.js';
import { SampleSizeError } from './errors.js';
import { chiSquareQuantileUpper, chiSquareSf, fQuantileUpper, fSf } from './noncentral.js';
import { normalCdf, normalQuantile } from './normal.js';
import { brentRoot, roundUp } from './root.js';
import { tQuantileUpper } from './student-t.js';

/** pwr's alternatives: 'greater' and 'less' are one-sided in the stated direction. */
export type PwrAlternative = 'two-sided' | 'greater' | 'less';

/** A solved pwr-style test: every argument, the one that was solved filled in. */
export interface PwrResult {
  /** The pwr function this reproduces. */
  test: 'pwr.p.test' | 'pwr.norm.test' | 'pwr.r.test' | 'pwr.chisq.test' | 'pwr.anova.test' | 'pwr.f2.test';
  /** The argument that was solved for. */
  solve: string;
  alpha: number;
  power: number;
  /** For a solved sample size (n, N, v or k): the whole number that reaches the power. */
  rounded?: number;
  [argument: string]: unknown;
}

interface Spec {
  test: PwrResult['test'];
  /** Arguments besides alpha and power, each with its range (for the search and the checks). */
  args: Record<string, { min: number; max: number; whole?: boolean; label: string }>;
  /** Whether an 'alternative' applies. */
  sided: boolean;
  power: (v: Record<string, number>, alpha: number, alternative: PwrAlternative) => number;
}

const zUpper = (p: number) => normalQuantile(p, true);

function normalShiftPower(shift: number, alpha: number, alternative: PwrAlternative): number {
  if (alternative === 'greater') return normalCdf(shift - zUpper(alpha));
  if (alternative === 'less') return normalCdf(-zUpper(alpha) - shift);
  const c = zUpper(alpha / 2);
  const s = Math.abs(shift);
  return normalCdf(s - c) + normalCdf(-c - s);
}

const SPECS: Record<string, Spec> = {
  p: {
    test: 'pwr.p.test',
    args: { h: { min: -10, max: 10, label: "Cohen's h" }, n: { min: 1, max: 1e9, label: 'the sample size' } },
    sided: true,
    power: (v, a, alt) => normalShiftPower((v.h as number) * Math.sqrt(v.n as number), a, alt),
  },
  norm: {
    test: 'pwr.norm.test',
    args: {
      d: { min: -10, max: 10, label: 'the effect size d = (mean − mu0) / sd' },
      n: { min: 1, max: 1e9, label: 'the sample size' },
    },
    sided: true,
    power: (v, a, alt) => normalShiftPower((v.d as number) * Math.sqrt(v.n as number), a, alt),
  },
  r: {
    test: 'pwr.r.test',
    args: { r: { min: -1, max: 1, label: 'the correlation' }, n: { min: 4, max: 1e9, label: 'the sample size' } },
    sided: true,
    power: (v, a, alt) => {
      const n = v.n as number;
      let r = v.r as number;
      if (alt === 'less') r = -r;
      if (alt === 'two-sided') r = Math.abs(r);
      const ttt = tQuantileUpper(alt === 'two-sided' ? a / 2 : a, n - 2);
      const rc = Math.sqrt((ttt * ttt) / (ttt * ttt + n - 2));
      const zr = Math.atanh(r) + r / (2 * (n - 1));
      const zrc = Math.atanh(rc);
      const s = Math.sqrt(n - 3);
      return normalCdf((zr - zrc) * s) + (alt === 'two-sided' ? normalCdf((-zr - zrc) * s) : 0);
    },
  },
  chisq: {
    test: 'pwr.chisq.test',
    args: {
      w: { min: 0, max: 100, label: "Cohen's w" },
      N: { min: 1, max: 1e9, label: 'the number of observations' },
      df: { min: 1, max: 1e6, whole: true, label: 'the degrees of freedom' },
    },
    sided: false,
    power: (v, a) => {
      const df = v.df as number;
      return chiSquareSf(chiSquareQuantileUpper(a, df), df, (v.N as number) * (v.w as number) ** 2);
    },
  },
  anova: {
    test: 'pwr.anova.test',
    args: {
      k: { min: 2, max: 1e4, label: 'the number of groups' },
      n: { min: 2, max: 1e9, label: 'the size of each group' },
      f: { min: 0, max: 100, label: "Cohen's f" },
    },
    sided: false,
    power: (v, a) => {
      const k = v.k as number;
      const n = v.n as number;
      const df1 = k - 1;
      const df2 = (n - 1) * k;
      return fSf(fQuantileUpper(a, df1, df2), df1, df2, k * n * (v.f as number) ** 2);
    },
  },
  f2: {
    test: 'pwr.f2.test',
    args: {
      u: { min: 1, max: 1e4, label: 'the numerator degrees of freedom' },
      v: { min: 1, max: 1e9, label: 'the denominator degrees of freedom' },
      f2: { min: 0, max: 100, label: "Cohen's f²" },
    },
    sided: false,
    power: (x, a) => {
      const u = x.u as number;
      const v = x.v as number;
      return fSf(fQuantileUpper(a, u, v), u, v, (x.f2 as number) * (u + v + 1));
    },
  },
};

const SAMPLE_SIZES = new Set(['n', 'N', 'v', 'k']);

function solvePwr(key: keyof typeof SPECS, options: unknown): PwrResult {
  const spec = SPECS[key] as Spec;
  const o = checkOptionsObject('options', options);
  const names = [...Object.keys(spec.args), 'alpha', 'power'];
  const missing = names.filter((n) => o[n] === undefined && !(n === 'alpha' && o.solve !== 'alpha'));
  const solve = o.solve ?? (missing.length === 1 ? missing[0] : undefined);
  if (typeof solve !== 'string' || !names.includes(solve)) {
    throw new SampleSizeError(
      'out-of-range',
      'solve',
      o.solve,
      `one of ${names.map((n) => `'${n}'`).join(', ')} (or leave exactly one of them out)`,
    );
  }
  if (o[solve] !== undefined) throw new SampleSizeError('conflict', solve, o[solve], `left out when solving for ${solve}`);
  let alternative: PwrAlternative = 'two-sided';
  if (spec.sided) {
    const alt = o.alternative ?? 'two-sided';
    if (alt !== 'two-sided' && alt !== 'greater' && alt !== 'less')
      throw new SampleSizeError('out-of-range', 'alternative', alt, "one of 'two-sided', 'greater', 'less'");
    alternative = alt;
  } else if (o.alternative !== undefined) {
    throw new SampleSizeError('conflict', 'alternative', o.alternative, `left out: ${spec.test} is one-sided by construction`);
  }
  const values: Record<string, number> = {};
  for (const [name, range] of Object.entries(spec.args)) {
    if (name === solve) continue;
    const x = checkFinite(name, o[name], `a finite number (${range.label})`);
    const ok = name === 'r' ? x > -1 && x < 1 : x >= range.min && x <= range.max;
    if (!ok) {
      throw new SampleSizeError('out-of-range', name, x, name === 'r' ? 'in (−1, 1)' : `in [${range.min}, ${range.max}]`);
    }
    if (range.whole && !Number.isInteger(x)) throw new SampleSizeError('out-of-range', name, x, 'a whole number ≥ 1');
    values[name] = x;
  }
  const alpha = solve === 'alpha' ? Number.NaN : checkFinite('alpha', o.alpha ?? 0.05, 'a number in (0, 1)');
  if (solve !== 'alpha' && !(alpha > 0 && alpha < 1)) throw new SampleSizeError('out-of-range', 'alpha', alpha, 'in (0, 1)');
  const power = solve === 'power' ? Number.NaN : checkFinite('power', o.power, 'a number in (0, 1)');
  if (solve !== 'power' && !(power > 0 && power < 1)) throw new SampleSizeError('out-of-range', 'power', power, 'in (0, 1)');

  const powerOf = (v: Record<string, number>, a: number) => spec.power(v, a, alternative);
  let solved: number;
  if (solve === 'power') solved = powerOf(values, alpha);
  else {
    const target = power;
    let lo: number;
    let hi: number;
    let f: (x: number) => number;
    if (solve === 'alpha') {
      lo = 1e-10;
      hi = 1 - 1e-10;
      f = (a) => powerOf(values, a) - target;
    } else {
      const range = spec.args[solve] as Spec['args'][string];
      f = (x) => powerOf({ ...values, [solve]: x }, alpha) - target;
      // Effects are searched on the side the alternative points to ('less' below 0), as pwr does.
      const negative = alternative === 'less' && (solve === 'h' || solve === 'd' || solve === 'r');
      lo = negative
        ? solve === 'r'
          ? -1 + 1e-10
          : range.min
        : solve === 'h' || solve === 'd' || solve === 'r'
          ? 1e-10
          : range.min + 1e-10;
      hi = negative ? -1e-10 : solve === 'r' ? 1 - 1e-10 : range.max;
    }
    const flo = f(lo);
    const fhi = f(hi);
    if (!(flo < 0 !== fhi < 0)) {
      throw new SampleSizeError(
        'no-solution',
        'power',
        target,
        'a power this design can reach',
        `no ${solve} in [${lo}, ${hi}] gives power ${target} for this ${spec.test} design (the power runs from ${Number(flo + target).toPrecision(6)} to ${Number(fhi + target).toPrecision(6)} there)`,
      );
    }
    solved = brentRoot(f, lo, hi, 0) as number;
  }
  const result: PwrResult = {
    test: spec.test,
    solve,
    alpha: solve === 'alpha' ? solved : alpha,
    power: solve === 'power' ? solved : power,
    ...values,
    ...(solve === 'alpha' || solve === 'power' ? {} : { [solve]: solved }),
  };
  if (spec.sided) result.alternative = alternative;
  if (SAMPLE_SIZES.has(solve)) result.rounded = roundUp(solved);
  return result;
}

/** Options of {@link solveOneProportion} (pwr.p.test): leave one of h, n, alpha, power out. */
export interface OneProportionOptions {
  /** Cohen's h = 2·asin√p − 2·asin√p0 (`cohensH(p, p0)`). */
  h?: number;
  n?: number;
  /** Default 0.05. */
  alpha?: number;
  power?: number;
  /** Default 'two-sided'. */
  alternative?: PwrAlternative;
  /** The argument to find; default the one left out. */
  solve?: 'h' | 'n' | 'alpha' | 'power';
}

/**
 * One proportion against a reference value, on the arcsine scale (R `pwr.p.test`): power
 * Φ(h√n − z), or any one of h, n, alpha, power from the others.
 *
 * @example
 * import { cohensH, solveOneProportion } from '@ds/sample-size';
 * // R: pwr.p.test(h = ES.h(0.65, 0.5), power = 0.8)$n gives 84.54397 (to uniroot's 4 digits)
 * solveOneProportion({ h: cohensH(0.65, 0.5), power: 0.8 }).n; // => 84.54397
 * solveOneProportion({ h: 0.2, n: 100, alternative: 'greater' }).power; // => 0.6388
 */
export function solveOneProportion(options: OneProportionOptions): PwrResult {
  return solvePwr('p', options);
}

/** Options of {@link solveNormalMean} (pwr.norm.test): leave one of d, n, alpha, power out. */
export interface NormalMeanOptions {
  /** (mean − mu0) / sd, sd known. */
  d?: number;
  n?: number;
  alpha?: number;
  power?: number;
  alternative?: PwrAlternative;
  solve?: 'd' | 'n' | 'alpha' | 'power';
}

/**
 * A mean against mu0 with known variance (R `pwr.norm.test`): the z test's power Φ(d√n − z), or
 * any one of d, n, alpha, power.
 *
 * @example
 * import { solveNormalMean } from '@ds/sample-size';
 * // R: pwr.norm.test(d = 0.3, power = 0.8, alternative = "greater")
 * solveNormalMean({ d: 0.3, power: 0.8, alternative: 'greater' }).n; // => 68.70
 */
export function solveNormalMean(options: NormalMeanOptions): PwrResult {
  return solvePwr('norm', options);
}

/** Options of {@link solveCorrelation} (pwr.r.test): leave one of r, n, alpha, power out. */
export interface CorrelationOptions {
  /** The correlation, in (−1, 1). */
  r?: number;
  n?: number;
  alpha?: number;
  power?: number;
  alternative?: PwrAlternative;
  solve?: 'r' | 'n' | 'alpha' | 'power';
}

/**
 * A Pearson correlation against 0 (R `pwr.r.test`): pwr's approximation through Fisher's z with
 * the bias term r / (2(n − 1)) and the critical r of the t test, or any one of r, n, alpha, power.
 *
 * @example
 * import { solveCorrelation } from '@ds/sample-size';
 * // R: pwr.r.test(r = 0.3, power = 0.8)
 * solveCorrelation({ r: 0.3, power: 0.8 }).n; // => 84.07
 */
export function solveCorrelation(options: CorrelationOptions): PwrResult {
  return solvePwr('r', options);
}

/** Options of {@link solveChiSquare} (pwr.chisq.test): leave one of w, N, alpha, power out (df is always given). */
export interface ChiSquareOptions {
  /** Cohen's w. */
  w?: number;
  /** Total number of observations. */
  N?: number;
  /** Degrees of freedom. */
  df: number;
  alpha?: number;
  power?: number;
  solve?: 'w' | 'N' | 'alpha' | 'power';
}

/**
 * A chi-square test of goodness of fit or independence (R `pwr.chisq.test`): the noncentral
 * chi-square with noncentrality N·w², or any one of w, N, alpha, power.
 *
 * @example
 * import { solveChiSquare } from '@ds/sample-size';
 * // R: pwr.chisq.test(w = 0.3, df = 2, power = 0.8)
 * solveChiSquare({ w: 0.3, df: 2, power: 0.8 }).N; // => 107.05
 */
export function solveChiSquare(options: ChiSquareOptions): PwrResult {
  return solvePwr('chisq', options);
}

/** Options of {@link solveAnova} (pwr.anova.test): leave one of k, n, f, alpha, power out. */
export interface AnovaOptions {
  /** Number of groups. */
  k?: number;
  /** Size of each group. */
  n?: number;
  /** Cohen's f. */
  f?: number;
  alpha?: number;
  power?: number;
  solve?: 'k' | 'n' | 'f' | 'alpha' | 'power';
}

/**
 * Balanced one-way analysis of variance (R `pwr.anova.test`): the noncentral F with k − 1 and
 * (n − 1)k degrees of freedom and noncentrality k·n·f², or any one of k, n, f, alpha, power.
 *
 * @example
 * import { solveAnova } from '@ds/sample-size';
 * // R: pwr.anova.test(k = 4, f = 0.25, power = 0.8)
 * solveAnova({ k: 4, f: 0.25, power: 0.8 }).n; // => 44.60
 */
export function solveAnova(options: AnovaOptions): PwrResult {
  return solvePwr('anova', options);
}

/** Options of {@link solveRegression} (pwr.f2.test): leave one of u, v, f2, alpha, power out. */
export interface RegressionOptions {
  /** Numerator degrees of freedom (the predictors tested). */
  u?: number;
  /** Denominator degrees of freedom (n − u − 1 for the full model). */
  v?: number;
  /** Cohen's f² = R² / (1 − R²). */
  f2?: number;
  alpha?: number;
  power?: number;
  solve?: 'u' | 'v' | 'f2' | 'alpha' | 'power';
}

/**
 * The F test of a multiple regression (R `pwr.f2.test`): the noncentral F with u and v degrees of
 * freedom and noncentrality f²(u + v + 1), or any one of u, v, f2, alpha, power.
 *
 * @example
 * import { solveRegression } from '@ds/sample-size';
 * // R: pwr.f2.test(u = 3, f2 = 0.15, power = 0.8)
 * solveRegression({ u: 3, f2: 0.15, power: 0.8 }).v; // => 72.71
 */
export function solveRegression(options: RegressionOptions): PwrResult {
  return solvePwr('f2', options);
}
