import { GeoError } from '../errors.js';
import type { GeoCollection, Geometry, MultiPolygon, Polygon, Position } from '../geojson.js';
import { destroy, fromGeos, toGeos } from './convert.js';
import { type Engine, geosFailure, scratch } from './engine.js';

/**
 * GEOS operations on whole layers: each feature's geometry converted once, checked valid (an
 * invalid one is refused naming the feature and GEOS' reason, with `makeValid` as the repair),
 * and every pointer freed when the work is done, whatever happens.
 */
export class Layer {
  readonly geoms: number[];
  constructor(
    private readonly e: Engine,
    c: GeoCollection,
    readonly name: string,
    checkValid: boolean,
  ) {
    this.geoms = [];
    try {
      c.features.forEach((f, i) => {
        const at = `${name}.features[${i}].geometry`;
        if (f.geometry === null) {
          this.geoms.push(0);
          return;
        }
        const g = toGeos(e, f.geometry, at);
        this.geoms.push(g);
        if (checkValid) assertValid(e, g, at, f.geometry.type);
      });
    } catch (error) {
      this.free();
      throw error;
    }
  }

  free(): void {
    for (const g of this.geoms) destroy(this.e, g);
    this.geoms.length = 0;
  }
}

/** Refuses an invalid GEOS geometry with GEOS' reason (`Self-intersection[x y]`, `Ring Self-intersection`…). */
export function assertValid(e: Engine, g: number, at: string, type: string): void {
  const M = e.module;
  const v = M._GEOSisValid_r(e.ctx, g);
  if (v === 1) return;
  const reasonPtr = M._GEOSisValidReason_r(e.ctx, g);
  const reason = reasonPtr ? M.UTF8ToString(reasonPtr) : geosFailure();
  if (reasonPtr) M._GEOSFree_r(e.ctx, reasonPtr);
  throw new GeoError(
    'invalid-geometry',
    at,
    type,
    'a valid geometry (OGC simple features)',
    `${at} is not a valid ${type}: ${reason}; repair it with makeValid(collection) first`,
  );
}

/** A GEOS result pointer, or a typed error naming what failed. */
export function result(ptr: number, what: string): number {
  if (!ptr) throw new GeoError('engine-failed', what, null, 'a result from GEOS', `${what}: GEOS failed (${geosFailure()})`);
  return ptr;
}

/** GeoJSON of a GEOS result with polygon shells counter-clockwise and holes clockwise (RFC 7946). Frees it. */
export function take(e: Engine, ptr: number): Geometry | null {
  try {
    e.module._GEOSOrientPolygons_r(e.ctx, ptr, 0);
    return fromGeos(e, ptr);
  } finally {
    destroy(e, ptr);
  }
}

/**
 * `g` cut to the rectangle `r` by GEOS' rectangle clipping (`GEOSClipByRect`), as a new pointer:
 * the polygonal part of `g ∩ r`, without the lines and points where `g` only touches `r`. Its
 * output is not guaranteed valid, so 0 is returned unless GEOS calls it valid; the caller then
 * runs the general overlay.
 */
export function clipToRectangle(e: Engine, g: number, r: readonly [number, number, number, number]): number {
  const M = e.module;
  const c = M._GEOSClipByRect_r(e.ctx, g, r[0], r[1], r[2], r[3]);
  if (c === 0) {
    geosFailure();
    return 0;
  }
  if (M._GEOSisValid_r(e.ctx, c) === 1) return c;
  geosFailure();
  destroy(e, c);
  return 0;
}

/** The union of some of a layer's geometries (GEOS' unary union of their collection); caller frees. */
export function unionOf(e: Engine, geoms: number[], what: string): number {
  const M = e.module;
  if (geoms.length === 1) return result(M._GEOSGeom_clone_r(e.ctx, geoms[0] as number), what);
  const clones = geoms.map((g) => M._GEOSGeom_clone_r(e.ctx, g));
  const list = M._malloc(clones.length * 4);
  try {
    M.HEAPU32.set(clones, list >> 2);
    // 7: GEOS_GEOMETRYCOLLECTION; the collection owns the clones.
    const c = result(M._GEOSGeom_createCollection_r(e.ctx, 7, list, clones.length), what);
    try {
      return result(M._GEOSUnaryUnion_r(e.ctx, c), what);
    } finally {
      destroy(e, c);
    }
  } finally {
    M._free(list);
  }
}

/**
 * The union of polygons that form a coverage (they meet only along shared edges with the same
 * vertices, as the countries of a map or the tracts of a census), by GEOS' coverage union: their
 * shared edges are dropped, no overlay runs, several times faster than {@link unionOf}. GEOS does
 * not check that the input is a coverage, so the answer is kept only when it is valid and its
 * area is the sum of the parts' (nothing overlaps); else 0 is returned and the caller runs the
 * unary union. Each of `geoms` must be a valid Polygon or MultiPolygon; caller frees the result.
 */
export function coverageUnionOf(e: Engine, geoms: number[]): number {
  const M = e.module;
  const out = scratch(e, 8);
  const areaOf = (g: number): number => (M._GEOSArea_r(e.ctx, g, out) === 1 ? (M.HEAPF64[out >> 3] as number) : Number.NaN);
  let sum = 0;
  for (const g of geoms) sum += areaOf(g);
  if (!Number.isFinite(sum)) return 0;
  const clones = geoms.map((g) => M._GEOSGeom_clone_r(e.ctx, g));
  const list = M._malloc(clones.length * 4);
  let c = 0;
  try {
    M.HEAPU32.set(clones, list >> 2);
    // 6: GEOS_MULTIPOLYGON would refuse parts that share edges; 7: GEOS_GEOMETRYCOLLECTION owns the clones.
    c = M._GEOSGeom_createCollection_r(e.ctx, 7, list, clones.length);
  } finally {
    M._free(list);
  }
  if (!c) {
    geosFailure();
    for (const g of clones) destroy(e, g);
    return 0;
  }
  try {
    const u = M._GEOSCoverageUnion_r(e.ctx, c);
    if (!u) {
      geosFailure();
      return 0;
    }
    const area = areaOf(u);
    if (M._GEOSisValid_r(e.ctx, u) === 1 && Math.abs(area - sum) <= 1e-12 * Math.max(sum, Number.MIN_VALUE)) return u;
    geosFailure();
    destroy(e, u);
    return 0;
  } finally {
    destroy(e, c);
  }
}

/**
 * The polygonal part of an overlay result, as GeoPandas' `keep_geom_type=True` keeps it: polygons
 * kept, polygons gathered out of a GeometryCollection, lines and points (where pieces only touch)
 * dropped; null when nothing polygonal is left.
 */
export function polygonalPart(g: Geometry | null): Polygon | MultiPolygon | null {
  if (g === null) return null;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return g;
  if (g.type !== 'GeometryCollection') return null;
  const polys: Position[][][] = [];
  const walk = (x: Geometry) => {
    if (x.type === 'Polygon') polys.push(x.coordinates);
    else if (x.type === 'MultiPolygon') polys.push(...x.coordinates);
    else if (x.type === 'GeometryCollection') x.geometries.forEach(walk);
  };
  walk(g);
  if (polys.length === 0) return null;
  return polys.length === 1
    ? { type: 'Polygon', coordinates: polys[0] as Position[][] }
    : { type: 'MultiPolygon', coordinates: polys };
}
