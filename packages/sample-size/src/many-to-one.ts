// Several treatment arms against one control: Dunnett's many-to-one comparisons (Dunnett 1955)
// and Bonferroni's bound, their critical values, power (any arm, all arms) and sample sizes.
//
// With arms i = 1..k of n_i = r_i·n_0 units and a control of n_0, the statistics
// Z_i = (mean_i − mean_0) / (σ·√(1/n_i + 1/n_0)) share the control's mean, so they are normal with
// correlation λ_i·λ_j, λ_i = √(r_i / (1 + r_i)). That product structure lets every probability be
// a one-dimensional integral over the control's common part X: Z_i = μ_i + λ_i·X + √(1 − λ_i²)·E_i
// with X, E_i independent standard normals, so P(all Z_i ≤ c) = ∫ φ(x) Π Φ((c − μ_i − λ_i x) / s_i) dx
// (s_i = √(1 − λ_i²)). With an estimated variance (df degrees of freedom) the T_i = Z_i / S,
// S = √(χ²_df / df), and the probability is that integral at c·s averaged over the density of S.
// Both integrals are composite Gauss–Legendre rules on panels narrower than the integrand's scale.

import { checkNumber, checkOneOf, checkOptions } from './check.js';
import { SampleSizeError } from './errors.js';
import { normalCdfRational as normalCdf, normalQuantile } from './normal.js';
import { brentRoot, roundUp } from './root.js';
import { logGamma, tQuantileUpper } from './student-t.js';

/** Dunnett's joint bound or Bonferroni's per-comparison one. */
export type ManyToOneMethod = 'dunnett' | 'bonferroni';

/** Options shared by the many-to-one functions. */
export interface ManyToOneOptions {
  /** Number of treatment arms compared with the control, 1 to 50. */
  arms: number;
  /** Familywise type I error, in [1e-10, 0.5). Default 0.05. */
  alpha?: number;
  /** Default 'two-sided' (reject when |z| ≥ bound); 'one-sided' rejects when z ≥ bound. */
  alternative?: 'one-sided' | 'two-sided';
  /** Allocation n_i / n_0: one ratio for every arm, or one per arm. Default 1, in [0.01, 100]. */
  ratio?: number | readonly number[];
  /** Degrees of freedom of an estimated variance (t statistics), ≥ 1; leave out for a known variance (normal). */
  df?: number;
  /** Default 'dunnett'. */
  method?: ManyToOneMethod;
}

/** A many-to-one bound. */
export interface ManyToOneBound {
  method: ManyToOneMethod;
  arms: number;
  alpha: number;
  alternative: 'one-sided' | 'two-sided';
  /** Allocation ratio of each arm to the control. */
  ratios: number[];
  /** Degrees of freedom, or null for a known variance. */
  df: number | null;
  /** Reject arm i when z_i (two-sided: |z_i|) is at least this. */
  criticalValue: number;
}

/**
 * Most treatment arms accepted (the integrals' cost grows with the arms).
 *
 * @example
 * import { MAX_ARMS } from '@ds/sample-size';
 * MAX_ARMS; // => 50
 */
export const MAX_ARMS = 50;

// ---------------------------------------------------------------------------------------------
// Quadrature

/** Nodes and weights of the 10-point Gauss–Legendre rule on [−1, 1], by Newton's method on P_10. */
const GL = (() => {
  const n = 10;
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let j = 2; j <= n; j++) {
        const p2 = ((2 * j - 1) * z * p1 - (j - 1) * p0) / j;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const step = p1 / dp;
      z -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    x.push(z);
    w.push(2 / ((1 - z * z) * dp * dp));
  }
  return { x, w };
})();

/** ∫ f over [a, b] by the 10-point rule on `panels` equal panels. */
function integrate(f: (x: number) => number, a: number, b: number, panels: number): number {
  const h = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < 10; i++) sum += (GL.w[i] as number) * f(mid + 0.5 * h * (GL.x[i] as number));
  }
  return 0.5 * h * sum;
}

