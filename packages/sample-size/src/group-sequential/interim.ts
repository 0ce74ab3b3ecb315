// At an interim look: what the design says to do with the observed z, the conditional power of
// carrying on, and the repeated confidence interval (Jennison & Turnbull 1989), which keeps its
// coverage however often one looks.

import { checkFinite, checkOptionsObject } from '../arguments.js';
import { SampleSizeError } from '../errors.js';
import { designArgument, type GroupSequentialDesign, type GroupSequentialOptions } from './design.js';
import { exitProbability, FINE, nextStage, resolution, type StageDensity } from './integration.js';

/** Options of {@link groupSequentialInterim}. */
export interface GroupSequentialInterimOptions {
  /** A design from {@link groupSequentialDesign}, or the options to make one. */
  design: GroupSequentialDesign | GroupSequentialOptions;
  /** Which look this is, 1 to looks. */
  look: number;
  /** The observed z statistic (positive favours the alternative). */
  z: number;
  /** The effect estimate at this look (for the repeated confidence interval). */
  estimate?: number;
  /** Its standard error. */
  standardError?: number;
}

/** What to do at an interim look, and why. */
export interface GroupSequentialInterim {
  kind: 'group-sequential-interim';
  look: number;
  looks: number;
  z: number;
  informationRate: number;
  /** The efficacy bound at this look (two-sided: |z| ≥ bound rejects). */
  criticalValue: number;
  /** The futility bound at this look, or null. */
  futilityBound: number | null;
  decision: 'reject' | 'stop-for-futility' | 'continue' | 'do-not-reject';
  /**
   * P(rejecting at a later look | z now) under the planned drift and under the drift the data
   * suggest (z / √t); null at the last look. Futility bounds stop the trial only when binding.
   */
  conditionalPower: { planned: number; trend: number } | null;
  /** estimate ± criticalValue × standardError: coverage 1 − alpha (two-sided design) or 1 − 2·alpha. */
  repeatedConfidenceInterval: { lower: number; upper: number; level: number } | null;
  alternative: 'one-sided' | 'two-sided';
}

/** P(cross an efficacy bound at a later look | Z_k = z) at drift theta. */
function conditionalPowerAt(d: GroupSequentialDesign, k: number, z: number, theta: number): number {
  const t = d.informationRates;
  const two = d.alternative === 'two-sided';
  const binding = d.futility?.binding === true;
  let h: StageDensity = { t: t[k] as number, z: new Float64Array([z]), mass: new Float64Array([1]) };
  let power = 0;
  for (let j = k + 1; j < d.looks; j++) {
    const tj = t[j] as number;
    const u = d.criticalValues[j] as number;
    power += exitProbability(h, tj, u, theta, false);
    if (j === d.looks - 1) break;
    const l = two ? -u : binding && d.futilityBounds ? Math.min(d.futilityBounds[j] as number, u) : Number.NEGATIVE_INFINITY;
    h = nextStage(h, tj, l, u, theta, resolution(tj, t[j + 1], FINE));
  }
  return Math.min(1, Math.max(0, power));
}

/**
 * At look `look` of a group-sequential design with observed z: the decision (reject, stop for
 * futility, continue, or at the last look do not reject), the conditional power under the
 * planned drift and under the observed trend, and the repeated confidence interval when an
 * estimate and its standard error are given.
 *
 * @throws {SampleSizeError} for a look outside 1..looks, a non-finite z, or a standard error ≤ 0
 *
 * @example
 * import { groupSequentialDesign, groupSequentialInterim } from '@ds/sample-size';
 * const design = groupSequentialDesign({ looks: 3, design: 'obrien-fleming' });
 * const at2 = groupSequentialInterim({ design, look: 2, z: 2.1, estimate: 0.04, standardError: 0.019 });
 * at2.decision; // => 'continue'
 * at2.criticalValue; // => 2.454
 * // One look left: P(Z₃ ≥ 2.004 | Z₂ = 2.1) under the planned drift
 * at2.conditionalPower?.planned; // => 0.8708
 * // A 95% repeated confidence interval: 0.04 ± 2.454 × 0.019
 * at2.repeatedConfidenceInterval; // => { lower: -0.0066, upper: 0.0866, level: 0.95 }
 */
export function groupSequentialInterim(options: GroupSequentialInterimOptions): GroupSequentialInterim {
  const o = checkOptionsObject('options', options);
  const d = designArgument(o.design);
  const look = checkFinite('look', o.look, 'a finite number');
  if (!Number.isInteger(look) || look < 1 || look > d.looks)
    throw new SampleSizeError('out-of-range', 'look', look, `a whole number from 1 to ${d.looks}`);
  const z = checkFinite('z', o.z, 'a finite number');
  const k = look - 1;
  const u = d.criticalValues[k] as number;
  const two = d.alternative === 'two-sided';
  const l = d.futilityBounds && k < d.looks - 1 ? (d.futilityBounds[k] as number) : null;
  let decision: GroupSequentialInterim['decision'];
  if ((two ? Math.abs(z) : z) >= u) decision = 'reject';
  else if (k === d.looks - 1) decision = 'do-not-reject';
  else if (l !== null && z <= l) decision = 'stop-for-futility';
  else decision = 'continue';
  const tk = d.informationRates[k] as number;
  const conditionalPower =
    k === d.looks - 1
      ? null
      : { planned: conditionalPowerAt(d, k, z, d.drift), trend: conditionalPowerAt(d, k, z, z / Math.sqrt(tk)) };
  let repeatedConfidenceInterval: GroupSequentialInterim['repeatedConfidenceInterval'] = null;
  if (o.estimate !== undefined || o.standardError !== undefined) {
    const estimate = checkFinite('estimate', o.estimate, 'a finite number');
    const se = checkFinite('standardError', o.standardError, 'a finite number');
    if (!(se > 0)) throw new SampleSizeError('out-of-range', 'standardError', se, '> 0');
    const lower = estimate - u * se;
    const upper = estimate + u * se;
    if (!Number.isFinite(lower) || !Number.isFinite(upper))
      throw new SampleSizeError(
        'out-of-range',
        Number.isFinite(u * se) ? 'estimate' : 'standardError',
        Number.isFinite(u * se) ? estimate : se,
        `a value whose interval estimate ± ${u} × standardError is finite in double precision (rescale the effect's unit)`,
      );
    repeatedConfidenceInterval = { lower, upper, level: two ? 1 - d.alpha : 1 - 2 * d.alpha };
  }
  return {
    kind: 'group-sequential-interim',
    look,
    looks: d.looks,
    z,
    informationRate: tk,
    criticalValue: u,
    futilityBound: l,
    decision,
    conditionalPower,
    repeatedConfidenceInterval,
    alternative: d.alternative,
  };
}
