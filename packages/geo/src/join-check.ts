import { checkString } from './check.js';
import { assertSameCrs } from './crs.js';
import type { Feature, GeoCollection, Point } from './geojson.js';
import { checkCollection, checkOptions } from './geometry/check.js';
import { pointsInPolygons } from './join/points.js';

/** Options of {@link joinCheck}. */
export interface JoinCheckOptions {
  /** The point property holding the polygon the point claims to be in. */
  claimed: string;
  /** The polygon property holding the same label. */
  label: string;
}

/** What {@link joinCheck} found. */
export interface JoinCheckResult {
  /** Points checked (features with a point geometry and a claimed label). */
  checked: number;
  /** Points inside the polygon they claim. */
  agree: number;
  /** Points inside a polygon other than the one they claim. */
  disagree: number;
  /** Points inside no polygon at all. */
  unmatched: number;
  /** agree / checked; NaN when no point was checked (0 of 0: none had the claimed property, see `skipped`). */
  agreementRate: number;
  /** Points without a claimed label or a geometry, left out and counted. */
  skipped: number;
  /**
   * The disagreeing and unmatched points with `status` (`'disagree'` or `'unmatched'`), `claimed`
   * and `found` (the label of the polygon the point lies in, or null), ready as a map layer.
   */
  problems: GeoCollection<Point>;
}

/**
 * Checks points that carry a label of the polygon they claim to be in (a tree's recorded
 * neighbourhood, an address' district) against where they are: the agreement rate, and the points
 * that disagree or fall in no polygon, as a collection for a map layer. A data-quality check
 * before trusting a table's location column, or a geocoder.
 *
 * @throws {GeoError} `crs-mismatch` for collections in different CRSs
 *
 * @example
 * import { joinCheck } from '@ds/geo';
 * const sq = (x, name) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] } });
 * const areas = { type: 'FeatureCollection', features: [sq(0, 'A'), sq(1, 'B')] };
 * const pt = (x, area) => ({ type: 'Feature', properties: { area }, geometry: { type: 'Point', coordinates: [x, 0.5] } });
 * const trees = { type: 'FeatureCollection', features: [pt(0.5, 'A'), pt(1.5, 'A'), pt(1.6, 'B'), pt(9, 'B')] };
 * const r = joinCheck(trees, areas, { claimed: 'area', label: 'name' });
 * [r.agree, r.disagree, r.unmatched, r.agreementRate]; // => [2, 1, 1, 0.5]
 * r.problems.features.map((f) => f.properties.status); // => ['disagree', 'unmatched']
 */
export function joinCheck(points: GeoCollection, polygons: GeoCollection, options: JoinCheckOptions): JoinCheckResult {
  checkCollection(points, 'points');
  checkCollection(polygons, 'polygons');
  checkOptions(options, 'options');
  const crs = assertSameCrs(points, polygons, 'joinCheck');
  checkString('claimed', options.claimed, false, 1_000);
  checkString('label', options.label, false, 1_000);
  const used: Feature[] = [];
  let skipped = 0;
  for (const f of points.features) {
    if (f.geometry?.type === 'Point' && f.properties?.[options.claimed] !== null && f.properties?.[options.claimed] !== undefined)
      used.push(f);
    else skipped++;
  }
  const x = new Float64Array(used.length);
  const y = new Float64Array(used.length);
  used.forEach((f, i) => {
    const c = (f.geometry as Point).coordinates;
    x[i] = c[0] as number;
    y[i] = c[1] as number;
  });
  const r = pointsInPolygons({ x, y }, polygons);
  // Every polygon each point lies in (overlapping polygons: agreeing with any counts).
  const found: string[][] = used.map(() => []);
  r.pointIndex.forEach((p, k) => {
    found[p]?.push(String(polygons.features[r.polygonIndex[k] as number]?.properties?.[options.label]));
  });
  let agree = 0;
  let disagree = 0;
  let unmatched = 0;
  const problems: Feature<Point>[] = [];
  used.forEach((f, i) => {
    const claimed = String(f.properties?.[options.claimed]);
    const here = found[i] as string[];
    if (here.includes(claimed)) {
      agree++;
      return;
    }
    const status = here.length === 0 ? 'unmatched' : 'disagree';
    if (status === 'unmatched') unmatched++;
    else disagree++;
    problems.push({
      type: 'Feature',
      geometry: f.geometry as Point,
      properties: { ...f.properties, status, claimed, found: here[0] ?? null },
    });
  });
  const checked = used.length;
  return {
    checked,
    agree,
    disagree,
    unmatched,
    agreementRate: checked === 0 ? Number.NaN : agree / checked,
    skipped,
    problems: { type: 'FeatureCollection', features: problems, crs },
  };
}