const INV_SQRT_2PI = 0.3989422804014327;
/** Beyond ±9 the standard normal density is below 3e-18. */
const REACH = 9;

interface Structure {
  lambda: number[];
  s: number[];
  /** Panels over the control's component: each at most 1.5 times the narrowest kernel's scale s_i / λ_i wide. */
  panels: number;
}

function structure(ratios: readonly number[]): Structure {
  const lambda = ratios.map((r) => Math.sqrt(r / (1 + r)));
  const s = ratios.map((r) => Math.sqrt(1 / (1 + r)));
  let narrowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ratios.length; i++) narrowest = Math.min(narrowest, (s[i] as number) / (lambda[i] as number));
  const panels = Math.min(400, Math.max(12, Math.ceil((2 * REACH) / Math.min(1.5, 1.5 * narrowest))));
  return { lambda, s, panels };
}

/**
 * With known variance: P(every Z_i below b), or (`event` 'inside') every |Z_i| < b, or ('above')
 * every Z_i ≥ b, or ('outside') every |Z_i| ≥ b; the Z_i have means mu.
 */
type Event = 'below' | 'inside' | 'above' | 'outside';

function normalJoint(st: Structure, b: number, mu: readonly number[], event: Event): number {
  const { lambda, s } = st;
  const k = lambda.length;
  return integrate(
    (x) => {
      let prod = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
      for (let i = 0; i < k && prod > 0; i++) {
        const m = (mu[i] as number) + (lambda[i] as number) * x;
        const si = s[i] as number;
        let p: number;
        if (event === 'below') p = normalCdf((b - m) / si);
        else if (event === 'above') p = normalCdf((m - b) / si);
        else if (event === 'inside') p = normalCdf((b - m) / si) - normalCdf((-b - m) / si);
        else p = normalCdf((m - b) / si) + normalCdf((-b - m) / si);
        prod *= p;
      }
      return prod;
    },
    -REACH,
    REACH,
    st.panels,
  );
}

/** The same with T_i = Z_i / S, S = √(χ²_df / df): the normal probability at b·s, averaged over S. */
function joint(st: Structure, b: number, mu: readonly number[], event: Event, df: number | null): number {
  if (df === null) return normalJoint(st, b, mu, event);
  const half = df / 2;
  const logConst = Math.LN2 + half * Math.log(half) - logGamma(half);
  const spread = REACH / Math.sqrt(df);
  const lo = Math.max(0, 1 - spread);
  const hi = 1 + 1.2 * spread;
  const density = (s: number) => (s <= 0 ? 0 : Math.exp(logConst + (df - 1) * Math.log(s) - half * s * s));
  return integrate((s) => density(s) * normalJoint(st, b * s, mu, event), lo, hi, 8);
}

// ---------------------------------------------------------------------------------------------
// Input

interface Parsed {
  arms: number;
  alpha: number;
  sided: 1 | 2;
  alternative: 'one-sided' | 'two-sided';
  ratios: number[];
  df: number | null;
  method: ManyToOneMethod;
}

function parse(o: Record<string, unknown>): Parsed {
  const arms = checkNumber('arms', o.arms, { min: 1, max: MAX_ARMS, integer: true });
  const alpha = o.alpha === undefined ? 0.05 : checkNumber('alpha', o.alpha, { min: 1e-10, max: 0.5, open: 'max' });
  const alternative =
    o.alternative === undefined ? 'two-sided' : checkOneOf('alternative', o.alternative, ['one-sided', 'two-sided'] as const);
  const method = o.method === undefined ? 'dunnett' : checkOneOf('method', o.method, ['dunnett', 'bonferroni'] as const);
  let ratios: number[];
  if (o.ratio === undefined) ratios = new Array(arms).fill(1);
  else if (Array.isArray(o.ratio)) {
    if (o.ratio.length !== arms)
      throw new SampleSizeError('conflict', 'ratio', o.ratio, `one ratio per arm (${arms}), or a single number`);
    ratios = o.ratio.map((r, i) => checkNumber(`ratio[${i}]`, r, { min: 0.01, max: 100 }));
  } else ratios = new Array(arms).fill(checkNumber('ratio', o.ratio, { min: 0.01, max: 100 }));
  const df = o.df === undefined ? null : checkNumber('df', o.df, { min: 1, max: 1e7 });
  return { arms, alpha, sided: alternative === 'two-sided' ? 2 : 1, alternative, ratios, df, method };
}

