import { clampLatitude, vincenty } from '../measure.js';

export { clampLatitude };

/**
 * Geodesic distance from a point to the edges of a geometry on WGS 84. An edge is the straight
 * segment between its vertices in longitude/latitude (RFC 7946; what Shapely and the
 * point-in-polygon test take it to be), never wrapped across the antimeridian: an edge from
 * 179° to −179° runs the long way, through 0°.
 */

const RAD = Math.PI / 180;
// WGS 84 (EPSG:7030): a and f; the smallest radius of curvature on the ellipsoid is the
// meridional one at the equator, a(1 − e²).
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
/**
 * A geodesic of length s turns the surface normal by at most s / ρmin, so s ≥ ρmin · (angle
 * between the normals at its ends), and the normal at geodetic (φ, λ) is the unit vector of
 * spherical (φ, λ): ρmin times a spherical angle is a lower bound of the ellipsoidal distance.
 */
export const RHO_MIN = A * (1 - E2);

/** Longest piece an edge is cut into, in degrees of longitude or latitude (exact: edges are straight). */
export const PIECE_DEGREES = 1;

/**
 * 1 − cos of the smallest spherical angle between a point (longitude `lon`, with the sine and
 * cosine of its latitude) and a longitude/latitude box [x0, x1] × [y0, y1] (x0 ≤ x1, not crossing
 * the antimeridian); monotone in the angle, so it orders boxes without an arccosine. Inside the
 * box's longitudes the latitude gap decides; outside, the nearer meridian side (along a parallel
 * the angle grows with the longitude difference), and on that meridian the nearest latitude is
 * the foot of the perpendicular clamped to the side.
 */
export function versineToBox(
  lon: number,
  lat: number,
  sinLat: number,
  cosLat: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  const c = (x0 + x1) / 2;
  const h = (x1 - x0) / 2;
  let dl = Math.abs(lon - c) % 360;
  if (dl > 180) dl = 360 - dl;
  if (dl <= h) {
    const gap = Math.max(0, y0 - lat, lat - y1);
    return gap === 0 ? 0 : 1 - Math.cos(gap * RAD);
  }
  const cd = Math.cos((dl - h) * RAD);
  const foot = Math.atan2(sinLat, cosLat * cd) / RAD;
  let cosTheta: number;
  if (foot >= y0 && foot <= y1) cosTheta = Math.sqrt(sinLat * sinLat + cosLat * cosLat * cd * cd);
  else {
    const y = (foot < y0 ? y0 : y1) * RAD;
    cosTheta = cosLat * cd * Math.cos(y) + sinLat * Math.sin(y);
  }
  return 1 - Math.min(1, Math.max(-1, cosTheta));
}

/**
 * The versine (1 − cos) of the angle `metres / ρmin`: the bound a distance sets in
 * {@link versineToBox}'s terms, widened by a metre, more than the rounding of 1 − cos near 0
 * (about 0.1 m), so that no box is pruned by rounding.
 */
export function versineOfDistance(metres: number): number {
  const angle = (metres + 1) / RHO_MIN;
  return angle >= Math.PI ? 2 : 1 - Math.cos(angle);
}

