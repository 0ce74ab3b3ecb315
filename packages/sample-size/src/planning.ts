// Planning helpers around the two-proportions solver: the baseline that needs the most people,
// several subgroups each powered under a multiplicity adjustment, and the time it takes to
// collect a sample at a known arrival rate.

import { checkOptions, isPlainObject } from './check.js';
import { checkAtLeast, checkOneOf, checkOpenUnit, SampleSizeError } from './errors.js';
import { sampleSizeTwoProportions, type TwoProportionsOptions, type TwoProportionsResult } from './two-proportions.js';

/** Options of {@link worstCaseBaseline}: a design without p1 and p2, and the difference to detect. */
export interface WorstCaseBaselineOptions extends Omit<TwoProportionsOptions, 'p1' | 'p2' | 'h'> {
  /** The rise to detect, p2 − p1, in (0, 1). */
  difference: number;
}

/**
 * The baseline p1 at which detecting a rise of `difference` (p2 = p1 + difference) needs the most
 * people, and that sample size: plan for it when the baseline is unknown. Found by golden-section
 * search on the fractional n over p1 in (0, 1 − difference); for the normal methods the peak sits
 * where p1 and p2 straddle one half. For the exact methods the search runs on the normal
 * approximation of the same test and the exact n is computed at the peak and 0.01 either side
 * (three exact designs: a bounded cost).
 *
 * @example
 * import { worstCaseBaseline } from '@ds/sample-size';
 * worstCaseBaseline({ difference: 0.02 }); // => { p1: 0.49, p2: 0.51, n1: 9810 }
 */
export function worstCaseBaseline(options: WorstCaseBaselineOptions): TwoProportionsResult {
  checkOptions('options', options, true);
  const { difference, ...design } = options;
  const d = checkOpenUnit('difference', difference);
  // The exact methods solve each n by enumeration (seconds per design at small differences): the
  // peak is searched on the normal approximation of the same test (the pooled z test for
  // 'exact-z', its continuity-corrected form for 'exact-fisher') and the exact n is then computed
  // at that p1 and at 0.01 either side, the largest kept. The exact n is flat there to within a
  // few people, and this bounds the work to three exact designs (was about 50, 18 s).
  const exact = design.method === 'exact-fisher' || design.method === 'exact-z';
  const searchMethod = design.method === 'exact-fisher' ? 'fleiss-cc' : design.method === 'exact-z' ? 'pooled' : design.method;
  const nAt = (p1: number) => sampleSizeTwoProportions({ ...design, method: searchMethod, p1, p2: p1 + d }).n1Exact;
  // Golden-section search for the maximum on (0, 1 − d).
  const g = (Math.sqrt(5) - 1) / 2;
  let a = 1e-6;
  let b = 1 - d - 1e-6;
  let c = b - g * (b - a);
  let e = a + g * (b - a);
  let fc = nAt(c);
  let fe = nAt(e);
  while (b - a > 1e-10) {
    if (fc > fe) {
      b = e;
      e = c;
      fe = fc;
      c = b - g * (b - a);
      fc = nAt(c);
    } else {
      a = c;
      c = e;
      fc = fe;
      e = a + g * (b - a);
      fe = nAt(e);
    }
  }
  // The peak is flat: p1 is only determined to about √ε, so report it to 6 decimals.
  const p1 = Number(((a + b) / 2).toFixed(6));
  if (!exact) return sampleSizeTwoProportions({ ...design, p1, p2: p1 + d });
  let worst: TwoProportionsResult | undefined;
  for (const q of [p1 - 0.01, p1, p1 + 0.01]) {
    const at = Number(q.toFixed(6));
    if (at <= 0 || at + d >= 1) continue;
    const r = sampleSizeTwoProportions({ ...design, p1: at, p2: at + d });
    if (worst === undefined || r.n1 > worst.n1) worst = r;
  }
  return worst ?? sampleSizeTwoProportions({ ...design, p1, p2: p1 + d });
}

