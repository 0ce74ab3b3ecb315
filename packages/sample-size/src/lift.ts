// Effects as product teams state them: a relative lift over a baseline ("+5% conversion"), for a
// proportion or a mean, and a mean metric's baseline and spread taken from observed (pre-period)
// values. The tests are the package's own: R's power.prop.test conventions for proportions and
// the two-sample t test (pwr.t.test, power.t.test) for means.

import { checkNumber, checkOneOf, checkOptions } from './check.js';
import { SampleSizeError } from './errors.js';
import type { Alternative } from './proportions-types.js';
import { solveTTest } from './t-test.js';
import { detectableDifference, sampleSizeTwoProportions } from './two-proportions.js';

/**
 * Most observed values read by {@link meanMetric} (and the lift functions' `values`): beyond this
 * a summary (mean, sd) is the input.
 *
 * @example
 * import { MAX_VALUES } from '@ds/sample-size';
 * MAX_VALUES; // => 10000000
 */
export const MAX_VALUES = 10_000_000;

/** A mean metric summarised from observations. */
export interface MeanMetric {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  sd: number;
}

/**
 * The mean and sample standard deviation of observed values (a pre-period of the metric): the
 * mean by a compensated sum, the sd from the deviations to it (two passes), so a large array with
 * a large mean loses no digits to cancellation.
 *
 * @throws {SampleSizeError} for fewer than 2 values, a value that is not a finite number, more
 *   than 10^7 values, or values whose spread overflows
 *
 * @example
 * import { meanMetric } from '@ds/sample-size';
 * meanMetric({ values: [12, 15, 9, 14, 10] }); // => { n: 5, mean: 12, sd: 2.5495 }
 */
export function meanMetric(options: { values: readonly number[] }): MeanMetric {
  const o = checkOptions<{ values: readonly number[] }>('options', options, true) as Record<string, unknown>;
  return summarise(o.values);
}

function summarise(values: unknown): MeanMetric {
  if (!Array.isArray(values)) throw new SampleSizeError('invalid-type', 'values', values, 'an array of finite numbers');
  if (values.length < 2) throw new SampleSizeError('out-of-range', 'values', values, 'at least 2 values');
  if (values.length > MAX_VALUES)
    throw new SampleSizeError('too-large', 'values', values.length, `at most ${MAX_VALUES} values (give mean and sd instead)`);
  // Two passes: the mean by Neumaier's compensated sum, then the squared deviations from it.
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new SampleSizeError(typeof x === 'number' ? 'out-of-range' : 'invalid-type', `values[${i}]`, x, 'a finite number');
    const t = sum + x;
    carry += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  const mean = (sum + carry) / values.length;
  let m2 = 0;
  for (const x of values as number[]) m2 += (x - mean) * (x - mean);
  const sd = Math.sqrt(m2 / (values.length - 1));
  if (!Number.isFinite(sd) || !Number.isFinite(mean))
    throw new SampleSizeError('out-of-range', 'values', values, 'values whose mean and spread are finite in double precision');
  return { n: values.length, mean, sd };
}

/** Options of {@link minimumDetectableLift} and {@link sampleSizeForLift}. */
export interface LiftOptions {
  /** 'proportion' (a rate such as conversion) or 'mean' (revenue per user, time on page). */
  metric: 'proportion' | 'mean';
  /** The control's rate (in (0, 1)) or mean (not 0). Taken from `values` when those are given. */
  baseline?: number;
  /** Standard deviation of a mean metric (> 0), unless `values` are given. */
  sd?: number;
  /** Observed values of a mean metric (a pre-period): baseline and sd from them. */
  values?: readonly number[];
  /** n2 / n1. Default 1. */
  ratio?: number;
  /** Default 0.05. */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
  /** Default 'two-sided'. */
  alternative?: Alternative;
}

/** Options of {@link minimumDetectableLift}. */
export interface MinimumDetectableLiftOptions extends LiftOptions {
  /** The control group's size (the other is ratio × n1). */
  n1: number;
}

/** The smallest lift a design detects. */
export interface MinimumDetectableLift {
  metric: 'proportion' | 'mean';
  baseline: number;
  /** The treatment's rate or mean at the minimum detectable effect. */
  detectable: number;
  /** detectable − baseline. */
  absolute: number;
  /** (detectable − baseline) / |baseline|: 0.05 is a 5% lift. */
  relative: number;
  sd: number | null;
  n1: number;
  n2: number;
  alpha: number;
  power: number;
}

