import Flatbush from 'flatbush';
import { assertSameCrs } from './crs.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry, Properties } from './geojson.js';
import { checkCollection, checkGeometries, checkGeometry, checkOptions } from './geometry/check.js';
import { destroy, toGeos } from './geometry/convert.js';
import { geos } from './geometry/engine.js';
import { clipToRectangle, Layer, polygonalPart, result, take, unionOf } from './geometry/operations.js';
import { geometryBbox } from './geometry/positions.js';
import { type Box, boxInside, rectangleOf, rectanglesCover } from './geometry/rectangle.js';
import { tick } from './join/progress.js';

/** The set operation of {@link overlay}. */
export type OverlayHow = 'intersection' | 'union' | 'difference' | 'symmetric_difference' | 'identity';

const HOWS: readonly OverlayHow[] = ['intersection', 'union', 'difference', 'symmetric_difference', 'identity'];

/** Options of {@link overlay}. */
export interface OverlayOptions {
  /** Suffixes for property names both sides have (default `['_1', '_2']`, as GeoPandas). */
  suffixes?: [string, string];
  /**
   * Keep only polygons (default true, GeoPandas' `keep_geom_type=True`): where pieces only touch,
   * their line or point intersection is dropped, and polygons are taken out of mixed collections.
   * `false` keeps every piece whole, whatever its type.
   */
  keepGeomType?: boolean;
  /** Called every 4,096 features with the share done. */
  onProgress?: (done: number) => void;
  /** Stops the overlay with the signal's reason. */
  signal?: AbortSignal;
}

function sameBox(p: Box | null, q: Box): boolean {
  return p !== null && p[0] === q[0] && p[1] === q[1] && p[2] === q[2] && p[3] === q[3];
}

