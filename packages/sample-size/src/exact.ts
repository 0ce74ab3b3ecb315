// Exact unconditional power of two tests of two proportions, by enumerating the joint binomial
// distribution of (x1, x2): power = Σ P(x1 | n1, p1) · P(x2 | n2, p2) over the tables the test
// rejects. The rejection region does not depend on p1 and p2, so this is the power of the test as
// it will actually be run, not of its normal approximation.
//
// - 'exact-z': the pooled z test (the uncorrected chi-squared test of R's prop.test), rejecting
//   when z passes the normal critical value.
// - 'exact-fisher': Fisher's exact test, conditional on the total x1 + x2; its two-sided p-value
//   sums the tables no more probable than the observed one, with R fisher.test's relative
//   tolerance of 1e-7 for ties.

import { normalQuantile } from './normal.js';

/** Which tail(s) of the test statistic reject, in the orientation x1/n1 − x2/n2. */
export type RejectionTails = 'upper' | 'lower' | 'both';

function logFactorials(n: number): Float64Array {
  const lf = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) lf[k] = (lf[k - 1] as number) + Math.log(k);
  return lf;
}

function binomialPmf(n: number, p: number, lf: Float64Array): Float64Array {
  const pmf = new Float64Array(n + 1);
  if (p === 0) {
    pmf[0] = 1;
    return pmf;
  }
  if (p === 1) {
    pmf[n] = 1;
    return pmf;
  }
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const ln = lf[n] as number;
  for (let x = 0; x <= n; x++) pmf[x] = Math.exp(ln - (lf[x] as number) - (lf[n - x] as number) + x * lp + (n - x) * lq);
  return pmf;
}

/**
 * Power of the pooled z test by enumeration. `tails` says which rejections count: 'both' for a
 * two-sided test counting the far tail, 'upper'/'lower' for one tail (x1/n1 above/below x2/n2).
 * `twoSided` picks the critical value z(α/2) instead of z(α).
 */
export function exactZPower(
  n1: number,
  n2: number,
  p1: number,
  p2: number,
  alpha: number,
  tails: RejectionTails,
  twoSided: boolean,
): number {
  const lf = logFactorials(Math.max(n1, n2));
  const b1 = binomialPmf(n1, p1, lf);
  const b2 = binomialPmf(n2, p2, lf);
  const crit = normalQuantile(twoSided ? alpha / 2 : alpha, true);
  const crit2 = crit * crit;
  const inv = 1 / n1 + 1 / n2;
  const N = n1 + n2;
  let power = 0;
  for (let x1 = 0; x1 <= n1; x1++) {
    const w1 = b1[x1] as number;
    if (w1 < 1e-300) continue;
    const f1 = x1 / n1;
    let row = 0;
    for (let x2 = 0; x2 <= n2; x2++) {
      const d = f1 - x2 / n2;
      if (d === 0) continue;
      if ((d > 0 && tails === 'lower') || (d < 0 && tails === 'upper')) continue;
      const pbar = (x1 + x2) / N;
      // z² ≥ crit² ⇔ d² ≥ crit² · p̄(1 − p̄)(1/n1 + 1/n2); no square root, no division by zero.
      if (d * d >= crit2 * pbar * (1 - pbar) * inv) row += b2[x2] as number;
    }
    power += w1 * row;
  }
  return Math.min(1, power);
}

/** Power of Fisher's exact test by enumeration; `tails` as for {@link exactZPower}. */
export function exactFisherPower(
  n1: number,
  n2: number,
  p1: number,
  p2: number,
  alpha: number,
  tails: RejectionTails,
  twoSided: boolean,
): number {
  const N = n1 + n2;
  const lf = logFactorials(N);
  const b1 = binomialPmf(n1, p1, lf);
  const b2 = binomialPmf(n2, p2, lf);
  const f = new Float64Array(Math.min(n1, n2) + 1);
  const order = new Int32Array(f.length);
  const reject = new Uint8Array(f.length);
  let power = 0;
  for (let t = 0; t <= N; t++) {
    const lo = Math.max(0, t - n2);
    const hi = Math.min(n1, t);
    const m = hi - lo;
    const lct = (lf[N] as number) - (lf[t] as number) - (lf[N - t] as number);
    for (let i = 0; i <= m; i++) {
      const x = lo + i;
      f[i] = Math.exp(
        (lf[n1] as number) -
          (lf[x] as number) -
          (lf[n1 - x] as number) +
          (lf[n2] as number) -
          (lf[t - x] as number) -
          (lf[n2 - t + x] as number) -
          lct,
      );
      reject[i] = 0;
    }
    if (twoSided) {
      // Hypergeometric probabilities rise then fall: merging from both ends lists them ascending.
      let i = 0;
      let j = m;
      let k = 0;
      while (i <= j) order[k++] = (f[i] as number) <= (f[j] as number) ? i++ : j--;
      let cum = 0;
      let last = -1;
      for (let a = 0; a <= m; a++) {
        const fa = f[order[a] as number] as number;
        while (last < m && (f[order[last + 1] as number] as number) <= fa * (1 + 1e-7))
          cum += f[order[++last] as number] as number;
        if (cum <= alpha) reject[order[a] as number] = 1;
        else break;
      }
    } else {
      // One tail: x1 large is evidence for p1 > p2 ('upper'), x1 small for p1 < p2.
      let cum = 0;
      if (tails === 'upper') {
        for (let i = m; i >= 0; i--) {
          cum += f[i] as number;
          if (cum > alpha * (1 + 1e-7)) break;
          reject[i] = 1;
        }
      } else {
        for (let i = 0; i <= m; i++) {
          cum += f[i] as number;
          if (cum > alpha * (1 + 1e-7)) break;
          reject[i] = 1;
        }
      }
    }
    for (let i = 0; i <= m; i++) {
      if (!reject[i]) continue;
      const x1 = lo + i;
      const x2 = t - x1;
      if (twoSided && tails !== 'both') {
        const d = x1 / n1 - x2 / n2;
        if ((tails === 'upper' && d <= 0) || (tails === 'lower' && d >= 0)) continue;
      }
      power += (b1[x1] as number) * (b2[x2] as number);
    }
  }
  return Math.min(1, power);
}
