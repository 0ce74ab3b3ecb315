// One or two sentences per group-sequential result: what was computed, by which convention, and
// the rpact call that prints the same numbers.

import type { GroupSequentialDesign, GroupSequentialType } from './design.js';
import type { GroupSequentialInterim } from './interim.js';
import type { GroupSequentialSampleSize } from './sample-size.js';
import type { SpendingFunction } from './spending.js';

const g = (x: number, digits = 4) => String(Number(x.toPrecision(digits)));
const list = (xs: readonly number[]) => xs.map((x) => g(x)).join(', ');

const RPACT: Record<GroupSequentialType, string> = {
  'obrien-fleming': 'OF',
  pocock: 'P',
  'wang-tsiatis': 'WT',
  'lan-demets-obrien-fleming': 'asOF',
  'lan-demets-pocock': 'asP',
  'kim-demets': 'asKD',
  'hwang-shih-decani': 'asHSD',
};
const BETA: Record<SpendingFunction, string> = {
  'lan-demets-obrien-fleming': 'bsOF',
  'lan-demets-pocock': 'bsP',
  'kim-demets': 'bsKD',
  'hwang-shih-decani': 'bsHSD',
};

/** The rpact call that makes the same design. */
export function rpactCall(d: GroupSequentialDesign): string {
  const args = [`kMax = ${d.looks}`, `typeOfDesign = "${RPACT[d.design]}"`, `alpha = ${d.alpha}`, `beta = ${g(d.beta, 6)}`];
  if (d.alternative === 'two-sided') args.push('sided = 2');
  const equal = d.informationRates.every((t, k) => Math.abs(t - (k + 1) / d.looks) < 1e-12);
  if (!equal) args.push(`informationRates = c(${d.informationRates.join(', ')})`);
  if (d.gamma !== null) args.push(`gammaA = ${d.gamma}`);
  if (d.design === 'wang-tsiatis') args.push(`deltaWT = ${d.deltaWT}`);
  if (d.futility?.betaSpending) {
    args.push(`typeBetaSpending = "${BETA[d.futility.betaSpending]}"`);
    if (d.futility.gamma !== null) args.push(`gammaB = ${d.futility.gamma}`);
  } else if (d.futility && d.futilityBounds) args.push(`futilityBounds = c(${d.futilityBounds.join(', ')})`);
  if (d.futility) args.push(`bindingFutility = ${d.futility.binding ? 'TRUE' : 'FALSE'}`);
  return `getDesignGroupSequential(${args.join(', ')})`;
}

export function explainDesign(d: GroupSequentialDesign): string {
  const sides =
    d.alternative === 'two-sided' ? `two-sided (|z| ≥ bound), alpha = ${d.alpha} in all` : `one-sided, alpha = ${d.alpha}`;
  const futility = d.futilityBounds
    ? ` Futility bounds ${list(d.futilityBounds)} (${d.futility?.betaSpending ? `beta spending, ${d.futility.binding ? 'binding' : 'non-binding'}` : d.futility?.binding ? 'binding' : 'non-binding'}).`
    : '';
  return (
    `${d.looks} looks at information ${list(d.informationRates)}, ${d.design} bounds ${list(d.criticalValues)}, ${sides}.${futility} ` +
    `Power ${g(d.power)} needs ${g(d.inflationFactor)} times the fixed design's information; expected ${g(d.expectedSampleSizeRatio.h1)} of it under H1 and ${g(d.expectedSampleSizeRatio.h0)} under H0. ` +
    `rpact prints the same for ${rpactCall(d)} with getDesignCharacteristics().`
  );
}

export function explainSampleSize(s: GroupSequentialSampleSize): string {
  const effect = s.endpoint === 'proportions' ? `p1 = ${s.p1}, p2 = ${s.p2}` : `d = ${s.d}`;
  const call =
    s.endpoint === 'proportions'
      ? `getSampleSizeRates(design, pi1 = ${s.p2}, pi2 = ${s.p1}${s.ratio === 1 ? '' : `, allocationRatioPlanned = ${s.ratio}`})`
      : `getSampleSizeMeans(design, alternative = ${s.d}, stDev = 1, normalApproximation = TRUE${s.ratio === 1 ? '' : `, allocationRatioPlanned = ${s.ratio}`})`;
  return (
    `At most ${s.totalMax} in all (${g(s.totalMaxExact, 7)} = the fixed design's ${g(s.totalFixed, 7)} × inflation factor ${g(s.inflationFactor, 6)}) for ${effect}; ` +
    `expected ${g(s.expectedTotal.h1, 6)} under H1 and ${g(s.expectedTotal.h0, 6)} under H0. rpact prints the same for ${call} with design <- ${rpactCall(s.design)}.`
  );
}

export function explainInterim(r: GroupSequentialInterim): string {
  const what =
    r.decision === 'reject'
      ? 'reject H0'
      : r.decision === 'stop-for-futility'
        ? 'stop for futility'
        : r.decision === 'continue'
          ? 'continue to the next look'
          : 'do not reject H0 (last look)';
  const bound = `${r.alternative === 'two-sided' ? '|z|' : 'z'} = ${g(r.z)} against the bound ${g(r.criticalValue)}${r.futilityBound === null ? '' : ` and the futility bound ${g(r.futilityBound)}`}`;
  const cp = r.conditionalPower
    ? ` Conditional power ${g(r.conditionalPower.planned)} under the planned effect, ${g(r.conditionalPower.trend)} under the observed trend.`
    : '';
  const ci = r.repeatedConfidenceInterval
    ? ` Repeated ${g(100 * r.repeatedConfidenceInterval.level)}% confidence interval [${g(r.repeatedConfidenceInterval.lower)}, ${g(r.repeatedConfidenceInterval.upper)}].`
    : '';
  return `Look ${r.look} of ${r.looks}: ${bound}, so ${what}.${cp}${ci}`;
}
