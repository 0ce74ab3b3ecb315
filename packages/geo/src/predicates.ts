import type { Location } from './geometry/locate.js';

export { type Location, locatePoint, pointInPolygonRings, pointInRing } from './geometry/locate.js';

/**
 * A spatial predicate of a join: how the left geometry relates to the right one, as GeoPandas'
 * `sjoin(predicate=…)` and Shapely define them (each one DE-9IM question, answered by GEOS):
 *
 * - `intersects`: any point in common; `disjoint`'s negation.
 * - `within`: every point of left in right, and an interior point in common (a point on a
 *   polygon's boundary is not within it); `contains` is the converse.
 * - `covered_by`: every point of left in right, boundary included; `covers` is the converse.
 * - `contains_properly`: right lies in left's interior, touching none of its boundary.
 * - `touches`: boundaries meet, interiors do not.
 * - `crosses`: interiors meet in a part of lower dimension than the larger one (a line through
 *   a polygon, two lines crossing at a point).
 * - `overlaps`: same dimension, interiors meet, neither inside the other.
 * - `dwithin`: within `distance` (planar, in CRS units) of each other.
 */
export type Predicate =
  | 'intersects'
  | 'within'
  | 'contains'
  | 'touches'
  | 'crosses'
  | 'overlaps'
  | 'covers'
  | 'covered_by'
  | 'contains_properly'
  | 'dwithin';

/** Every predicate, in the order the docs list them. */
export const PREDICATES: readonly Predicate[] = [
  'intersects',
  'within',
  'contains',
  'touches',
  'crosses',
  'overlaps',
  'covers',
  'covered_by',
  'contains_properly',
  'dwithin',
];

/**
 * A predicate between a point (left) and a polygon (right) from where the point lies (0 outside,
 * 1 interior, 2 boundary): a point has no boundary, so it can touch a polygon's boundary, be
 * within or covered by it, and never contain, cover, cross or overlap it.
 */
export function pointPolygon(predicate: Predicate, loc: Location): boolean {
  switch (predicate) {
    case 'intersects':
    case 'covered_by':
      return loc > 0;
    case 'within':
      return loc === 1;
    case 'touches':
      return loc === 2;
    default:
      return false;
  }
}

/** The same for a polygon (left) and a point (right). */
export function polygonPoint(predicate: Predicate, loc: Location): boolean {
  switch (predicate) {
    case 'intersects':
    case 'covers':
      return loc > 0;
    case 'contains':
    case 'contains_properly':
      return loc === 1;
    case 'touches':
      return loc === 2;
    default:
      return false;
  }
}