function boundOf(p: Parsed, st: Structure): number {
  if (p.method === 'bonferroni') {
    const each = p.alpha / (p.arms * p.sided);
    return p.df === null ? normalQuantile(each, true) : tQuantileUpper(each, p.df);
  }
  const zero = new Array(p.arms).fill(0);
  const event: Event = p.sided === 2 ? 'inside' : 'below';
  const f = (c: number) => joint(st, c, zero, event, p.df) - (1 - p.alpha);
  // Between the single comparison's bound and Bonferroni's (Šidák's inequality), widened a little.
  const each = p.alpha / (p.arms * p.sided);
  const single = p.alpha / p.sided;
  const q = (a: number) => (p.df === null ? normalQuantile(a, true) : tQuantileUpper(a, p.df));
  return brentRoot(f, q(single) - 1e-3, q(each) + 1e-3, 1e-12) as number;
}

/**
 * The critical value of Dunnett's many-to-one comparisons (or Bonferroni's): reject arm i when its
 * z (two-sided: |z|) against the control is at least this, and the chance of any false rejection
 * is alpha. Dunnett's comes from the joint distribution of the k statistics, which share the
 * control (correlation λ_i·λ_j, λ_i = √(r_i / (1 + r_i))); with `df` the statistics are t's.
 * Checked against SciPy (`multivariate_normal.cdf` and quadrature) in
 * `test/reference/many-to-one.py`.
 *
 * @throws {SampleSizeError} for arms outside 1..50, alpha outside (0, 0.5), a ratio outside
 *   [0.01, 100], or df < 1
 *
 * @example
 * import { manyToOneCriticalValue } from '@ds/sample-size';
 * // Three arms, equal sizes, two-sided 5%: Dunnett's table gives 2.35 (2.349 in SciPy)
 * manyToOneCriticalValue({ arms: 3 }).criticalValue; // => 2.3490
 * manyToOneCriticalValue({ arms: 3, method: 'bonferroni' }).criticalValue; // => 2.3940
 * // With 60 degrees of freedom for the variance (Dunnett's table: 2.41)
 * manyToOneCriticalValue({ arms: 3, df: 60 }).criticalValue; // => 2.4099
 */
export function manyToOneCriticalValue(options: ManyToOneOptions): ManyToOneBound {
  const o = checkOptions<ManyToOneOptions>('options', options, true) as Record<string, unknown>;
  const p = parse(o);
  const st = structure(p.ratios);
  return {
    method: p.method,
    arms: p.arms,
    alpha: p.alpha,
    alternative: p.alternative,
    ratios: p.ratios,
    df: p.df,
    criticalValue: boundOf(p, st),
  };
}

/** Options of {@link manyToOnePower}. */
export interface ManyToOnePowerOptions extends ManyToOneOptions {
  /** The expected z of each arm against the control: effect / (σ·√(1/n_i + 1/n_0)). */
  shift: readonly number[];
}

/** Power of many-to-one comparisons. */
export interface ManyToOnePower extends ManyToOneBound {
  /** P(at least one arm rejected) (two-sided: in either direction). */
  anyArm: number;
  /** P(every arm rejected). */
  allArms: number;
}

function powers(p: Parsed, st: Structure, c: number, shift: readonly number[]): { anyArm: number; allArms: number } {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const anyArm = clamp(1 - joint(st, c, shift, p.sided === 2 ? 'inside' : 'below', p.df));
  const allArms = clamp(joint(st, c, shift, p.sided === 2 ? 'outside' : 'above', p.df));
  return { anyArm, allArms };
}

