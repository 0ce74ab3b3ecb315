// The sample size of a group-sequential design: the fixed design's total times the inflation
// factor, spread over the looks by the information rates, and the expected total under H0 and H1.

import { checkFinite, checkOptionsObject } from '../arguments.js';
import { SampleSizeError } from '../errors.js';
import { normalQuantile } from '../normal.js';
import { roundUp } from '../root.js';
import { designArgument, type GroupSequentialDesign, type GroupSequentialOptions } from './design.js';

/** Options of {@link sampleSizeGroupSequential}: a design (solved or its options) and the effect. */
export interface GroupSequentialSampleSizeOptions {
  /** A design from {@link groupSequentialDesign}, or the options to make one. */
  design: GroupSequentialDesign | GroupSequentialOptions;
  /** Two proportions: p1 in the control group (group 1), p2 in the experimental group. */
  p1?: number;
  p2?: number;
  /** Two means: the standardised difference (Cohen's d) in place of p1 and p2. */
  d?: number;
  /** Allocation ratio n2 / n1. Default 1. */
  ratio?: number;
}

/** The sample size of a group-sequential design. Totals count both groups. */
export interface GroupSequentialSampleSize {
  kind: 'group-sequential-sample-size';
  endpoint: 'proportions' | 'means';
  p1: number | null;
  p2: number | null;
  d: number | null;
  ratio: number;
  alpha: number;
  power: number;
  alternative: 'one-sided' | 'two-sided';
  inflationFactor: number;
  /** The fixed design's total (unrounded): pooled normal approximation for proportions, z test for means. */
  totalFixed: number;
  /** Maximum total, totalFixed × inflation factor, unrounded (rpact's maxNumberOfSubjects). */
  totalMaxExact: number;
  /** Maximum total rounded up to a whole person. */
  totalMax: number;
  /** Group sizes at the last look, each rounded up (n2 = ⌈ratio × n1⌉ with n1 whole). */
  n1Max: number;
  n2Max: number;
  /** Cumulative total at each look, unrounded (totalMaxExact × information rate). */
  totalPerLook: number[];
  /** Expected total at stopping under H0, under half the effect, and under H1. */
  expectedTotal: { h0: number; h01: number; h1: number };
  design: GroupSequentialDesign;
}

/**
 * The sample size of a group-sequential design for two proportions (`p1`, `p2`) or two means
 * (`d`): the fixed design's total times the design's inflation factor, as rpact's
 * `getSampleSizeRates(design, pi1 = p2, pi2 = p1, allocationRatioPlanned = ratio)` and
 * `getSampleSizeMeans(design, alternative = d, stDev = 1, normalApproximation = TRUE)`. The fixed
 * total for proportions is R `power.prop.test`'s (pooled variance under H0, unpooled under H1);
 * two-sided designs use alpha / 2 and count the near tail only, as rpact does.
 *
 * @throws {SampleSizeError} for a bad design, p1 = p2, both p and d, or a ratio ≤ 0
 *
 * @example
 * import { groupSequentialDesign, sampleSizeGroupSequential } from '@ds/sample-size';
 * const design = groupSequentialDesign({ looks: 3, design: 'lan-demets-obrien-fleming' });
 * // R: getSampleSizeRates(design, pi1 = 0.15, pi2 = 0.1)$maxNumberOfSubjects
 * const plan = sampleSizeGroupSequential({ design, p1: 0.1, p2: 0.15 });
 * plan.totalMaxExact; // => 1388.74
 * plan.totalMax; // => 1389
 * // $expectedNumberOfSubjectsH1
 * plan.expectedTotal.h1; // => 1186.86
 */
export function sampleSizeGroupSequential(options: GroupSequentialSampleSizeOptions): GroupSequentialSampleSize {
  const o = checkOptionsObject('options', options);
  const design = designArgument(o.design);
  const ratio = o.ratio === undefined ? 1 : checkFinite('ratio', o.ratio, 'a number > 0', (r) => r > 0);
  const sided = design.alternative === 'two-sided' ? 2 : 1;
  const za = normalQuantile(design.alpha / sided, true);
  const zb = normalQuantile(design.beta, true);
  let totalFixed: number;
  let p1: number | null = null;
  let p2: number | null = null;
  let d: number | null = null;
  if (o.d !== undefined) {
    if (o.p1 !== undefined || o.p2 !== undefined)
      throw new SampleSizeError('conflict', 'd', o.d, 'given alone, without p1 and p2');
    d = checkFinite('d', o.d, 'a finite number other than 0', (x) => x !== 0);
    totalFixed = (((1 + ratio) * (1 + ratio)) / ratio) * ((za + zb) / d) ** 2;
  } else {
    const open = (x: number) => x > 0 && x < 1;
    p1 = checkFinite('p1', o.p1, 'a number in (0, 1)', open);
    p2 = checkFinite('p2', o.p2, 'a number in (0, 1)', open);
    if (p1 === p2) throw new SampleSizeError('conflict', 'p2', p2, `different from p1 (${p1})`);
    // n1 = (z_α·√(p̄(1 − p̄)(1 + 1/r)) + z_β·√(p1(1 − p1) + p2(1 − p2)/r))² / (p2 − p1)², n2 = r·n1.
    const pbar = (p1 + ratio * p2) / (1 + ratio);
    const n1 =
      (za * Math.sqrt(pbar * (1 - pbar) * (1 + 1 / ratio)) + zb * Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / ratio)) ** 2 /
      (p2 - p1) ** 2;
    totalFixed = n1 * (1 + ratio);
  }
  const totalMaxExact = totalFixed * design.inflationFactor;
  const n1Max = roundUp(totalMaxExact / (1 + ratio));
  const n2Max = roundUp(n1Max * ratio);
  return {
    kind: 'group-sequential-sample-size',
    endpoint: d === null ? 'proportions' : 'means',
    p1,
    p2,
    d,
    ratio,
    alpha: design.alpha,
    power: design.power,
    alternative: design.alternative,
    inflationFactor: design.inflationFactor,
    totalFixed,
    totalMaxExact,
    totalMax: roundUp(totalMaxExact),
    n1Max,
    n2Max,
    totalPerLook: design.informationRates.map((t) => t * totalMaxExact),
    expectedTotal: {
      h0: design.expectedInformation.h0 * totalMaxExact,
      h01: design.expectedInformation.h01 * totalMaxExact,
      h1: design.expectedInformation.h1 * totalMaxExact,
    },
    design,
  };
}
