// The standard normal distribution, written out so the main entry has no runtime dependency.
//
// The CDF comes from the error function: for |x|/√2 < 2 the everywhere-positive series of
// Abramowitz & Stegun 7.1.6 (no cancellation), beyond it the continued fraction for erfc of
// A&S 7.1.14 evaluated by the modified Lentz method. Both are accurate to a few ulps in the
// ranges used. The quantile is Wichura's AS 241 (PPND16), accurate to about 1 part in 1e16.

const SQRT1_2 = Math.SQRT1_2;
const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1/√π

/** erfc(z) for z ≥ 2 by the continued fraction of A&S 7.1.14 (modified Lentz). */
function erfcContinuedFraction(z: number): number {
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = z + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = z + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (Math.exp(-z * z) * ONE_OVER_SQRT_PI) / f;
}

/** erf(z) for 0 ≤ z < 2 by the positive series of A&S 7.1.6. */
function erfSeries(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= (2 * z2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-z2) * sum;
}

/** P(Z ≤ x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  const z = Math.abs(x) * SQRT1_2;
  if (z < 2) {
    const e = erfSeries(z);
    return x < 0 ? 0.5 * (1 - e) : 0.5 * (1 + e);
  }
  const tail = 0.5 * erfcContinuedFraction(z);
  return x < 0 ? tail : 1 - tail;
}

// AS 241 (Wichura 1988), PPND16 coefficients.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087,
  33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943,
  5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345,
  1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784,
  0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548,
  1.421511758316446e-7, 2.0442631033899397e-15,
];

function poly(c: readonly number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + (c[i] as number);
  return s;
}

/**
 * The x with P(Z ≤ x) = p (AS 241). `upper = true` gives the x with P(Z > x) = p, computed
 * from p directly so a tiny upper-tail probability keeps its precision.
 */
export function normalQuantile(p: number, upper = false): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  // q is the lower-tail probability minus one half; r the smaller tail probability.
  const q = upper ? 0.5 - p : p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  // The smaller tail probability: taken from p itself whenever p is that tail.
  let r = upper ? (q < 0 ? 1 - p : p) : q < 0 ? p : 1 - p;
  if (r <= 0) return q < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  r = Math.sqrt(-Math.log(r));
  const x = r <= 5 ? poly(C, r - 1.6) / poly(D, r - 1.6) : poly(E, r - 5) / poly(F, r - 5);
  return q < 0 ? -x : x;
}

// Cody's rational Chebyshev approximations (W. J. Cody, "Rational Chebyshev approximations for
// the error function", Math. Comp. 23, 1969; the coefficients of his ANORM, also used by R's
// pnorm): three fixed-length rational functions instead of a series or a continued fraction, so
// the cost is the same dozen multiplications at every x. Used where the CDF is evaluated hundreds
// of thousands of times (the group-sequential integration); relative error about 1e-16. (The
// coefficients are written as the doubles they round to.)
const CA = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
const CB = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const CC = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283,
  11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const CD = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598,
  38912.00328609327, 19685.429676859992,
];
const CP = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-5,
  0.023073441764940174,
];
const CQ = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7.297515550839662e-5];
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * exp(−y²/2) with y split into a part exact to 1/16 and the rest, so the large square loses no
 * digits (Cody's device).
 */
function gaussianFactor(y: number): number {
  const head = Math.trunc(y * 16) / 16;
  const rest = (y - head) * (y + head);
  return Math.exp(-0.5 * head * head) * Math.exp(-0.5 * rest);
}

/** P(Z ≤ x) by Cody's rational approximations: same values as {@link normalCdf} to about 1e-16 relative, several times faster. */
export function normalCdfRational(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const s = x * x;
    const num = ((((CA[4] as number) * s + (CA[0] as number)) * s + (CA[1] as number)) * s + (CA[2] as number)) * s;
    const den = (((s + (CB[0] as number)) * s + (CB[1] as number)) * s + (CB[2] as number)) * s;
    return 0.5 + (x * (num + (CA[3] as number))) / (den + (CB[3] as number));
  }
  let tail: number;
  if (y <= 5.656854249492381) {
    let num = (CC[8] as number) * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + (CC[i] as number)) * y;
      den = (den + (CD[i] as number)) * y;
    }
    tail = ((num + (CC[7] as number)) / (den + (CD[7] as number))) * gaussianFactor(y);
  } else if (y < 38.5) {
    const s = 1 / (x * x);
    let num = (CP[5] as number) * s;
    let den = s;
    for (let i = 0; i < 4; i++) {
      num = (num + (CP[i] as number)) * s;
      den = (den + (CQ[i] as number)) * s;
    }
    const r = (s * (num + (CP[4] as number))) / (den + (CQ[4] as number));
    tail = ((INV_SQRT_2PI - r) / y) * gaussianFactor(y);
  } else if (Number.isNaN(x)) {
    return Number.NaN;
  } else {
    tail = 0;
  }
  return x > 0 ? 1 - tail : tail;
}
