import { bboxClip, difference, intersect, buffer as turfBuffer } from '@turf/turf';
import { assertSameCrs, isGeographic, normaliseCrs, toCrs } from './crs.js';
import { unionAll } from './dissolve.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry, MultiPolygon, Polygon, Position, Properties } from './geojson.js';
import { locatePoint } from './predicates.js';

/** The set operation of {@link overlay}. */
export type OverlayHow = 'intersection' | 'union' | 'difference' | 'symmetric_difference' | 'identity';

/** Options of {@link overlay}. */
export interface OverlayOptions {
  /** Suffixes for property names both sides have (default `['_1', '_2']`, as GeoPandas). */
  suffixes?: [string, string];
}

// biome-ignore lint/suspicious/noExplicitAny: Turf's typings want its own GeoJSON types
type Any = any;

function polygonal(g: Geometry | null): g is Polygon | MultiPolygon {
  return g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

function asFeature(g: Geometry): Any {
  return { type: 'Feature', properties: {}, geometry: g };
}

function clean(g: Geometry | null | undefined): Geometry | null {
  if (g === null || g === undefined) return null;
  if (g.type === 'Polygon' && g.coordinates.length === 0) return null;
  if (g.type === 'MultiPolygon' && g.coordinates.length === 0) return null;
  return g;
}

function intersection(a: Geometry, b: Geometry): Geometry | null {
  const r = intersect({ type: 'FeatureCollection', features: [asFeature(a), asFeature(b)] } as Any);
  return clean(r?.geometry as Geometry | undefined);
}

function minus(a: Geometry, b: Geometry | null): Geometry | null {
  if (b === null) return a;
  const r = difference({ type: 'FeatureCollection', features: [asFeature(a), asFeature(b)] } as Any);
  return clean(r?.geometry as Geometry | undefined);
}

function boxesOverlap(a: number[], b: number[]): boolean {
  return (
    (a[0] as number) <= (b[2] as number) &&
    (b[0] as number) <= (a[2] as number) &&
    (a[1] as number) <= (b[3] as number) &&
    (b[1] as number) <= (a[3] as number)
  );
}

function bounds(g: Geometry): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position) => {
    b[0] = Math.min(b[0] as number, p[0] as number);
    b[1] = Math.min(b[1] as number, p[1] as number);
    b[2] = Math.max(b[2] as number, p[0] as number);
    b[3] = Math.max(b[3] as number, p[1] as number);
  };
  if (g.type === 'Polygon')
    g.coordinates.forEach((r) => {
      r.forEach(visit);
    });
  else if (g.type === 'MultiPolygon')
    g.coordinates.forEach((p) => {
      p.forEach((r) => {
        r.forEach(visit);
      });
    });
  return b;
}

/**
 * GeoPandas' `overlay` for polygon layers (`keep_geom_type=True`): `intersection` gives one
 * feature per overlapping pair with both sides' properties; `difference` each feature of `a` less
 * every feature of `b`; `symmetric_difference` the parts of each layer outside the other (the
 * other side's properties null); `union` the intersection and symmetric difference together;
 * `identity` the intersection and the difference. Clashing property names get `_1`/`_2`.
 * Geometry operations are Turf's (polyclip-ts), planar in the collection's CRS.
 *
 * @throws {GeoError} `crs-mismatch` for layers in different CRSs, `invalid-geometry` for
 *   non-polygon features (naming the layer and index)
 *
 * @example
 * import { overlay, area } from '@ds/geo';
 * const sq = (x0, y0, x1, y1, props) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] } });
 * const parks = { type: 'FeatureCollection', crs: 'EPSG:32618', features: [sq(0, 0, 10, 10, { park: 'P' })] };
 * const zones = { type: 'FeatureCollection', crs: 'EPSG:32618', features: [sq(5, 0, 20, 10, { zone: 'Z' })] };
 * const both = overlay(parks, zones, 'intersection');
 * both.features[0].properties; // => { park: 'P', zone: 'Z' }
 * area(both.features[0], { crs: both.crs }); // => 50
 * overlay(parks, zones, 'union').features.length; // => 3
 */