/**
 * The power of many-to-one comparisons at given expected z's: the chance that at least one arm is
 * declared different from the control (`anyArm`), and that every arm is (`allArms`).
 *
 * @throws {SampleSizeError} as {@link manyToOneCriticalValue}, and for a shift that is not one
 *   finite number per arm
 *
 * @example
 * import { manyToOnePower } from '@ds/sample-size';
 * const p = manyToOnePower({ arms: 2, alternative: 'one-sided', alpha: 0.025, shift: [3, 3] });
 * p.criticalValue; // => 2.2121
 * p.anyArm; // => 0.9030
 * p.allArms; // => 0.6662
 */
export function manyToOnePower(options: ManyToOnePowerOptions): ManyToOnePower {
  const o = checkOptions<ManyToOnePowerOptions>('options', options, true) as Record<string, unknown>;
  const p = parse(o);
  if (!Array.isArray(o.shift) || o.shift.length !== p.arms)
    throw new SampleSizeError('invalid-type', 'shift', o.shift, `an array of ${p.arms} expected z values, one per arm`);
  const shift = o.shift.map((x, i) => checkNumber(`shift[${i}]`, x, { min: -40, max: 40 }));
  const st = structure(p.ratios);
  const c = boundOf(p, st);
  return {
    method: p.method,
    arms: p.arms,
    alpha: p.alpha,
    alternative: p.alternative,
    ratios: p.ratios,
    df: p.df,
    criticalValue: c,
    ...powers(p, st, c, shift),
  };
}

/** Options of {@link sampleSizeManyToOne}. */
export interface ManyToOneSampleSizeOptions extends Omit<ManyToOneOptions, 'df'> {
  /** Standardised effect of each arm against the control (difference in means / σ): one for all, or one per arm. */
  d: number | readonly number[];
  /** Default 0.8. */
  power?: number;
  /** Power to reject at least one arm ('any', default) or every arm ('all'). */
  goal?: 'any' | 'all';
  /** Plan for t statistics on the pooled variance (df = total − arms − 1). Default false (known variance). */
  estimatedVariance?: boolean;
}

/** Sample sizes for many-to-one comparisons. */
export interface ManyToOneSampleSize extends ManyToOnePower {
  goal: 'any' | 'all';
  /** The control's size before rounding up. */
  controlExact: number;
  /** The control's size, rounded up. */
  control: number;
  /** Each arm's size: ⌈ratio_i × control⌉. */
  perArm: number[];
  /** All units, control included. */
  total: number;
  /** The power asked for; `anyArm` / `allArms` are those at the rounded sizes. */
  targetPower: number;
}

/**
 * The sample size for several arms against a control: the control's n_0 (each arm n_i =
 * ratio_i·n_0) at which Dunnett's (or Bonferroni's) comparisons reach the power, for rejecting at
 * least one arm or every arm. With `estimatedVariance` the statistics are t's with the pooled
 * variance's degrees of freedom.
 *
 * @throws {SampleSizeError} as {@link manyToOneCriticalValue}, for d = 0 in an arm when every arm
 *   must be rejected, or when no size up to 10^9 per group reaches the power
 *
 * @example
 * import { sampleSizeManyToOne } from '@ds/sample-size';
 * // Three arms, each 0.3 SD better than the control, two-sided 5%, 80% power for any arm
 * const plan = sampleSizeManyToOne({ arms: 3, d: 0.3 });
 * [plan.control, plan.perArm[0], plan.total]; // => [139, 139, 556]
 * // Every arm detected
 * sampleSizeManyToOne({ arms: 3, d: 0.3, goal: 'all' }).control; // => 303
 */