/** How alpha is shared among subgroups. */
export type MultiplicityAdjustment = 'none' | 'bonferroni' | 'holm' | 'sidak';

/** One subgroup: its expected share of the people counted, and optionally its own proportions. */
export interface Subgroup {
  name: string;
  /** Expected share of arrivals that fall in this subgroup, in (0, 1]. */
  share: number;
  p1?: number;
  p2?: number;
}

/** Options of {@link subgroupSampleSize}. */
export interface SubgroupSampleSizeOptions extends TwoProportionsOptions {
  subgroups: Subgroup[];
  /** Default 'bonferroni'. */
  adjustment?: MultiplicityAdjustment;
}

/** One subgroup's plan. */
export interface SubgroupPlan {
  name: string;
  share: number;
  /** The subgroup's own sample size at the adjusted alpha. */
  design: TwoProportionsResult;
  /** People to count in arm 1 overall so this subgroup gets its n1: n1 / share, rounded up. */
  n1Overall: number;
  n2Overall: number;
}

/** The plan for all subgroups: the overall counts are set by the hungriest subgroup. */
export interface SubgroupSampleSizeResult {
  adjustment: MultiplicityAdjustment;
  /** The family-wise alpha asked for. */
  alpha: number;
  /** The per-subgroup alpha used for planning. */
  adjustedAlpha: number;
  subgroups: SubgroupPlan[];
  n1: number;
  n2: number;
  total: number;
  /** The subgroup that sets the overall size. */
  limitedBy: string;
}

/**
 * Sample size when every subgroup (by expected share of the people counted) must be powered on
 * its own, with alpha shared by Bonferroni (α/k), Šidák (1 − (1 − α)^(1/k)) or Holm. Holm's first
 * step tests at α/k, so a plan must assume it: Holm plans as Bonferroni and gains only at run time.
 *
 * @example
 * import { subgroupSampleSize } from '@ds/sample-size';
 * const plan = subgroupSampleSize({
 *   p1: 0.5, p2: 0.55,
 *   subgroups: [{ name: 'weekday', share: 0.7 }, { name: 'weekend', share: 0.3 }],
 * });
 * plan.adjustedAlpha; // => 0.025
 * plan.limitedBy; // => 'weekend'
 */
export function subgroupSampleSize(options: SubgroupSampleSizeOptions): SubgroupSampleSizeResult {
  checkOptions('options', options, true);
  const { subgroups, adjustment: adj, ...design } = options;
  const adjustment = checkOneOf('adjustment', adj ?? 'bonferroni', ['none', 'bonferroni', 'holm', 'sidak'] as const);
  if (!Array.isArray(subgroups) || subgroups.length === 0) {
    throw new SampleSizeError('invalid-type', 'subgroups', subgroups, 'a non-empty array of { name, share }');
  }
  const alpha = checkOpenUnit('alpha', design.alpha ?? 0.05);
  const k = subgroups.length;
  const adjustedAlpha = adjustment === 'none' ? alpha : adjustment === 'sidak' ? -Math.expm1(Math.log1p(-alpha) / k) : alpha / k;
  let shares = 0;
  const plans = subgroups.map((s, i) => {
    if (!isPlainObject(s)) throw new SampleSizeError('invalid-type', `subgroups[${i}]`, s, 'an object { name, share }');
    if (typeof s.name !== 'string') throw new SampleSizeError('invalid-type', `subgroups[${i}].name`, s.name, 'a string');
    const share = checkAtLeast(`subgroups[${i}].share`, s.share, 0, true);
    // A share so small that the overall size is not a finite number is no plan.
    if (!Number.isFinite(1 / share))
      throw new SampleSizeError('out-of-range', `subgroups[${i}].share`, share, 'in (0, 1], not vanishingly small');
    if (share > 1) throw new SampleSizeError('out-of-range', `subgroups[${i}].share`, share, 'in (0, 1]');
    shares += share;
    const result = sampleSizeTwoProportions({ ...design, p1: s.p1 ?? design.p1, p2: s.p2 ?? design.p2, alpha: adjustedAlpha });
    return {
      name: String(s.name),
      share,
      design: result,
      n1Overall: Math.ceil(result.n1 / share - 1e-9),
      n2Overall: Math.ceil(result.n2 / share - 1e-9),
    };
  });
  if (shares > 1 + 1e-9) throw new SampleSizeError('out-of-range', 'subgroups', shares, 'shares that add up to at most 1');
  let limiting = plans[0] as SubgroupPlan;
  for (const p of plans) if (p.n1Overall + p.n2Overall > limiting.n1Overall + limiting.n2Overall) limiting = p;
  const n1 = Math.max(...plans.map((p) => p.n1Overall));
  const n2 = Math.max(...plans.map((p) => p.n2Overall));
  return { adjustment, alpha, adjustedAlpha, subgroups: plans, n1, n2, total: n1 + n2, limitedBy: limiting.name };
}

