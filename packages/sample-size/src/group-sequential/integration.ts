// The joint distribution of a group-sequential z statistic, by the recursive numerical integration
// of Armitage, McPherson & Rowe (1969) on the grid of Jennison & Turnbull (2000), chapter 19.
//
// The canonical model: at information fraction t_k the score S_k = Z_k·√t_k has independent
// normal increments, S_k − S_{k−1} ~ N(θ·Δ_k, Δ_k) with Δ_k = t_k − t_{k−1}, so E[Z_k] = θ·√t_k
// (θ is the drift: the expected z at full information). A trial that has not stopped before look
// k has a sub-density h_k(z) on the continuation interval (l_k, u_k); the probability of leaving
// through either side at look k + 1 is an integral of h_k against a normal tail, and h_{k+1} an
// integral against a normal density. Each integral is Simpson's rule on a grid that is dense where
// N(θ√t_k, 1) has its mass and sparse (logarithmically spaced) in the tails, cut at the bounds.

import { normalCdfRational as normalCdf } from '../normal.js';

/**
 * The grid's resolution (Jennison & Turnbull's r) must follow the width of the kernel that
 * integrates it, √(Δ_{k+1} / t_k) on the z scale of look k: J&T's fixed r = 16 loses digits when
 * the next increment is short (3e-6 on a stopping probability with nine equal looks). So
 * r = PER_WIDTH / width, which keeps Simpson's panels near a seventh of the kernel's width
 * (about 1e-8 on the probabilities). Searches run first at COARSE resolution and finish at FINE
 * in a narrow bracket.
 */
export const FINE = 14;
export const COARSE = 5;

/**
 * r for the grid of the look at information t whose density is next integrated up to tNext: at
 * least J&T's 16 (8 when coarse), more when the next kernel is narrow. Capped at 64.
 */
export function resolution(t: number, tNext: number | undefined, perWidth: number): number {
  const floor = perWidth >= FINE ? 16 : 6;
  if (tNext === undefined) return floor;
  const width = Math.sqrt((tNext - t) / t);
  return Math.min(64, Math.max(floor, Math.ceil(perWidth / width)));
}
const INV_SQRT_2PI = 0.3989422804014327;
/** Beyond this many standard deviations of the increment the kernel is below exp(−28) ≈ 7e-13 of its peak (8.5 costs 13% more time and moves no bound or probability of the 342 rpact designs by more than 3e-12). */
const KERNEL_REACH = 7.5;

/** The sub-density of the continuing trials at one look, on a Simpson grid, weights folded in. */
export interface StageDensity {
  /** The look's information fraction. */
  t: number;
  /** Grid points (z scale). */
  z: Float64Array;
  /** Simpson weight × sub-density at each point: Σ mass = P(still running after this look). */
  mass: Float64Array;
}

/**
 * The grid of J&T (19.6) around the mean mu, cut to [lower, upper], with the midpoints added so
 * Simpson's rule applies: returns the points and their Simpson weights.
 */
function grid(
  mu: number,
  lower: number,
  upper: number,
  R: number,
  maxStep = Number.POSITIVE_INFINITY,
): { z: Float64Array; w: Float64Array } {
  const raw: number[] = [];
  const m = 6 * R - 1;
  for (let i = 1; i <= m; i++) {
    let x: number;
    if (i < R) x = mu - 3 - 4 * Math.log(R / i);
    else if (i <= 5 * R) x = mu - 3 + (3 * (i - R)) / (2 * R);
    else x = mu + 3 + 4 * Math.log(R / (6 * R - i));
    raw.push(x);
  }
  // Cut to the continuation interval: points outside it are replaced by the bound itself.
  const pts: number[] = [];
  if (lower > (raw[0] as number)) pts.push(lower);
  for (const x of raw) if (x > lower && x < upper) pts.push(x);
  if (upper < (raw[m - 1] as number)) pts.push(upper);
  // A kernel narrower than the grid's spacing (a look after every observation: the mSPRT) needs
  // the gaps split into equal steps of at most maxStep; the default leaves the grid as J&T's.
  if (maxStep !== Number.POSITIVE_INFINITY && pts.length >= 2) {
    const fine: number[] = [pts[0] as number];
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1] as number;
      const b = pts[i] as number;
      const parts = Math.ceil((b - a) / maxStep);
      for (let j = 1; j < parts; j++) fine.push(a + ((b - a) * j) / parts);
      fine.push(b);
    }
    pts.length = 0;
    for (const x of fine) pts.push(x);
  }
  const n = pts.length;
  // No room to continue (or all of it beyond the grid): one point of zero weight.
  if (n < 2) return { z: new Float64Array([pts[0] ?? mu]), w: new Float64Array([0]) };
  const size = 2 * n - 1;
  const z = new Float64Array(size);
  const w = new Float64Array(size);
  for (let i = 0; i < n; i++) z[2 * i] = pts[i] as number;
  for (let i = 0; i < n - 1; i++) {
    const a = pts[i] as number;
    const b = pts[i + 1] as number;
    const h = b - a;
    z[2 * i + 1] = (a + b) / 2;
    w[2 * i] = (w[2 * i] as number) + h / 6;
    w[2 * i + 1] = (4 * h) / 6;
    w[2 * i + 2] = h / 6;
  }
  return { z, w };
}

