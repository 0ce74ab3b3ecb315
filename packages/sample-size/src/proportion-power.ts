// The power of a comparison of two proportions, one function per method family: the arcsine
// (Cohen's h) formula, the difference-in-proportions normal approximations (pooled, unpooled,
// Fleiss–Tytun–Ury continuity correction, Evan Miller's null variance; with a margin for
// non-inferiority and equivalence), and exact power by enumeration. The solver in
// two-proportions.ts finds any unknown from these.

import { cohensH } from './cohens-h.js';
import { exactFisherPower, exactZPower, type RejectionTails } from './exact.js';
import { normalCdf, normalQuantile } from './normal.js';
import type { Alternative, Hypothesis, ProportionsMethod } from './proportions-types.js';

/** A validated design: everything but the sizes, alpha and (when solved for) p2 or h. */
export interface Design {
  method: ProportionsMethod;
  hypothesis: Hypothesis;
  alternative: Alternative;
  strict: boolean;
  margin: number;
  p1: number | null;
  p2: number | null;
  h: number | null;
}

/** Whether a method enumerates tables (and so needs whole n). */
export const isExact = (m: ProportionsMethod) => m === 'exact-fisher' || m === 'exact-z';

/** Upper normal critical value. */
const zUpper = (a: number) => normalQuantile(a, true);

/** Φ(num / se) with the limits of a zero standard error spelled out instead of NaN. */
function phiRatio(num: number, se: number): number {
  if (se > 0) return normalCdf(num / se);
  return num > 0 ? 1 : num < 0 ? 0 : 0.5;
}

function arcsinePower(d: Design, h: number, n1: number, n2: number, alpha: number): number {
  const s = h * Math.sqrt((n1 * n2) / (n1 + n2));
  switch (d.alternative) {
    case 'greater':
      return normalCdf(s - zUpper(alpha));
    case 'less':
      return normalCdf(-s - zUpper(alpha));
    case 'one-sided':
      return normalCdf(Math.abs(s) - zUpper(alpha));
    default: {
      const c = zUpper(alpha / 2);
      return normalCdf(Math.abs(s) - c) + (d.strict ? normalCdf(-Math.abs(s) - c) : 0);
    }
  }
}

function differencePower(d: Design, p1: number, p2: number, n1: number, n2: number, alpha: number): number {
  const v1 = p1 * (1 - p1);
  const v2 = p2 * (1 - p2);
  const se1 = Math.sqrt(v1 / n1 + v2 / n2);
  const inv = 1 / n1 + 1 / n2;
  let se0: number;
  let cc = 0;
  switch (d.method) {
    case 'pooled':
    case 'fleiss-cc': {
      const pbar = (n1 * p1 + n2 * p2) / (n1 + n2);
      se0 = Math.sqrt(pbar * (1 - pbar) * inv);
      if (d.method === 'fleiss-cc') cc = inv / 2;
      break;
    }
    case 'evan-miller':
      // Both arms at the baseline rate under H0 (Evan Miller's calculator).
      se0 = Math.sqrt(v1 * inv);
      break;
    default:
      se0 = se1;
  }
  const m = d.margin;
  if (d.hypothesis === 'non-inferiority') {
    const c = zUpper(alpha);
    return phiRatio(p2 - p1 + m - c * se0, se1);
  }
  if (d.hypothesis === 'equivalence') {
    const c = zUpper(alpha);
    const diff = p2 - p1;
    return Math.max(0, phiRatio(m - diff - c * se0, se1) + phiRatio(m + diff - c * se0, se1) - 1);
  }
  // Superiority: the effect e, signed towards the tail being counted, must beat margin, correction and critical value.
  const tail = (e: number, c: number) => phiRatio(e - m - cc - c * se0, se1);
  const D = p1 - p2;
  switch (d.alternative) {
    case 'greater':
      return tail(D, zUpper(alpha));
    case 'less':
      return tail(-D, zUpper(alpha));
    case 'one-sided':
      return tail(Math.abs(D), zUpper(alpha));
    default: {
      const c = zUpper(alpha / 2);
      return tail(Math.abs(D), c) + (d.strict ? tail(-Math.abs(D), c) : 0);
    }
  }
}

function exactPower(d: Design, p1: number, p2: number, n1: number, n2: number, alpha: number): number {
  const twoSided = d.alternative === 'two-sided';
  const effect: RejectionTails = p1 >= p2 ? 'upper' : 'lower';
  let tails: RejectionTails;
  if (d.alternative === 'greater') tails = 'upper';
  else if (d.alternative === 'less') tails = 'lower';
  else if (d.alternative === 'one-sided') tails = effect;
  else tails = d.strict ? 'both' : effect;
  return d.method === 'exact-z'
    ? exactZPower(n1, n2, p1, p2, alpha, tails, twoSided)
    : exactFisherPower(n1, n2, p1, p2, alpha, tails, twoSided);
}

/** Power of design `d` at group sizes n1, n2 and level alpha, with p2 (or h) as given. */
export function powerAt(d: Design, n1: number, n2: number, alpha: number, p2 = d.p2, h = d.h): number {
  if (d.method === 'arcsine') return arcsinePower(d, h ?? cohensH(d.p1 as number, p2 as number), n1, n2, alpha);
  if (isExact(d.method)) return exactPower(d, d.p1 as number, p2 as number, n1, n2, alpha);
  return differencePower(d, d.p1 as number, p2 as number, n1, n2, alpha);
}