export function sampleSizeManyToOne(options: ManyToOneSampleSizeOptions): ManyToOneSampleSize {
  const o = checkOptions<ManyToOneSampleSizeOptions>('options', options, true) as Record<string, unknown>;
  if (o.df !== undefined) throw new SampleSizeError('conflict', 'df', o.df, 'left out (set estimatedVariance instead)');
  const p = parse(o);
  const power = o.power === undefined ? 0.8 : checkNumber('power', o.power, { min: 0, max: 1, open: true });
  if (!(power > p.alpha)) throw new SampleSizeError('conflict', 'power', power, `greater than alpha (${p.alpha})`);
  const goal = o.goal === undefined ? 'any' : checkOneOf('goal', o.goal, ['any', 'all'] as const);
  const estimated = o.estimatedVariance === undefined ? false : o.estimatedVariance;
  if (typeof estimated !== 'boolean') throw new SampleSizeError('invalid-type', 'estimatedVariance', estimated, 'true or false');
  let d: number[];
  if (Array.isArray(o.d)) {
    if (o.d.length !== p.arms)
      throw new SampleSizeError('conflict', 'd', o.d, `one effect per arm (${p.arms}), or a single number`);
    d = o.d.map((x, i) => checkNumber(`d[${i}]`, x, { min: -100, max: 100 }));
  } else d = new Array(p.arms).fill(checkNumber('d', o.d, { min: -100, max: 100 }));
  if (p.sided === 1 ? d.every((x) => x <= 0) : d.every((x) => x === 0))
    throw new SampleSizeError(
      'out-of-range',
      'd',
      o.d,
      p.sided === 1 ? 'a positive effect in at least one arm' : 'an effect other than 0 in at least one arm',
    );
  if (goal === 'all' && d.some((x) => (p.sided === 1 ? x <= 0 : x === 0)))
    throw new SampleSizeError('conflict', 'd', o.d, `an effect in every arm when goal is 'all'`);
  const st = structure(p.ratios);
  const lambda = st.lambda;
  const totalOf = (n0: number) => n0 * (1 + p.ratios.reduce((s, r) => s + r, 0));
  const solve = (withT: boolean, from: number | null): number => {
    const f = (n0: number) => {
      const q: Parsed = { ...p, df: withT ? Math.max(1, totalOf(n0) - p.arms - 1) : null };
      const c = boundOf(q, st);
      const r = powers(
        q,
        st,
        c,
        d.map((x, i) => x * Math.sqrt(n0) * (lambda[i] as number)),
      );
      return (goal === 'any' ? r.anyArm : r.allArms) - power;
    };
    // Known variance: bracket by factors of 4. Estimated: the t answer is a little above the
    // normal one (the t bound is higher and its tails heavier), so bracket just above it.
    const minimum = withT ? (p.arms + 2) / totalOf(1) : 1e-9;
    let lo = from === null ? 1 : Math.max(minimum, from);
    let hi = from === null ? 4 : Math.max(lo * 1.05, lo + 2);
    while (f(hi) < 0) {
      lo = hi;
      hi *= 4;
      if (hi > 1e9)
        throw new SampleSizeError(
          'no-solution',
          'power',
          power,
          'a power reached with at most 10^9 per group',
          `no control size up to 10^9 reaches power ${power}`,
        );
    }
    if (from === null) lo = Math.max(minimum, hi / 4);
    if (f(lo) >= 0) {
      // Below the bracket (tiny sizes): walk down to the smallest size that still reaches it.
      return from === null ? (brentRoot(f, minimum, lo, 1e-7) ?? lo) : lo;
    }
    return brentRoot(f, lo, hi, 1e-7) as number;
  };
  const normalN = solve(false, null);
  const controlExact = estimated ? solve(true, normalN) : normalN;
  const control = roundUp(controlExact);
  const perArm = p.ratios.map((r) => roundUp(r * control));
  const total = control + perArm.reduce((s, n) => s + n, 0);
  // Power at the rounded sizes: each arm's own n_i.
  const df = estimated ? total - p.arms - 1 : null;
  const realised = structure(perArm.map((n) => n / control));
  const q: Parsed = { ...p, ratios: perArm.map((n) => n / control), df };
  const c = boundOf(q, realised);
  const shift = d.map((x, i) => x / Math.sqrt(1 / (perArm[i] as number) + 1 / control));
  return {
    method: p.method,
    arms: p.arms,
    alpha: p.alpha,
    alternative: p.alternative,
    ratios: p.ratios,
    df,
    criticalValue: c,
    ...powers(q, realised, c, shift),
    goal,
    controlExact,
    control,
    perArm,
    total,
    targetPower: power,
  };
}
