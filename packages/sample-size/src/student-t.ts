// Student's t, central and noncentral, written out so the main entry has no runtime dependency.
//
// - log Γ: Lanczos (1964) with g = 7 and the nine coefficients of Godfrey's table, relative
//   error near 1e-15; log B(a, b) with Stirling's series when an argument is large.
// - The regularised incomplete beta I_x(a, b): its continued fraction (A&S 26.5.8) by the modified
//   Lentz method, on whichever side of the mean converges fast, with x and 1 − x passed separately so
//   neither loses digits to cancellation.
// - The noncentral t CDF: Lenth's AS 243 (1989), the Poisson-weighted series of incomplete betas
//   that R's `pnt` also uses, with R's error bound 1e-12 and its normal approximation for huge df.

import { normalCdf, normalQuantile } from './normal.js';

const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];
const LN_SQRT_2PI = 0.9189385332046728;
const LN_SQRT_PI = 0.5723649429247001;

/** log Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) s += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * The remainder of Stirling's series, log Γ(x) − [(x − ½)·log x − x + log √(2π)], for x ≥ 10:
 * Σ B₂ₖ / (2k(2k − 1)·x^(2k−1)), seven terms (the next is below 1e-17 at x = 10).
 */
function stirlingRemainder(x: number): number {
  const x2 = 1 / (x * x);
  return (1 / 12 + x2 * (-1 / 360 + x2 * (1 / 1260 + x2 * (-1 / 1680 + x2 * (1 / 1188 + x2 * (-691 / 360360 + x2 / 156)))))) / x;
}

/**
 * log B(a, b). When an argument is large, log Γ(a) + log Γ(b) − log Γ(a + b) cancels away the
 * digits that matter (at a = 1.5e7 the terms are near 2e8, so an ulp of each is 3e-8), so the
 * large parts are cancelled algebraically with Stirling's series, as in Abramowitz & Stegun 6.1.41.
 */
export function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const r = p / (p + q);
  if (p >= 10) {
    const corr = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(r) + q * Math.log1p(-r);
  }
  if (q >= 10) {
    const corr = stirlingRemainder(q) - stirlingRemainder(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-r);
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** I_x(a, b), with y = 1 − x given separately; `upper` returns 1 − I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number, y = 1 - x, upper = false): number {
  if (x <= 0) return upper ? 1 : 0;
  if (y <= 0) return upper ? 0 : 1;
  // log x and log y each from whichever of x, y is small, so neither loses digits near 1.
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const logFront = a * logX + b * logY - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const v = (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
    return upper ? 1 - v : v;
  }
  const w = (Math.exp(logFront) * betaContinuedFraction(y, b, a)) / b;
  return upper ? w : 1 - w;
}

/**
 * Above this many degrees of freedom the incomplete beta's continued fraction needs about √df
 * terms (x sits at the mean a/(a + b) for every t of interest), so t is mapped to z instead by the
 * Cornish–Fisher expansion of Abramowitz & Stegun 26.7.5 with its fifth term: its error is
 * O(df⁻⁵), below 1e-15 relative here for every tail probability above 1e-300.
 */
const LARGE_DF = 1e5;

/** The t with P(T > t) = P(Z > z), A&S 26.7.5 to the term in df⁻⁴, and its derivative in z. */
function cornishFisher(z: number, df: number): [number, number] {
  const z2 = z * z;
  const g1 = (z2 + 1) / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
  const v = 1 / df;
  const t = z * (1 + v * (g1 + v * (g2 + v * (g3 + v * g4))));
  const d1 = (3 * z2 + 1) / 4;
  const d2 = ((25 * z2 + 48) * z2 + 3) / 96;
  const d3 = (((21 * z2 + 95) * z2 + 51) * z2 - 15) / 384;
  const d4 = ((((711 * z2 + 5432) * z2 + 7410) * z2 - 5760) * z2 - 945) / 92160;
  return [t, 1 + v * (d1 + v * (d2 + v * (d3 + v * d4)))];
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0, may be fractional). */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  if (df > LARGE_DF) {
    // Newton on z ↦ cornishFisher(z) = |t|, from z = |t| (the map is within 1e-4 of the identity).
    const a = Math.abs(t);
    let z = a;
    for (let i = 0; i < 20; i++) {
      const [tz, dz] = cornishFisher(z, df);
      const step = (tz - a) / dz;
      z -= step;
      if (Math.abs(step) <= 1e-16 * Math.max(1, z)) break;
    }
    return normalCdf(t < 0 ? -z : z);
  }
  const t2 = t * t;
  // The two-tailed probability P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2).
  const tail = 0.5 * incompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
  return t < 0 ? tail : 1 - tail;
}