/** The sub-density after look 1, continuing on (lower, upper). */
export function firstStage(
  t: number,
  lower: number,
  upper: number,
  theta: number,
  r = FINE,
  maxStep = Number.POSITIVE_INFINITY,
): StageDensity {
  const mu = theta * Math.sqrt(t);
  const { z, w } = grid(mu, lower, upper, r, maxStep);
  const mass = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const d = (z[i] as number) - mu;
    mass[i] = (w[i] as number) * INV_SQRT_2PI * Math.exp(-0.5 * d * d);
  }
  return { t, z, mass };
}

/** P(Z_1 ≥ upper) and P(Z_1 ≤ lower) at look 1. */
export function firstExit(t: number, lower: number, upper: number, theta: number): [number, number] {
  const mu = theta * Math.sqrt(t);
  return [normalCdf(mu - upper), lower === Number.NEGATIVE_INFINITY ? 0 : normalCdf(lower - mu)];
}

/**
 * P(continue to look k, then Z_k ≥ upper) from the density after look k − 1; `lowerTail` instead
 * gives P(continue, then Z_k ≤ upper).
 */
export function exitProbability(prev: StageDensity, t: number, bound: number, theta: number, lowerTail: boolean): number {
  if (bound === Number.POSITIVE_INFINITY) return lowerTail ? totalMass(prev) : 0;
  if (bound === Number.NEGATIVE_INFINITY) return lowerTail ? 0 : totalMass(prev);
  const delta = t - prev.t;
  const sd = Math.sqrt(delta);
  const st = Math.sqrt(t);
  const sp = Math.sqrt(prev.t);
  const shift = theta * delta;
  let p = 0;
  const { z, mass } = prev;
  for (let i = 0; i < z.length; i++) {
    const x = (bound * st - (z[i] as number) * sp - shift) / sd;
    p += (mass[i] as number) * normalCdf(lowerTail ? x : -x);
  }
  return p;
}

/**
 * {@link exitProbability} and its derivative in the bound, in one pass: what a Newton step on a
 * bound needs (the density of the exit statistic is Σ mass·φ(x)·√t/√Δ).
 */
export function exitAndSlope(prev: StageDensity, t: number, bound: number, theta: number, lowerTail: boolean): [number, number] {
  const delta = t - prev.t;
  const sd = Math.sqrt(delta);
  const st = Math.sqrt(t);
  const sp = Math.sqrt(prev.t);
  const shift = theta * delta;
  let p = 0;
  let d = 0;
  const { z, mass } = prev;
  const b = bound * st - shift;
  const inv = 1 / sd;
  for (let i = 0; i < z.length; i++) {
    const x = (b - (z[i] as number) * sp) * inv;
    const m = mass[i] as number;
    p += m * normalCdf(lowerTail ? x : -x);
    d += m * Math.exp(-0.5 * x * x);
  }
  const slope = d * INV_SQRT_2PI * st * inv;
  return [p, lowerTail ? slope : -slope];
}

/**
 * The root of an increasing or decreasing g on [lo, hi] (g(lo) and g(hi) of opposite signs) by
 * Newton steps from `start`, each kept inside the shrinking bracket (a bisection when a step
 * would leave it or does not halve the bracket's width often enough). g returns value and slope.
 * A bound's exit probability is smooth and monotone, so this takes 3 to 5 evaluations where
 * Brent's method took 10 to 15.
 */
export function newtonBracketed(
  g: (x: number) => [number, number],
  lo: number,
  hi: number,
  glo: number,
  start: number,
  tol: number,
): number {
  let a = lo;
  let b = hi;
  const rising = glo < 0;
  let x = Math.min(hi, Math.max(lo, start));
  for (let i = 0; i < 100; i++) {
    const [v, s] = g(x);
    if (v === 0) return x;
    if (v < 0 === rising) a = x;
    else b = x;
    let next = x - v / s;
    if (!(next > a && next < b)) next = 0.5 * (a + b);
    if (Math.abs(next - x) <= tol || b - a <= tol) return next;
    x = next;
  }
  return x;
}

