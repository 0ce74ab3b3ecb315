// One or two sentences per result: the formula and convention used, and the call that gives the
// same number in R or statsmodels (numbers printed to 7 significant digits, as R prints them).

import { checkNumber, checkOptions, optionalBoolean } from './check.js';
import { checkOneOf } from './errors.js';
import type { GroupSequentialDesign } from './group-sequential/design.js';
import { explainDesign, explainInterim, explainSampleSize } from './group-sequential/explain.js';
import type { GroupSequentialInterim } from './group-sequential/interim.js';
import type { GroupSequentialSampleSize } from './group-sequential/sample-size.js';
import type { TTestResult } from './t-test.js';
import type { TwoProportionsResult } from './two-proportions.js';

const g7 = (x: number) => String(Number(x.toPrecision(7)));
const rAlt = (a: string) => (a === 'two-sided' ? 'two.sided' : a === 'one-sided' ? 'one.sided' : a);
const smAlt = (a: string) => (a === 'greater' ? 'larger' : a === 'less' ? 'smaller' : 'two-sided');

const FORMULA: Record<TwoProportionsResult['method'], string> = {
  pooled: 'normal approximation with the pooled variance under H0 and the unpooled one under H1 (R power.prop.test)',
  unpooled: 'normal approximation with the unpooled (Wald) variance under H0 and H1',
  arcsine: "normal approximation on the arcsine scale, Cohen's h (R pwr.2p.test/pwr.2p2n.test, statsmodels NormalIndPower)",
  'fleiss-cc': 'pooled normal approximation with the Fleiss–Tytun–Ury continuity correction',
  'evan-miller': "normal approximation with both arms at p1 under H0 (Evan Miller's calculator)",
  'exact-fisher': "exact power of Fisher's exact test, enumerating every table",
  'exact-z': 'exact power of the pooled z test, enumerating every table',
};

function explainProportions(r: TwoProportionsResult): string {
  const sides =
    r.hypothesis === 'superiority'
      ? `${r.alternative}${r.alternative === 'two-sided' ? (r.strict ? ', counting both tails' : ', counting the near tail only') : ''}`
      : `${r.hypothesis} with margin ${r.margin}`;
  const what =
    r.solve === 'n' || r.solve === 'n2' || r.solve === 'ratio'
      ? `n1 = ${r.n1}, n2 = ${r.n2} (${r.total} in all) reach power ${g7(r.targetPower ?? r.power)}`
      : r.solve === 'power'
        ? `power = ${g7(r.power)} with n1 = ${r.n1}, n2 = ${r.n2}`
        : r.solve === 'p2'
          ? `p2 = ${g7(r.p2 as number)} (a difference of ${g7(r.difference as number)}) is detected with power ${g7(r.targetPower as number)}`
          : r.solve === 'h'
            ? `h = ${g7(r.h as number)} is detected with power ${g7(r.targetPower as number)}`
            : `alpha = ${g7(r.alpha)} gives power ${g7(r.targetPower as number)}`;
  const first = `${what}: ${FORMULA[r.method]}, ${sides}, alpha = ${g7(r.alpha)}.`;
  return `${first} ${peer(r)}`;
}