export function overlay(a: GeoCollection, b: GeoCollection, how: OverlayHow, options: OverlayOptions = {}): GeoCollection {
  if (!['intersection', 'union', 'difference', 'symmetric_difference', 'identity'].includes(how)) {
    throw new GeoError('invalid-type', 'how', how, "'intersection', 'union', 'difference', 'symmetric_difference' or 'identity'");
  }
  const crs = assertSameCrs(a, b, 'overlay');
  const check = (c: GeoCollection, name: string) =>
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
  check(a, 'a');
  check(b, 'b');
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
  const boxA = a.features.map((f) => (f.geometry ? bounds(f.geometry) : null));
  const boxB = b.features.map((f) => (f.geometry ? bounds(f.geometry) : null));
  const out: Feature[] = [];
  const pairs = () => {
    a.features.forEach((fa, i) => {
      b.features.forEach((fb, j) => {
        const ba = boxA[i];
        const bb = boxB[j];
        if (!ba || !bb || !boxesOverlap(ba, bb)) return;
        const g = intersection(fa.geometry as Geometry, fb.geometry as Geometry);
        if (g !== null) out.push({ type: 'Feature', properties: props(fa, fb), geometry: g });
      });
    });
  };
  const diff = (x: GeoCollection, y: GeoCollection, bx: (number[] | null)[], by: (number[] | null)[], side: 'a' | 'b') => {
    x.features.forEach((fx, i) => {
      if (fx.geometry === null) return;
      const others = y.features
        .filter((_, j) => bx[i] && by[j] && boxesOverlap(bx[i] as number[], by[j] as number[]))
        .map((f) => f.geometry);
      // One overlapping feature at a time: cheaper than subtracting their union, which would
      // first have to merge every vertex of the other layer.
      let g: Geometry | null = fx.geometry;
      for (const o of others) {
        if (g === null) break;
        if (o !== null && boxesOverlap(bounds(g), bounds(o))) g = minus(g, o);
      }
      if (g !== null) out.push({ type: 'Feature', properties: side === 'a' ? props(fx, null) : props(null, fx), geometry: g });
    });
  };
  if (how === 'intersection' || how === 'union' || how === 'identity') pairs();
  if (how === 'difference' || how === 'symmetric_difference' || how === 'union' || how === 'identity')
    diff(a, b, boxA, boxB, 'a');
  if (how === 'symmetric_difference' || how === 'union') diff(b, a, boxB, boxA, 'b');
  if (how === 'difference') {
    // GeoPandas keeps only the first layer's columns for a difference.
    for (const f of out) f.properties = Object.fromEntries([...keysA].map((k) => [k, f.properties?.[nameA(k)] ?? null]));
  }
  return { type: 'FeatureCollection', features: out, crs };
}

/**
 * GeoPandas' `clip`: every feature cut to a mask, a polygon collection or geometry, or a box
 * `[minX, minY, maxX, maxY]`. Polygons are intersected with the mask (Turf), lines are cut to a
 * box (Turf's `bboxClip`; a polygon mask is taken by its bounding box for lines), points kept when
 * inside. Features wholly outside the mask are left out, as GeoPandas does.
 *
 * @throws {GeoError} `crs-mismatch` when the mask is a collection in another CRS
 *
 * @example
 * import { clip } from '@ds/geo';
 * const pts = { type: 'FeatureCollection', features: [[1, 1], [5, 5]].map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } })) };
 * clip(pts, [0, 0, 2, 2]).features.length; // => 1
 */