/** 1 − cos of the spherical angle between (lon1, lat1) and (lon2, lat2): monotone in the angle, cheap. */
function versine(lon1: number, sinLat1: number, cosLat1: number, lon2: number, lat2: number): number {
  const p2 = lat2 * RAD;
  return 1 - (sinLat1 * Math.sin(p2) + cosLat1 * Math.cos(p2) * Math.cos((lon2 - lon1) * RAD));
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Geodesic distance (metres) from (lon, lat) to the segment a–b (straight in lon/lat, at most
 * {@link PIECE_DEGREES} long so that the distance along it has one minimum): the nearest point
 * is found on the sphere by golden-section search, then refined on the ellipsoid (Vincenty) in a
 * window around it; the ends are measured too, so a vertex shared by two features gives both the
 * same distance. With `refine: false` only the sphere's nearest point is measured, an upper
 * bound within about 10⁻⁵ of the distance, to rank candidates before refining the best.
 */
export function pointPieceDistance(
  lon: number,
  lat: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  refine = true,
): number {
  if (ax === bx && ay === by) return vincenty(lon, lat, ax, ay);
  const sp = Math.sin(lat * RAD);
  const cp = Math.cos(lat * RAD);
  const dx = bx - ax;
  const dy = by - ay;
  const onSphere = (t: number) => versine(lon, sp, cp, ax + t * dx, ay + t * dy);
  let lo = 0;
  let hi = 1;
  let m1 = hi - GOLDEN * (hi - lo);
  let m2 = lo + GOLDEN * (hi - lo);
  let f1 = onSphere(m1);
  let f2 = onSphere(m2);
  for (let k = 0; k < 32 && hi - lo > 1e-9; k++) {
    if (f1 < f2) {
      hi = m2;
      m2 = m1;
      f2 = f1;
      m1 = hi - GOLDEN * (hi - lo);
      f1 = onSphere(m1);
    } else {
      lo = m1;
      m1 = m2;
      f1 = f2;
      m2 = lo + GOLDEN * (hi - lo);
      f2 = onSphere(m2);
    }
  }
  const t0 = (lo + hi) / 2;
  const at = (t: number) => vincenty(lon, lat, ax + t * dx, ay + t * dy);
  const d0 = at(t0);
  if (!refine) return d0;
  const dA = vincenty(lon, lat, ax, ay);
  const dB = vincenty(lon, lat, bx, by);
  let best = Math.min(dA, dB);
  // The ellipsoid moves the foot by well under 1% of the distance from the sphere's: search a
  // window of 2% of the distance (in units of t) on the ellipsoid itself.
  const len = Math.max(vincenty(ax, ay, bx, by), 1e-9);
  const w = Math.min(1, (0.02 * d0) / len + 1e-9);
  // Stop when the window is s metres long with s²/(2d) ≤ 10 µm, the distance's error from
  // missing the foot by s (the distance is flat to second order there).
  const enough = Math.max(1e-6, Math.sqrt(2e-5 * d0)) / len;
  lo = Math.max(0, t0 - w);
  hi = Math.min(1, t0 + w);
  m1 = hi - GOLDEN * (hi - lo);
  m2 = lo + GOLDEN * (hi - lo);
  f1 = at(m1);
  f2 = at(m2);
  for (let k = 0; k < 60 && hi - lo > enough; k++) {
    if (f1 < f2) {
      hi = m2;
      m2 = m1;
      f2 = f1;
      m1 = hi - GOLDEN * (hi - lo);
      f1 = at(m1);
    } else {
      lo = m1;
      m1 = m2;
      f1 = f2;
      m2 = lo + GOLDEN * (hi - lo);
      f2 = at(m2);
    }
  }
  best = Math.min(best, d0, f1, f2);
  return best;
}

/**
 * Cuts an edge into pieces of at most {@link PIECE_DEGREES} in longitude and latitude, calling
 * `piece` with each. The direction is normalised first (the lesser endpoint first), so an edge
 * shared by two features, in either direction, gives the same pieces, and the same distances.
 */
export function eachPiece(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  piece: (ax: number, ay: number, bx: number, by: number) => void,
): void {
  if (bx < ax || (bx === ax && by < ay)) {
    const tx = ax;
    const ty = ay;
    ax = bx;
    ay = by;
    bx = tx;
    by = ty;
  }
  const n = Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax), Math.abs(by - ay)) / PIECE_DEGREES));
  let px = ax;
  let py = ay;
  for (let k = 1; k <= n; k++) {
    const qx = k === n ? bx : ax + ((bx - ax) * k) / n;
    const qy = k === n ? by : ay + ((by - ay) * k) / n;
    piece(px, py, qx, qy);
    px = qx;
    py = qy;
  }
}
