// Chi-square and F distributions, central and noncentral, written out so the main entry has no
// runtime dependency.
//
// - The regularised gamma P(a, x) and Q(a, x): the power series of A&S 6.5.29 below x = a + 1,
//   the continued fraction of A&S 6.5.31 (modified Lentz) above.
// - Noncentral chi-square and F: the Poisson mixtures of central ones (A&S 26.4.25 and 26.6.22),
//   the central tails stepped up by their recurrences, summed until the weights left are below
//   1e-17 of the sum (R's pnbeta stops at an absolute 1e-9).
// - Upper quantiles of the central distributions by Brent's method on the CDF.

import { brentRoot } from './root.js';
import { incompleteBeta, logBeta, logGamma } from './student-t.js';

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 100000; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum * Math.exp(a * Math.log(x) - x - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(a * Math.log(x) - x - logGamma(a)) * h;
}

/** The regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

/**
 * Σ_j Poisson(j; mu)·U_j where U_j is an upper tail that grows with j by known positive steps:
 * U_{j+1} = U_j + step_j, step_{j+1} = step_j·ratio(j). One special-function call (U_0, step_0),
 * then two multiplications a term; the Poisson weights come from their logarithm, so a large mu
 * does not underflow e^(−mu). Stops past the mode once the weights left are below 1e-17 of the sum.
 */
function poissonMixture(mu: number, j0: number, u0: number, logStep0: number, ratio: (j: number) => number): number {
  let sum = 0;
  let weights = 0;
  let u = u0;
  let logStep = logStep0;
  const logMu = Math.log(mu);
  for (let j = j0; j < j0 + 10_000_000; j++) {
    const w = Math.exp(-mu + j * logMu - logGamma(j + 1));
    sum += w * u;
    weights += w;
    if (j > mu && w < 1e-17 * sum) break;
    // Every later U is 1: the rest of the sum is the Poisson tail beyond j, 1 − the weights so far.
    if (u >= 1) return sum + Math.max(0, 1 - weights);
    u = Math.min(1, u + Math.exp(logStep));
    logStep += Math.log(ratio(j));
  }
  return sum;
}

/** Where the mixture starts: 40 Poisson standard deviations below the mean (the weights below are under e^-800), or 0. */
const firstTerm = (mu: number) => Math.max(0, Math.floor(mu - 40 * Math.sqrt(mu)));

/** P(X > x) for a chi-square with `df` degrees of freedom and noncentrality `ncp` (R's pchisq(x, df, ncp, lower = FALSE)). */
export function chiSquareSf(x: number, df: number, ncp = 0): number {
  if (x <= 0) return 1;
  const a = df / 2;
  const h = x / 2;
  if (ncp === 0) return gammaQ(a, h);
  // Q(a + j + 1, h) = Q(a + j, h) + h^(a+j)·e^(−h) / Γ(a + j + 1)   (A&S 6.5.21)
  const j0 = firstTerm(ncp / 2);
  const logStep0 = (a + j0) * Math.log(h) - h - logGamma(a + j0 + 1);
  return Math.min(
    1,
    poissonMixture(ncp / 2, j0, gammaQ(a + j0, h), logStep0, (j) => h / (a + j + 1)),
  );
}

/** P(F > f) for an F with (df1, df2) degrees of freedom and noncentrality `ncp` (R's pf(f, df1, df2, ncp, lower = FALSE)). */
export function fSf(f: number, df1: number, df2: number, ncp = 0): number {
  if (f <= 0) return 1;
  // F > f ⇔ X < x for X ~ Beta(df1/2 + j, df2/2) with x = df1·f / (df2 + df1·f); y = 1 − x kept apart.
  const y = df2 / (df2 + df1 * f);
  const x = (df1 * f) / (df2 + df1 * f);
  const a = df1 / 2;
  const b = df2 / 2;
  if (ncp === 0) return incompleteBeta(y, b, a, x);
  // 1 − I_x(a + j + 1, b) = 1 − I_x(a + j, b) + x^(a+j)·y^b / ((a + j)·B(a + j, b))   (A&S 26.5.16)
  const j0 = firstTerm(ncp / 2);
  const aj = a + j0;
  const logStep0 = aj * Math.log(x) + b * Math.log(y) - Math.log(aj) - logBeta(aj, b);
  return Math.min(
    1,
    poissonMixture(ncp / 2, j0, incompleteBeta(y, b, aj, x), logStep0, (j) => (x * (a + j + b)) / (a + j + 1)),
  );
}

/** The x with P(X > x) = p for a central chi-square (R's qchisq(p, df, lower = FALSE)). */
export function chiSquareQuantileUpper(p: number, df: number): number {
  let hi = Math.max(1, df);
  while (chiSquareSf(hi, df) > p) hi *= 2;
  return brentRoot((x) => chiSquareSf(x, df) - p, 0, hi, 1e-15 * hi) as number;
}

/** The f with P(F > f) = p for a central F (R's qf(p, df1, df2, lower = FALSE)). */
export function fQuantileUpper(p: number, df1: number, df2: number): number {
  // Solve on the beta scale, x = df1·f / (df2 + df1·f) in (0, 1), where the function is tame.
  const g = (x: number) => incompleteBeta(1 - x, df2 / 2, df1 / 2, x) - p;
  let hi = 0.5;
  while (g(hi) > 0 && hi < 1 - 1e-16) hi = 1 - (1 - hi) / 16;
  const x = brentRoot(g, 0, hi, 1e-17) as number;
  return (df2 * x) / (df1 * (1 - x));
}