function polygonal(g: Geometry | null): boolean {
  return g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

/**
 * GeoPandas' `overlay` for polygon layers, computed by GEOS (OverlayNG, with its robust noding):
 *
 * - `intersection`: one feature per pair (a feature of `a`, a feature of `b`) that intersect,
 *   with both sides' properties, in `a` order then `b` order;
 * - `difference`: each feature of `a` less the features of `b` it intersects (only `a`'s
 *   properties);
 * - `symmetric_difference`: the differences both ways, `a`'s then `b`'s, the other side's
 *   properties null;
 * - `union`: the intersection, then the symmetric difference;
 * - `identity`: the intersection, then the difference.
 *
 * Empty results are dropped, and with `keepGeomType` (the default) so is what is not polygonal.
 * Every output geometry is valid (GEOS' overlay output), shells counter-clockwise (RFC 7946).
 * Clashing property names get `_1`/`_2`. Planar, in the layers' CRS. Needs the engine
 * ({@link startGeometryEngine}).
 *
 * @throws {GeoError} `crs-mismatch` for layers in different CRSs; `invalid-geometry` for
 *   non-polygon features, or invalid ones (a self-intersecting ring: repair with `makeValid`),
 *   naming the layer and index; `engine-not-started` before `startGeometryEngine`
 *
 * @example
 * import { area, overlay, startGeometryEngine } from '@ds/geo';
 * await startGeometryEngine();
 * const sq = (x0, y0, x1, y1, props) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] } });
 * const parks = { type: 'FeatureCollection', crs: 'EPSG:32618', features: [sq(0, 0, 10, 10, { park: 'P' })] };
 * const zones = { type: 'FeatureCollection', crs: 'EPSG:32618', features: [sq(5, 0, 20, 10, { zone: 'Z' })] };
 * const both = overlay(parks, zones, 'intersection');
 * both.features[0].properties; // => { park: 'P', zone: 'Z' }
 * area(both.features[0], { crs: both.crs }); // => 50
 * overlay(parks, zones, 'union').features.map((f) => area(f, { crs: 'EPSG:32618' })); // => [50, 50, 100]
 */
export function overlay(a: GeoCollection, b: GeoCollection, how: OverlayHow, options: OverlayOptions = {}): GeoCollection {
  checkCollection(a, 'a');
  checkCollection(b, 'b');
  checkOptions(options, 'options');
  if (!HOWS.includes(how)) throw new GeoError('invalid-type', 'how', how, HOWS.map((h) => `'${h}'`).join(', '));
  if (options.keepGeomType !== undefined && typeof options.keepGeomType !== 'boolean')
    throw new GeoError('invalid-type', 'keepGeomType', options.keepGeomType, 'true or false');
  const crs = assertSameCrs(a, b, 'overlay');
  const onlyPolygons = (c: GeoCollection, name: string) =>
    c.features.forEach((f, i) => {
      if (f.geometry !== null && !polygonal(f.geometry)) {
        throw new GeoError(
          'invalid-geometry',
          `${name}.features[${i}].geometry.type`,
          f.geometry.type,
          "'Polygon' or 'MultiPolygon' (overlay works on polygon layers)",
        );
      }
    });
  onlyPolygons(a, 'a');
  onlyPolygons(b, 'b');
  checkGeometries(a, 'a');
  checkGeometries(b, 'b');
  const keep = options.keepGeomType !== false;
  const [s1, s2] = options.suffixes ?? ['_1', '_2'];
  const keysA = new Set(a.features.flatMap((f) => Object.keys(f.properties ?? {})));
  const keysB = new Set(b.features.flatMap((f) => Object.keys(f.properties ?? {})));
  const nameA = (k: string) => (keysB.has(k) ? k + s1 : k);
  const nameB = (k: string) => (keysA.has(k) ? k + s2 : k);
  const props = (fa: Feature | null, fb: Feature | null): Properties => {
    const p: Properties = {};
    for (const k of keysA) p[nameA(k)] = fa?.properties?.[k] ?? null;
    for (const k of keysB) p[nameB(k)] = fb?.properties?.[k] ?? null;
    return p;
  };
  const e = geos('overlay');
  const M = e.module;
  const A = new Layer(e, a, 'a', true);
  let B: Layer | null = null;
  const out: Feature[] = [];
  const total = a.features.length + b.features.length;
  let done = 0;
  const step = () => tick(options, done++, total);
  const emit = (g: Geometry | null, p: Properties) => {
    const piece = keep ? polygonalPart(g) : g;
    if (piece !== null) out.push({ type: 'Feature', properties: p, geometry: piece });
  };
  try {
    B = new Layer(e, b, 'b', true);
    // Which features of `other` intersect each feature of `side` (boxes, then GEOS' prepared intersects).
    const neighbours = (side: Layer, other: Layer, sideC: GeoCollection, otherC: GeoCollection): number[][] => {
      const index = otherC.features.length > 0 ? new Flatbush(otherC.features.length) : null;
      for (const f of otherC.features) {
        if (f.geometry === null) index?.add(Infinity, Infinity, Infinity, Infinity);
        else {
          const bb = geometryBbox(f.geometry);
          index?.add(bb[0] as number, bb[1] as number, bb[2] as number, bb[3] as number);
        }
      }
      index?.finish();
      return sideC.features.map((f, i) => {
        step();
        if (f.geometry === null || index === null) return [];
        const bb = geometryBbox(f.geometry);
        const candidates = index.search(bb[0] as number, bb[1] as number, bb[2] as number, bb[3] as number).sort((x, y) => x - y);
        if (candidates.length === 0) return [];
        const prep = M._GEOSPrepare_r(e.ctx, side.geoms[i] as number);
        try {
          return candidates.filter((j) => M._GEOSPreparedIntersects_r(e.ctx, prep, other.geoms[j] as number) === 1);
        } finally {
          M._GEOSPreparedGeom_destroy_r(e.ctx, prep);
        }
      });
    };
    const nA = neighbours(A, B, a, b);
    // Whether the rectangles among `rects` cover the box `bb` (each list indexed once, when first asked).
    const rectIndexes = new Map<(Box | null)[], { index: Flatbush; boxes: Box[] } | null>();
    const covered = (rects: (Box | null)[], bb: number[]): boolean => {
      let found = rectIndexes.get(rects);
      if (found === undefined) {
        const boxes = rects.filter((r): r is Box => r !== null);
        found = null;
        if (boxes.length > 0) {
          const index = new Flatbush(boxes.length);
          for (const r of boxes) index.add(r[0], r[1], r[2], r[3]);
          index.finish();
          found = { index, boxes };
        }
        rectIndexes.set(rects, found);
      }
      if (found === null) return false;
      const near = found.index.search(bb[0] as number, bb[1] as number, bb[2] as number, bb[3] as number);
      return (
        near.length > 0 &&
        rectanglesCover(
          near.map((k) => found.boxes[k] as Box),
          bb,
        )
      );
    };
    // Rectangles (grid cells, tiles) are cut by GEOS' rectangle clipping, several times cheaper
    // than a general overlay; its output is kept only when GEOS calls it valid, else the overlay
    // runs. It leaves out the lines and points where pieces only touch, so only with keepGeomType.
    const rectsA = a.features.map((f) => rectangleOf(f.geometry));
    const rectsB = b.features.map((f) => rectangleOf(f.geometry));
    // For a union, b's rectangles less the features of a come next: a rectangle whose piece is
    // all of it (a grid cell inside a country) is noted here, as nothing of it will be left.
    const whole = new Set<number>();
    const intersection = () => {
      nA.forEach((js, i) => {
        for (const j of js) {
          const what = `overlay: a.features[${i}] ∩ b.features[${j}]`;
          const ra = keep ? rectsA[i] : null;
          const rb = keep ? rectsB[j] : null;
          let piece = 0;
          if (rb) piece = clipToRectangle(e, A.geoms[i] as number, rb);
          else if (ra) piece = clipToRectangle(e, (B as Layer).geoms[j] as number, ra);
          if (piece === 0)
            piece = result(M._GEOSIntersection_r(e.ctx, A.geoms[i] as number, (B as Layer).geoms[j] as number), what);
          const g = take(e, piece);
          if (rb && how === 'union' && g !== null && sameBox(rectangleOf(g), rb)) whole.add(j);
          emit(g, props(a.features[i] as Feature, b.features[j] as Feature));
        }
      });
    };
    const difference = (side: Layer, other: Layer, sideC: GeoCollection, near: number[][], name: 'a' | 'b') => {
      near.forEach((js, i) => {
        const f = sideC.features[i] as Feature;
        if (f.geometry === null) return;
        const p = name === 'a' ? props(f, null) : props(null, f);
        if (js.length === 0) {
          emit(f.geometry, p);
          return;
        }
        const what = `overlay: ${name}.features[${i}] less what it meets`;
        const rects = name === 'a' ? rectsB : rectsA;
        // Rectangles of the other layer that cover the feature's box leave nothing (a country in a
        // grid): those meeting the box are tested, whether or not they meet the feature itself.
        if (covered(rects, geometryBbox(f.geometry))) return;
        // A rectangle that a feature of the other layer covers whole leaves nothing (a grid cell
        // inside a country). Otherwise the feature less its neighbours, whole: GEOS' overlay cuts
        // them to the feature's envelope itself (cutting them first, to the rectangle or a grown
        // one, measured no faster, and cutting to the rectangle leaves zero-area slivers where
        // two neighbours meet on its edge).
        if (name === 'b' && whole.has(i)) return;
        emit(
          take(
            e,
            lessAll(
              side.geoms[i] as number,
              js.map((j) => other.geoms[j] as number),
              what,
            ),
          ),
          p,
        );
      });
    };
    /** `g` less every geometry of `others`, as a new pointer. */
    const lessAll = (g0: number, others: number[], what: string): number => {
      // A small piece less large neighbours: one neighbour at a time (as GeoPandas), each
      // difference working on what is left, far cheaper than first merging the neighbours. A
      // large piece less small neighbours: their union first, then one difference.
      const size = (ptr: number) => M._GEOSGetNumCoordinates_r(e.ctx, ptr);
      let g: number;
      if (size(g0) >= others.reduce((n, o) => n + size(o), 0)) {
        const u = unionOf(e, others, what);
        try {
          g = result(M._GEOSDifference_r(e.ctx, g0, u), what);
        } finally {
          destroy(e, u);
        }
      } else {
        g = result(M._GEOSGeom_clone_r(e.ctx, g0), what);
        try {
          for (const o of others) {
            const next = result(M._GEOSDifference_r(e.ctx, g, o), what);
            destroy(e, g);
            g = next;
            if (M._GEOSisEmpty_r(e.ctx, g) === 1) break;
          }
        } catch (error) {
          destroy(e, g);
          throw error;
        }
      }
      return g;
    };
    if (how === 'intersection' || how === 'union' || how === 'identity') intersection();
    if (how !== 'intersection') difference(A, B, a, nA, 'a');
    if (how === 'symmetric_difference' || how === 'union') {
      // b's neighbours in a are nA turned round.
      const nB: number[][] = b.features.map(() => []);
      nA.forEach((js, i) => {
        for (const j of js) nB[j]?.push(i);
      });
      difference(B, A, b, nB, 'b');
    }
  } finally {
    A.free();
    B?.free();
  }
  if (how === 'difference') {
    // GeoPandas keeps only the first layer's columns for a difference.
    for (const f of out) f.properties = Object.fromEntries([...keysA].map((k) => [k, f.properties?.[nameA(k)] ?? null]));
  }
  return { type: 'FeatureCollection', features: out, crs };
}

/** Options of {@link clip}. */
export interface ClipOptions {
  /**
   * Keep only pieces of each feature's own geometry type (default false, as GeoPandas' `clip`):
   * a polygon that only touches the mask along an edge then gives nothing instead of a line.
   */
  keepGeomType?: boolean;
  /** Called every 4,096 features with the share done. */
  onProgress?: (done: number) => void;
  /** Stops the clip with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * GeoPandas' `clip`: every feature cut to a mask, a polygon collection (its union), a polygon,
 * or a box `[minX, minY, maxX, maxY]`, by GEOS: a box by GEOS' rectangle clipping (GeoPandas'
 * `clip_by_rect` path), a polygon mask by intersection. Points are kept when they intersect
 * the mask (boundary included). Features wholly outside the mask and empty pieces are left out,
 * as GeoPandas does; properties are kept. A feature inside the box or a rectangular mask, or
 * properly inside a polygon mask, is kept as it is (its geometry object shared with the input). Needs the engine ({@link startGeometryEngine}).
 *
 * @throws {GeoError} `crs-mismatch` when the mask is a collection in another CRS;
 *   `invalid-geometry` for a bad box or invalid mask; `engine-not-started`
 *
 * @example
 * import { clip, startGeometryEngine } from '@ds/geo';
 * await startGeometryEngine();
 * const pts = { type: 'FeatureCollection', features: [[1, 1], [5, 5]].map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } })) };
 * clip(pts, [0, 0, 2, 2]).features.length; // => 1
 * const road = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[-1, 1], [3, 1]] } }] };
 * clip(road, [0, 0, 2, 2]).features[0].geometry.coordinates; // => [[0, 1], [2, 1]]
 */
export function clip(
  collection: GeoCollection,
  mask: GeoCollection | Geometry | number[],
  options: ClipOptions = {},
): GeoCollection {
  checkCollection(collection, 'collection');
  checkOptions(options, 'options');
  if (options.keepGeomType !== undefined && typeof options.keepGeomType !== 'boolean')
    throw new GeoError('invalid-type', 'keepGeomType', options.keepGeomType, 'true or false');
  checkGeometries(collection, 'collection');
  let box: [number, number, number, number] | null = null;
  let maskGeoms: Geometry[] = [];
  if (Array.isArray(mask)) {
    if (mask.length !== 4 || !mask.every((v) => typeof v === 'number' && Number.isFinite(v)))
      throw new GeoError('invalid-type', 'mask', mask, 'a box [minX, minY, maxX, maxY] of finite numbers');
    const [x0, y0, x1, y1] = mask as [number, number, number, number];
    if (!(x0 <= x1 && y0 <= y1)) throw new GeoError('out-of-range', 'mask', mask, 'a box with minX ≤ maxX and minY ≤ maxY');
    box = [x0, y0, x1, y1];
  } else if (mask !== null && typeof mask === 'object' && mask.type === 'FeatureCollection') {
    checkCollection(mask, 'mask');
    assertSameCrs(collection, mask, 'clip');
    checkGeometries(mask, 'mask');
    maskGeoms = mask.features.flatMap((f) => (f.geometry === null ? [] : [f.geometry]));
  } else if (mask !== null && typeof mask === 'object' && typeof (mask as Geometry).type === 'string') {
    checkGeometry(mask as Geometry, 'mask');
    maskGeoms = [mask as Geometry];
  } else {
    throw new GeoError(
      'invalid-type',
      'mask',
      mask,
      'a box [minX, minY, maxX, maxY], a polygon geometry or a FeatureCollection of polygons',
    );
  }
  maskGeoms.forEach((g, i) => {
    if (!polygonal(g)) throw new GeoError('invalid-geometry', `mask geometry ${i} type`, g.type, "'Polygon' or 'MultiPolygon'");
  });
  const e = geos('clip');
  const M = e.module;
  const keepType = options.keepGeomType === true;
  const out: Feature[] = [];
  let maskPtr = 0;
  let prep = 0;
  try {
    if (box === null) {
      const parts = maskGeoms.map((g, i) => toGeos(e, g, `mask[${i}]`));
      try {
        parts.forEach((p, i) => {
          const v = M._GEOSisValid_r(e.ctx, p);
          if (v !== 1)
            throw new GeoError(
              'invalid-geometry',
              `mask[${i}]`,
              maskGeoms[i]?.type,
              'a valid polygon',
              `mask[${i}] is not a valid polygon; repair it with makeValid first`,
            );
        });
        maskPtr = parts.length === 0 ? 0 : unionOf(e, parts, 'clip: the union of the mask');
      } finally {
        for (const p of parts) destroy(e, p);
      }
      if (maskPtr === 0) return withCrs({ type: 'FeatureCollection', features: [] }, collection);
      prep = M._GEOSPrepare_r(e.ctx, maskPtr);
    }
    const mb = box ?? maskBox(maskGeoms);
    // A feature inside the box, or inside a mask that is one rectangle, is its own piece: no engine call.
    const within = box ?? (maskGeoms.length === 1 ? rectangleOf(maskGeoms[0] as Geometry) : null);
    collection.features.forEach((f, i) => {
      tick(options, i, collection.features.length);
      const g = f.geometry;
      if (g === null) return;
      const bb = geometryBbox(g);
      if ((bb[0] as number) > mb[2] || (bb[2] as number) < mb[0] || (bb[1] as number) > mb[3] || (bb[3] as number) < mb[1])
        return;
      if (within !== null && boxInside(bb, within)) {
        out.push({ ...f });
        return;
      }
      const at = `collection.features[${i}].geometry`;
      const gp = toGeos(e, g, at);
      try {
        let cut: Geometry | null;
        if (g.type === 'Point' || g.type === 'MultiPoint') {
          // Points are kept whole when they meet the mask (GeoPandas), pieces of a multipoint cut.
          if (box !== null) {
            const inside = (p: number[]) =>
              (p[0] as number) >= box[0] &&
              (p[0] as number) <= box[2] &&
              (p[1] as number) >= box[1] &&
              (p[1] as number) <= box[3];
            if (g.type === 'Point') cut = inside(g.coordinates) ? g : null;
            else {
              const kept = g.coordinates.filter(inside);
              cut =
                kept.length === 0
                  ? null
                  : kept.length === 1
                    ? { type: 'Point', coordinates: kept[0] as number[] }
                    : { type: 'MultiPoint', coordinates: kept };
            }
          } else cut = take(e, result(M._GEOSIntersection_r(e.ctx, gp, maskPtr), `clip: ${at}`));
        } else if (box !== null) {
          cut = take(e, result(M._GEOSClipByRect_r(e.ctx, gp, box[0], box[1], box[2], box[3]), `clip: ${at}`));
        } else if (M._GEOSPreparedContainsProperly_r(e.ctx, prep, gp) === 1) cut = g;
        else if (M._GEOSPreparedIntersects_r(e.ctx, prep, gp) !== 1) cut = null;
        else cut = take(e, result(M._GEOSIntersection_r(e.ctx, gp, maskPtr), `clip: ${at}`));
        if (cut !== null && keepType) cut = sameKind(g, cut);
        if (cut !== null) out.push({ ...f, geometry: cut });
      } finally {
        destroy(e, gp);
      }
    });
  } finally {
    if (prep) M._GEOSPreparedGeom_destroy_r(e.ctx, prep);
    destroy(e, maskPtr);
  }
  return withCrs({ type: 'FeatureCollection', features: out }, collection);
}

function withCrs(out: GeoCollection, like: GeoCollection): GeoCollection {
  if (like.crs !== undefined) out.crs = like.crs;
  return out;
}

function maskBox(gs: Geometry[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of gs) {
    const x = geometryBbox(g);
    b[0] = Math.min(b[0], x[0] as number);
    b[1] = Math.min(b[1], x[1] as number);
    b[2] = Math.max(b[2], x[2] as number);
    b[3] = Math.max(b[3], x[3] as number);
  }
  return b;
}

/** The parts of `cut` of the same dimension as `like` (GeoPandas' keep_geom_type for clip). */
function sameKind(like: Geometry, cut: Geometry): Geometry | null {
  const dim = (t: string) => (t.endsWith('Polygon') ? 2 : t.endsWith('LineString') ? 1 : t.endsWith('Point') ? 0 : -1);
  const want = dim(like.type);
  if (dim(cut.type) === want) return cut;
  if (cut.type !== 'GeometryCollection') return null;
  if (want === 2) return polygonalPart(cut);
  const parts = cut.geometries.filter((g) => dim(g.type) === want);
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as Geometry) : { type: 'GeometryCollection', geometries: parts };
}