function peer(r: TwoProportionsResult): string {
  const equal = r.n1Exact === r.n2Exact || r.ratio === 1;
  const p = r.p1 !== null && r.p2 !== null ? `p1 = ${r.p1}, p2 = ${r.p2}` : null;
  if (r.hypothesis !== 'superiority' || r.margin !== 0)
    return 'No function of R stats, pwr or statsmodels takes a margin; the formula is Chow, Shao & Wang (2008), section 4.2.';
  if (
    r.method === 'pooled' &&
    equal &&
    !(r.alternative === 'greater' || r.alternative === 'less') &&
    p &&
    (r.solve === 'n' || r.solve === 'power')
  ) {
    const args = r.solve === 'n' ? `power = ${g7(r.targetPower as number)}` : `n = ${r.n1}`;
    const printed = r.solve === 'n' ? `n = ${g7(r.n1Exact)}` : `power = ${g7(r.power)}`;
    return `R prints ${printed} for power.prop.test(${p}, ${args}, sig.level = ${r.alpha}, alternative = '${rAlt(r.alternative)}'${r.strict ? ', strict = TRUE' : ''}).`;
  }
  if (r.method === 'pooled' && p && r.solve === 'power' && r.strict && r.alternative !== 'one-sided') {
    return `statsmodels prints ${g7(r.power)} for power_proportions_2indep(${g7((r.p1 as number) - (r.p2 as number))}, ${r.p2}, ${r.n1}, ratio=${g7(r.ratio)}, alpha=${r.alpha}, alternative='${smAlt(r.alternative)}').`;
  }
  if (r.method === 'arcsine' && r.alternative !== 'one-sided' && r.strict) {
    const h = g7(r.h as number);
    if (r.solve === 'n') {
      return `R prints n = ${g7(r.n1Exact)} for pwr.${equal ? `2p.test(h = ${h}` : `2p2n.test(h = ${h}`}, power = ${r.targetPower}, sig.level = ${r.alpha}, alternative = '${rAlt(r.alternative)}')${equal ? '' : ' given n1'}; statsmodels NormalIndPower().solve_power(${h}, power=${r.targetPower}, alpha=${r.alpha}, ratio=${g7(r.ratio)}, alternative='${smAlt(r.alternative)}') gives the same.`;
    }
    if (r.solve === 'power') {
      return `R prints power = ${g7(r.power)} for pwr.2p2n.test(h = ${h}, n1 = ${r.n1}, n2 = ${r.n2}, sig.level = ${r.alpha}, alternative = '${rAlt(r.alternative)}'), as does statsmodels NormalIndPower().power(${h}, ${r.n1}, ${r.alpha}, ratio=${g7(r.ratio)}, alternative='${smAlt(r.alternative)}').`;
    }
  }
  if (r.method === 'exact-fisher' || r.method === 'exact-z') {
    return `R gives the same power by summing dbinom(x1, n1, p1) · dbinom(x2, n2, p2) over the tables where ${r.method === 'exact-fisher' ? 'fisher.test' : 'prop.test(correct = FALSE)'} has p ≤ ${r.alpha}.`;
  }
  if (r.method === 'pooled')
    return 'statsmodels uses the same convention (samplesize_proportions_2indep_onetail, power_proportions_2indep).';
  if (r.method === 'arcsine')
    return 'R pwr and statsmodels NormalIndPower use this convention (they count both tails of a two-sided test).';
  return 'Neither R stats, pwr nor statsmodels implements this convention; the formula is evaluated as published.';
}

function explainT(r: TTestResult): string {
  const what =
    r.solve === 'n' || r.solve === 'n2'
      ? `n1 = ${r.n1}${r.type === 'two-sample' ? `, n2 = ${r.n2}` : ''} reach power ${g7(r.targetPower as number)}`
      : r.solve === 'power'
        ? `power = ${g7(r.power)}`
        : r.solve === 'd'
          ? `d = ${g7(r.d)} is detected with power ${g7(r.targetPower as number)}`
          : `alpha = ${g7(r.alpha)} gives power ${g7(r.targetPower as number)}`;
  const first = `${what}: ${r.type} t test, noncentral t with df = ${g7(r.df)} and ncp = ${g7(r.ncp)}, ${r.alternative}, alpha = ${g7(r.alpha)}.`;
  const rType = r.type.replace('-', '.');
  const call =
    r.type === 'two-sample' && r.n1Exact !== r.n2Exact
      ? `pwr.t2n.test(n1 = ${g7(r.n1Exact)}, n2 = ${g7(r.n2Exact)}, d = ${g7(r.d)}, sig.level = ${g7(r.alpha)}, alternative = '${rAlt(r.alternative)}')`
      : `pwr.t.test(n = ${g7(r.n1Exact)}, d = ${g7(r.d)}, sig.level = ${g7(r.alpha)}, type = '${rType}', alternative = '${rAlt(r.alternative)}')`;
  const value = r.solve === 'power' ? g7(r.power) : g7(r.targetPower as number);
  return `${first} R prints power = ${value} for ${call}.`;
}

/**
 * Says in one or two sentences which formula and convention a result used, and what R or
 * statsmodels prints for the same question.
 *
 * @example
 * import { explain, sampleSizeTwoProportions } from '@ds/sample-size';
 * explain(sampleSizeTwoProportions({ p1: 0.5, p2: 0.52 })).includes('R prints n = 9805.996'); // => true
 * // Group-sequential results name the rpact call:
 * import { groupSequentialDesign } from '@ds/sample-size';
 * explain(groupSequentialDesign({ looks: 3, design: 'pocock' })).includes('getDesignGroupSequential(kMax = 3, typeOfDesign = "P"'); // => true
 */
export function explain(
  result: TwoProportionsResult | TTestResult | GroupSequentialDesign | GroupSequentialSampleSize | GroupSequentialInterim,
): string {
  if (typeof result === 'object' && result !== null && 'kind' in result) {
    if (result.kind === 'group-sequential-design') return explainDesign(result);
    if (result.kind === 'group-sequential-sample-size') return explainSampleSize(result);
    return explainInterim(result);
  }
  checkResult(result);
  if ('method' in result) return explainProportions(result);
  return explainT(result);
}

const ALTERNATIVES = ['two-sided', 'one-sided', 'greater', 'less'] as const;

/**
 * A result of this package, as `explain` reads it: the kind (a `method` or a t-test `type`), the
 * words it prints from fixed lists, and every number it prints finite.
 */
function checkResult(value: unknown): void {
  const r = checkOptions<Record<string, unknown>>('result', value, true) as Record<string, unknown>;
  const proportions = Object.hasOwn(r, 'method');
  if (proportions) {
    checkOneOf('result.method', r.method, Object.keys(FORMULA) as TwoProportionsResult['method'][]);
    checkOneOf('result.solve', r.solve, ['n', 'n2', 'power', 'p2', 'h', 'alpha', 'ratio']);
    checkOneOf('result.hypothesis', r.hypothesis, ['superiority', 'non-inferiority', 'equivalence']);
  } else {
    checkOneOf('result.type', r.type, ['one-sample', 'paired', 'two-sample']);
    checkOneOf('result.solve', r.solve, ['n', 'n2', 'power', 'd', 'alpha']);
  }
  checkOneOf('result.alternative', r.alternative, ALTERNATIVES);
  const required = proportions
    ? ['n1', 'n2', 'total', 'alpha', 'power', 'p1', 'ratio']
    : ['n1', 'n1Exact', 'alpha', 'power', 'd', 'df', 'ncp'];
  if (proportions && r.solve !== 'h') required.push('p2');
  if (proportions && r.solve === 'p2') required.push('difference');
  if (proportions && r.solve === 'h') required.push('h');
  if (r.solve !== 'power') required.push('targetPower');
  if (!proportions && (r.type === 'two-sample' || r.solve === 'n' || r.solve === 'n2')) required.push('n2', 'n2Exact');
  for (const key of required) checkNumber(`result.${key}`, r[key]);
  for (const key of ['n2', 'n1Exact', 'n2Exact', 'p2', 'h', 'difference', 'targetPower', 'margin']) {
    if (r[key] !== undefined && r[key] !== null) checkNumber(`result.${key}`, r[key]);
  }
  if (r.strict !== undefined) optionalBoolean('result.strict', r.strict, false);
}