/** The shared options, checked here so the errors name them as the caller wrote them. */
function commonOf(o: Record<string, unknown>): Record<string, unknown> {
  const common: Record<string, unknown> = {};
  if (o.ratio !== undefined) common.ratio = checkNumber('ratio', o.ratio, { min: 0.01, max: 100 });
  if (o.alpha !== undefined) common.alpha = o.alpha;
  if (o.power !== undefined) common.power = o.power;
  if (o.alternative !== undefined) common.alternative = o.alternative;
  return common;
}

/** Runs an inner solver, renaming its arguments to this function's (d and p2 are the lift's). */
function renamed<T>(names: Record<string, string>, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof SampleSizeError && names[e.argument] !== undefined) {
      throw new SampleSizeError(e.code, names[e.argument] as string, e.value, e.expected, undefined, { cause: e });
    }
    throw e;
  }
}

interface Base {
  metric: 'proportion' | 'mean';
  baseline: number;
  sd: number | null;
}

function baseOf(o: Record<string, unknown>): Base {
  const metric = checkOneOf('metric', o.metric, ['proportion', 'mean'] as const);
  if (metric === 'proportion') {
    if (o.values !== undefined || o.sd !== undefined)
      throw new SampleSizeError(
        'conflict',
        o.values !== undefined ? 'values' : 'sd',
        o.values ?? o.sd,
        "left out for metric 'proportion'",
      );
    return { metric, baseline: checkNumber('baseline', o.baseline, { min: 0, max: 1, open: true }), sd: null };
  }
  if (o.values !== undefined) {
    if (o.baseline !== undefined || o.sd !== undefined)
      throw new SampleSizeError(
        'conflict',
        o.baseline !== undefined ? 'baseline' : 'sd',
        o.baseline ?? o.sd,
        'left out when values are given',
      );
    const m = summarise(o.values);
    if (m.mean === 0)
      throw new SampleSizeError('out-of-range', 'values', o.values, 'values with a mean other than 0 (a lift is relative to it)');
    if (!(m.sd > 0)) throw new SampleSizeError('out-of-range', 'values', o.values, 'values that are not all equal (sd > 0)');
    return { metric, baseline: m.mean, sd: m.sd };
  }
  const baseline = checkNumber('baseline', o.baseline);
  if (baseline === 0)
    throw new SampleSizeError('out-of-range', 'baseline', baseline, 'a mean other than 0 (a lift is relative to it)');
  const sd = checkNumber('sd', o.sd, { min: 0, open: 'min' });
  return { metric, baseline, sd };
}

/**
 * The minimum detectable effect of a design as a relative lift over the baseline: for a
 * proportion, the p2 that R's `power.prop.test(n = n1, p1 = baseline, power = power)` solves for
 * (above the baseline; below it with `alternative: 'less'`); for a mean, the difference
 * `power.t.test(n = n1, sd = sd, power = power)` solves for, over the baseline. A mean metric's
 * baseline and sd may come from observed values.
 *
 * @throws {SampleSizeError} for a baseline outside (0, 1) (proportion) or of 0 (mean), a missing
 *   or non-positive sd, or sizes too small for the power
 *
 * @example
 * import { minimumDetectableLift } from '@ds/sample-size';
 * // 5,000 per group on a 4% conversion: R power.prop.test(n = 5000, p1 = 0.04, power = 0.8)$p2
 * const p = minimumDetectableLift({ metric: 'proportion', baseline: 0.04, n1: 5000 });
 * [p.detectable, p.relative]; // => [0.05172, 0.2930]
 * // Revenue per user, mean 25 and sd 40: R power.t.test(n = 5000, sd = 40, power = 0.8)$delta
 * minimumDetectableLift({ metric: 'mean', baseline: 25, sd: 40, n1: 5000 }).relative; // => 0.08966
 */