function totalMass(prev: StageDensity): number {
  let s = 0;
  for (const m of prev.mass) s += m;
  return s;
}

/** The sub-density after look k (continuing on (lower, upper)) from the one after look k − 1. */
export function nextStage(
  prev: StageDensity,
  t: number,
  lower: number,
  upper: number,
  theta: number,
  r = FINE,
  maxStep = Number.POSITIVE_INFINITY,
): StageDensity {
  const mu = theta * Math.sqrt(t);
  const { z, w } = grid(mu, lower, upper, r, maxStep);
  const delta = t - prev.t;
  const sd = Math.sqrt(delta);
  const st = Math.sqrt(t);
  const sp = Math.sqrt(prev.t);
  const shift = theta * delta;
  const scale = (st / sd) * INV_SQRT_2PI;
  const inv = 1 / sd;
  const pz = prev.z;
  const pm = prev.mass;
  const n = pz.length;
  // Previous points on the scale of the increment, computed once.
  const from = new Float64Array(n);
  for (let j = 0; j < n; j++) from[j] = ((pz[j] as number) * sp + shift) * inv;
  const mass = new Float64Array(z.length);
  // Both grids are increasing, so the previous points within KERNEL_REACH of each new point form
  // a window that slides forward; outside it the kernel is below exp(−28) ≈ 7e-13. Along a run
  // of equally spaced previous points (spacing s) the kernel needs no exp: with d_j = to − from_j,
  // exp(−d_{j+1}²/2) = exp(−d_j²/2)·R_j where R_j = exp(d_j·s − s²/2) and R_{j+1} = R_j·exp(−s²).
  // Rounding grows by an ulp or two per step, about 1e-14 relative over a window.
  let start = 0;
  for (let i = 0; i < z.length; i++) {
    const to = (z[i] as number) * st * inv;
    while (start < n && (from[start] as number) < to - KERNEL_REACH) start++;
    let sum = 0;
    let e = 0;
    let r = 0;
    let q = 0;
    let step = Number.NaN;
    for (let j = start; j < n; j++) {
      const fj = from[j] as number;
      const d = to - fj;
      if (d < -KERNEL_REACH) break;
      if (j > start && Math.abs(fj - (from[j - 1] as number) - step) <= 1e-12 * step) {
        e *= r;
        r *= q;
      } else {
        e = Math.exp(-0.5 * d * d);
        step = j + 1 < n ? (from[j + 1] as number) - fj : 0;
        r = Math.exp(d * step - 0.5 * step * step);
        q = Math.exp(-step * step);
      }
      sum += (pm[j] as number) * e;
    }
    mass[i] = (w[i] as number) * scale * sum;
  }
  return { t, z, mass };
}

/**
 * Crossing probabilities of a whole design at drift theta: upper[k], lower[k] per look (not
 * cumulative). With `stepPerWidth` the grid of each look has no gap wider than that many widths
 * of the next kernel, √((t_{k+1} − t_k)/t_k) (needed with hundreds of looks; default: J&T's grid).
 */
export function crossingProbabilities(
  t: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  theta: number,
  r = FINE,
  stepPerWidth = Number.POSITIVE_INFINITY,
): { upper: number[]; lower: number[] } {
  const step = (k: number) =>
    stepPerWidth === Number.POSITIVE_INFINITY
      ? stepPerWidth
      : stepPerWidth * Math.sqrt(((t[k + 1] as number) - (t[k] as number)) / (t[k] as number));
  const up: number[] = [];
  const down: number[] = [];
  const K = t.length;
  const [u1, l1] = firstExit(t[0] as number, lower[0] as number, upper[0] as number, theta);
  up.push(u1);
  down.push(l1);
  if (K === 1) return { upper: up, lower: down };
  let h = firstStage(t[0] as number, lower[0] as number, upper[0] as number, theta, resolution(t[0] as number, t[1], r), step(0));
  for (let k = 1; k < K; k++) {
    const tk = t[k] as number;
    up.push(exitProbability(h, tk, upper[k] as number, theta, false));
    down.push(exitProbability(h, tk, lower[k] as number, theta, true));
    if (k < K - 1) h = nextStage(h, tk, lower[k] as number, upper[k] as number, theta, resolution(tk, t[k + 1], r), step(k));
  }
  return { upper: up, lower: down };
}