export function clip(collection: GeoCollection, mask: GeoCollection | Geometry | number[]): GeoCollection {
  let maskGeom: Geometry;
  if (Array.isArray(mask)) {
    if (mask.length !== 4 || !mask.every(Number.isFinite))
      throw new GeoError('invalid-type', 'mask', mask, 'a box [minX, minY, maxX, maxY]');
    const [x0, y0, x1, y1] = mask as [number, number, number, number];
    maskGeom = {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    };
  } else if (mask.type === 'FeatureCollection') {
    assertSameCrs(collection, mask, 'clip');
    const u = unionAll(mask.features.map((f) => f.geometry));
    if (!polygonal(u)) throw new GeoError('invalid-geometry', 'mask', u?.type ?? null, 'polygons');
    maskGeom = u;
  } else maskGeom = mask;
  if (!polygonal(maskGeom)) throw new GeoError('invalid-geometry', 'mask.type', maskGeom.type, "'Polygon' or 'MultiPolygon'");
  const mb = bounds(maskGeom);
  const out: Feature[] = [];
  for (const f of collection.features) {
    const g = f.geometry;
    if (g === null) continue;
    let cut: Geometry | null = null;
    if (g.type === 'Point') cut = locatePoint(g.coordinates, maskGeom) > 0 ? g : null;
    else if (g.type === 'MultiPoint') {
      const kept = g.coordinates.filter((p) => locatePoint(p, maskGeom) > 0);
      cut =
        kept.length === 0
          ? null
          : kept.length === 1
            ? { type: 'Point', coordinates: kept[0] as Position }
            : { type: 'MultiPoint', coordinates: kept };
    } else if (g.type === 'LineString' || g.type === 'MultiLineString') {
      const r = bboxClip(asFeature(g), mb as Any).geometry as Geometry;
      cut =
        r.type === 'LineString'
          ? r.coordinates.length > 1
            ? r
            : null
          : r.type === 'MultiLineString'
            ? r.coordinates.some((l) => l.length > 1)
              ? { type: 'MultiLineString', coordinates: r.coordinates.filter((l) => l.length > 1) }
              : null
            : null;
    } else if (polygonal(g)) {
      if (boxesOverlap(bounds(g), mb)) cut = intersection(g, maskGeom);
    } else {
      throw new GeoError('invalid-geometry', 'collection', (g as Geometry).type, 'points, lines or polygons');
    }
    if (cut !== null) out.push({ ...f, geometry: cut });
  }
  const result: GeoCollection = { type: 'FeatureCollection', features: out };
  if (collection.crs !== undefined) result.crs = collection.crs;
  return result;
}

/** Options of {@link buffer}. */
export interface BufferOptions {
  /** Segments per quarter circle (default 8, as GeoPandas' `resolution`). */
  steps?: number;
}

/**
 * Buffers every feature by a distance in metres, whatever the CRS: Turf's `buffer` (which works in
 * an azimuthal equidistant projection around each feature) on WGS 84 coordinates, the collection
 * reprojected there and back when it is in a projected CRS. A negative distance shrinks polygons.
 *
 * @example
 * import { buffer, area } from '@ds/geo';
 * const tree = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [-73.97, 40.78] } }] };
 * const zone = buffer(tree, 100, { steps: 64 });
 * // π · 100² = 31,416 m²; the 256-gon is a little larger (Turf's buffer works on a projection).
 * Math.round(area(zone.features[0])); // => 31452
 */
export function buffer(collection: GeoCollection, metres: number, options: BufferOptions = {}): GeoCollection {
  if (!Number.isFinite(metres)) throw new GeoError('out-of-range', 'metres', metres, 'a finite distance in metres');
  const crs = normaliseCrs(collection.crs);
  const geographic = isGeographic(crs);
  const wgs = geographic ? collection : toCrs(collection, 'EPSG:4326');
  const features: Feature[] = wgs.features.map((f) => {
    if (f.geometry === null) return { ...f };
    const r = turfBuffer(asFeature(f.geometry), metres, { units: 'meters', steps: options.steps ?? 8 }) as Any;
    return { ...f, geometry: (r?.geometry as Geometry | undefined) ?? null };
  });
  const out: GeoCollection = { type: 'FeatureCollection', features, crs: 'EPSG:4326' };
  return geographic ? { ...out, crs } : toCrs(out, crs);
}