/** Options of {@link collectionTime}. */
export interface CollectionTimeOptions {
  /** People to count in the first period (before). */
  n1: number;
  /** People to count in the second period (after). Default n1. */
  n2?: number;
  /** People passing the door per hour. */
  arrivalsPerHour: number;
  /** Share of arrivals that can be counted (e.g. the counter misses some), in (0, 1]. Default 1. */
  coverage?: number;
  /** Opening hours per day, to convert hours to days. Default 24. */
  hoursPerDay?: number;
}

/** How long the counting takes. */
export interface CollectionTimeResult {
  hours1: number;
  hours2: number;
  /** Both periods, one after the other. */
  hours: number;
  days: number;
  arrivalsPerHour: number;
  coverage: number;
  hoursPerDay: number;
}

/**
 * Hours (and days) needed to count n1 people before and n2 after at a steady arrival rate: the
 * expected waiting time n / (rate × coverage) of a Poisson stream, per period.
 *
 * @example
 * import { collectionTime } from '@ds/sample-size';
 * collectionTime({ n1: 3381, arrivalsPerHour: 120, hoursPerDay: 10 }); // => { hours1: 28.175, hours: 56.35, days: 5.635 }
 */
export function collectionTime(options: CollectionTimeOptions): CollectionTimeResult {
  checkOptions('options', options, true);
  const n1 = checkAtLeast('n1', options.n1, 0, true);
  const n2 = options.n2 === undefined ? n1 : checkAtLeast('n2', options.n2, 0, true);
  const arrivalsPerHour = checkAtLeast('arrivalsPerHour', options.arrivalsPerHour, 0, true);
  const coverage = options.coverage === undefined ? 1 : checkAtLeast('coverage', options.coverage, 0, true);
  if (coverage > 1) throw new SampleSizeError('out-of-range', 'coverage', coverage, 'in (0, 1]');
  const hoursPerDay = options.hoursPerDay === undefined ? 24 : checkAtLeast('hoursPerDay', options.hoursPerDay, 0, true);
  if (hoursPerDay > 24) throw new SampleSizeError('out-of-range', 'hoursPerDay', hoursPerDay, 'in (0, 24]');
  const rate = arrivalsPerHour * coverage;
  const hours1 = n1 / rate;
  const hours2 = n2 / rate;
  if (Number.isFinite(hours1 + hours2) && !Number.isFinite((hours1 + hours2) / hoursPerDay)) {
    throw new SampleSizeError('out-of-range', 'hoursPerDay', hoursPerDay, 'enough hours a day to end in a finite number of days');
  }
  if (!Number.isFinite((hours1 + hours2) / hoursPerDay)) {
    throw new SampleSizeError(
      'out-of-range',
      'arrivalsPerHour',
      arrivalsPerHour,
      'a rate at which the collection ends in a finite time',
    );
  }
  return {
    hours1,
    hours2,
    hours: hours1 + hours2,
    days: (hours1 + hours2) / hoursPerDay,
    arrivalsPerHour,
    coverage,
    hoursPerDay,
  };
}