/** P(T > t), precise in the upper tail. */
export function tSf(t: number, df: number): number {
  return tCdf(-t, df);
}

function tDensity(t: number, df: number): number {
  return Math.exp(-logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The t with P(T > t) = p (upper quantile), by Newton's method on the tail probability from the
 * Cornish–Fisher expansion of Abramowitz & Stegun 26.7.5 (four terms), kept inside a shrinking
 * bracket so it cannot wander. Newton converges quadratically, so a step below 1e-10 of t leaves
 * an error far below double precision and is the last one.
 */
export function tQuantileUpper(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (p > 0.5) return -tQuantileUpper(1 - p, df);
  const z = normalQuantile(p, true);
  if (df > LARGE_DF) return cornishFisher(z, df)[0];
  const z2 = z * z;
  let t =
    z +
    (z * (z2 + 1)) / (4 * df) +
    (z * ((5 * z2 + 16) * z2 + 3)) / (96 * df * df) +
    (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / (384 * df * df * df);
  if (!(t > 0) || !Number.isFinite(t)) t = z;
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 200; i++) {
    const g = tSf(t, df) - p;
    if (g > 0) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
    const step = g / tDensity(t, df);
    let next = t + step;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : Math.max(2 * t, lo + 1);
    if (Math.abs(next - t) <= 1e-13 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}

/**
 * P(T ≤ t) for the noncentral t with `df` degrees of freedom and noncentrality `ncp`
 * (Lenth 1989, AS 243, as R's `pt(t, df, ncp)`); `upper` gives P(T > t) computed as R does.
 */
export function noncentralTCdf(t: number, df: number, ncp: number, upper = false): number {
  if (ncp === 0) return upper ? tSf(t, df) : tCdf(t, df);
  if (!Number.isFinite(t)) return t > 0 === upper ? 1 : 0;
  let negdel: boolean;
  let tt: number;
  let del: number;
  if (t >= 0) {
    negdel = false;
    tt = t;
    del = ncp;
  } else {
    // Far in the left tail the lower probability is 0 to double precision (R's cut-off).
    if (ncp > 40 && !upper) return 0;
    negdel = true;
    tt = -t;
    del = -ncp;
  }
  let lower = !upper;
  // Huge df or noncentrality: AS 243's normal approximation (Abramowitz & Stegun 26.7.10).
  if (df > 4e5 || del * del > 2 * Math.LN2 * 1021) {
    const s = 1 / (4 * df);
    const z = (tt * (1 - s) - del) / Math.sqrt(1 + tt * tt * 2 * s);
    const p = normalCdf(z);
    return lower !== negdel ? p : 1 - p;
  }
  const t2 = tt * tt;
  const x = t2 / (t2 + df);
  const y = df / (t2 + df);
  let tnc = 0;
  if (x > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    let q = Math.sqrt(2 / Math.PI) * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = y ** b;
    const albeta = LN_SQRT_PI + logGamma(b) - logGamma(0.5 + b);
    let xodd = incompleteBeta(x, a, b, y);
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    tnc = b * x;
    let xeven = tnc < Number.EPSILON ? tnc : 1 - rxb;
    let geven = tnc * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= 1000; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10) break;
      if (s <= 0 && it > 1) break;
      const errbd = 2 * s * (xodd - godd);
      if (Math.abs(errbd) < 1e-12 && it > 1) break;
    }
  }
  tnc += normalCdf(-del);
  lower = lower !== negdel;
  if (lower) return Math.min(tnc, 1);
  return Math.max(0, 1 - tnc);
}
