// Brent's method (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4): inverse
// quadratic interpolation guarded by bisection, so it always converges on a sign change and
// usually in a handful of steps. Every solver of the package goes through here.

import { noSolution } from './errors.js';

const EPS = Number.EPSILON;

/**
 * A root of `f` in [a, b], where f(a) and f(b) have opposite signs (or one is zero), to within
 * `tol` plus a few ulps. Returns undefined when the bracket holds no sign change.
 */
export function brentRoot(f: (x: number) => number, a0: number, b0: number, tol = 0, maxIter = 300): number | undefined {
  let a = a0;
  let b = b0;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa < 0 !== fb < 0)) return undefined;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIter; i++) {
    if (fb < 0 === fc < 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  return b;
}

/**
 * Rounds a fractional group size up. It forgives what floating point can leave above a whole
 * number (1e-9 relative, as `0.1 * 30` = 3.0000000000000004), but never more than 1e-6 of a
 * person, so the result is never a whole unit below `x` however large `x` is.
 */
export const roundUp = (x: number) => Math.ceil(x - Math.min(1e-9 * Math.max(1, x), 1e-6));

/** Where the doubling search for n gives up (per group). */
export const MAX_SEARCH_N = 1e12;

/** The smallest x ≥ lo where g(x) ≥ 0 for increasing g, bracketing by doubling. */
export function solveIncreasing(g: (x: number) => number, lo: number, argument: string, value: unknown, what: string): number {
  const glo = g(lo);
  if (glo >= 0) {
    throw noSolution(
      argument,
      value,
      `above the power at ${what} = ${lo}`,
      `power is already ${fmt(glo + (value as number))} at ${what} = ${lo}, above the target ${value}: no smaller design exists`,
    );
  }
  let below = lo;
  let hi = Math.max(lo * 2, 8);
  while (g(hi) < 0) {
    below = hi;
    hi *= 2;
    if (hi > MAX_SEARCH_N) {
      throw noSolution(
        argument,
        value,
        'a power this design can reach',
        `no ${what} up to the search cap of ${MAX_SEARCH_N} reaches power ${value}: the power at ${what} = ${MAX_SEARCH_N} is ${fmt(g(MAX_SEARCH_N) + (value as number))}`,
      );
    }
  }
  // Tolerance near double precision, so rounding up sees the true root, not the solver's slack.
  return brentRoot(g, below, hi, 1e-15 * hi) as number;
}

/** A number for a message: six significant digits. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}

/**
 * As {@link solveIncreasing}, starting from a guess known to be close (a normal approximation):
 * brackets the root just above the guess, which saves the doubling from `lo` when each
 * evaluation is costly. Falls back to the search from `lo` when the guess is not below the root.
 */
export function solveIncreasingNear(
  g: (x: number) => number,
  lo: number,
  guess: number,
  argument: string,
  value: unknown,
  what: string,
): number {
  if (!(Number.isFinite(guess) && guess > lo) || g(guess) >= 0) return solveIncreasing(g, lo, argument, value, what);
  let below = guess;
  let step = 0.05 * guess + 2;
  let hi = guess + step;
  while (g(hi) < 0) {
    below = hi;
    step *= 2;
    hi += step;
    if (hi > MAX_SEARCH_N) return solveIncreasing(g, lo, argument, value, what);
  }
  return brentRoot(g, below, hi, 1e-15 * hi) as number;
}