export function minimumDetectableLift(options: MinimumDetectableLiftOptions): MinimumDetectableLift {
  const o = checkOptions<MinimumDetectableLiftOptions>('options', options, true) as Record<string, unknown>;
  const b = baseOf(o);
  const n1 = checkNumber('n1', o.n1, { min: 2, max: 1e12 });
  const common = { n1, ...commonOf(o) };
  let detectable: number;
  let n2: number;
  let alpha: number;
  let power: number;
  if (b.metric === 'proportion') {
    const r = renamed({ p1: 'baseline' }, () => detectableDifference({ p1: b.baseline, ...common } as never));
    detectable = r.p2 as number;
    n2 = r.n2;
    alpha = r.alpha as number;
    power = r.targetPower ?? r.power;
  } else {
    const r = renamed({}, () => solveTTest({ solve: 'd', ...common } as never));
    detectable = b.baseline + (r.alternative === 'less' ? -1 : 1) * Math.abs(r.d) * (b.sd as number);
    n2 = r.n2;
    alpha = r.alpha as number;
    power = r.targetPower ?? r.power;
  }
  const absolute = detectable - b.baseline;
  if (!Number.isFinite(absolute / b.baseline))
    throw new SampleSizeError(
      'out-of-range',
      'baseline',
      b.baseline,
      'a baseline from which a relative lift is finite (not near 0)',
    );
  return {
    metric: b.metric,
    baseline: b.baseline,
    detectable,
    absolute,
    relative: absolute / Math.abs(b.baseline),
    sd: b.sd,
    n1,
    n2,
    alpha,
    power,
  };
}

/** Options of {@link sampleSizeForLift}. */
export interface SampleSizeForLiftOptions extends LiftOptions {
  /** The relative lift to detect: 0.05 for +5% over the baseline (negative for a drop). */
  lift: number;
}

/** Group sizes for a relative lift. */
export interface SampleSizeForLift {
  metric: 'proportion' | 'mean';
  baseline: number;
  lift: number;
  /** The treatment's rate or mean: baseline × (1 + lift). */
  target: number;
  sd: number | null;
  /** n1 before rounding up. */
  n1Exact: number;
  n1: number;
  n2: number;
  total: number;
  /** Power at the rounded sizes. */
  power: number;
}

/**
 * Group sizes to detect a relative lift over the baseline: for a proportion R's
 * `power.prop.test(p1 = baseline, p2 = baseline × (1 + lift), power = power)`, for a mean the
 * two-sample t test's `pwr.t.test(d = lift × baseline / sd, power = power)`, with the mean's
 * baseline and sd given or taken from observed values.
 *
 * @throws {SampleSizeError} for a lift of 0, a target rate outside (0, 1), or as
 *   {@link minimumDetectableLift}
 *
 * @example
 * import { sampleSizeForLift } from '@ds/sample-size';
 * // +10% on a 4% conversion (4% to 4.4%)
 * sampleSizeForLift({ metric: 'proportion', baseline: 0.04, lift: 0.1 }).n1; // => 39475
 * // +5% on the mean of a pre-period
 * sampleSizeForLift({ metric: 'mean', values: [12, 15, 9, 14, 10], lift: 0.05 }).n1; // => 285
 */
export function sampleSizeForLift(options: SampleSizeForLiftOptions): SampleSizeForLift {
  const o = checkOptions<SampleSizeForLiftOptions>('options', options, true) as Record<string, unknown>;
  const b = baseOf(o);
  const lift = checkNumber('lift', o.lift, { min: -1, max: 1e6, open: 'min' });
  if (lift === 0) throw new SampleSizeError('out-of-range', 'lift', lift, 'a lift other than 0');
  const target = b.baseline * (1 + lift);
  const common = commonOf(o);
  if (b.metric === 'proportion') {
    if (!(target > 0 && target < 1))
      throw new SampleSizeError(
        'out-of-range',
        'lift',
        lift,
        `a lift that keeps the rate in (0, 1) (baseline × (1 + lift) = ${target})`,
      );
    const r = renamed({ p1: 'baseline', p2: 'lift' }, () =>
      sampleSizeTwoProportions({ p1: b.baseline, p2: target, ...common } as never),
    );
    return {
      metric: b.metric,
      baseline: b.baseline,
      lift,
      target,
      sd: null,
      n1Exact: r.n1Exact as number,
      n1: r.n1,
      n2: r.n2,
      total: r.n1 + r.n2,
      power: r.power,
    };
  }
  const d = (target - b.baseline) / (b.sd as number);
  if (target === b.baseline)
    throw new SampleSizeError('out-of-range', 'lift', lift, 'a lift that changes the baseline in double precision');
  const r = renamed({ d: 'lift' }, () => solveTTest({ solve: 'n', d, ...common } as never));
  return {
    metric: b.metric,
    baseline: b.baseline,
    lift,
    target,
    sd: b.sd,
    n1Exact: r.n1Exact as number,
    n1: r.n1,
    n2: r.n2,
    total: r.total,
    power: r.power,
  };
}
