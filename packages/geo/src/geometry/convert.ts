import { GeoError } from '../errors.js';
import type { Geometry, Position } from '../geojson.js';
import { type Engine, geosFailure, scratch } from './engine.js';

// GEOS geometry type ids (geos_c.h, GEOSGeomTypes).
const POINT = 0;
const LINESTRING = 1;
const LINEARRING = 2;
const POLYGON = 3;
const MULTIPOINT = 4;
const MULTILINESTRING = 5;
const MULTIPOLYGON = 6;
const COLLECTION = 7;

/**
 * A GEOS geometry (a pointer into the WebAssembly heap, owned by the caller: free it with
 * {@link destroy}) from a GeoJSON geometry, checked on the way: finite coordinates, lines of two
 * or more positions, closed rings of four or more, no empty parts. `at` names the geometry in
 * errors (`left.features[3].geometry`).
 */
export function toGeos(e: Engine, g: Geometry, at: string): number {
  if (g === null || typeof g !== 'object') throw new GeoError('invalid-geometry', at, g, 'a GeoJSON geometry');
  const M = e.module;
  const ctx = e.ctx;
  const sequence = (coords: Position[], where: string, ring: boolean): number => {
    if (!Array.isArray(coords)) throw new GeoError('invalid-geometry', where, coords, 'an array of positions');
    const n = coords.length;
    if (n === 0) throw empty(where);
    if (ring) {
      if (n < 4) throw new GeoError('invalid-geometry', where, `${n} positions`, 'a ring of at least 4 positions');
      const a = coords[0] as Position;
      const b = coords[n - 1] as Position;
      if (a[0] !== b[0] || a[1] !== b[1])
        throw new GeoError(
          'invalid-geometry',
          where,
          `${n} positions`,
          'a closed ring (first position = last)',
          `${where} must be a closed ring (first position = last); readGeoJSON(…, { repair: true }) closes it`,
        );
    } else if (n < 2) throw new GeoError('invalid-geometry', where, `${n} position`, 'a line of at least 2 positions');
    const ptr = scratch(e, n * 16);
    const heap = M.HEAPF64;
    let k = ptr >> 3;
    for (let i = 0; i < n; i++) {
      const p = coords[i] as Position;
      const x = p?.[0];
      const y = p?.[1];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
        throw new GeoError('invalid-geometry', `${where}[${i}]`, p, 'a position of finite numbers [x, y]');
      }
      heap[k++] = x;
      heap[k++] = y;
    }
    return M._GEOSCoordSeq_copyFromBuffer_r(ctx, ptr, n, 0, 0);
  };
  const point = (p: Position, where: string): number => {
    const x = p?.[0];
    const y = p?.[1];
    if (!Array.isArray(p) || p.length === 0) throw empty(where);
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new GeoError('invalid-geometry', where, p, 'a position of finite numbers [x, y]');
    }
    return M._GEOSGeom_createPointFromXY_r(ctx, x, y);
  };
  const polygon = (rings: Position[][], where: string): number => {
    if (!Array.isArray(rings) || rings.length === 0) throw empty(where);
    const shell = M._GEOSGeom_createLinearRing_r(ctx, sequence(rings[0] as Position[], `${where}[0]`, true));
    const holes = rings.length - 1;
    const made: number[] = [];
    for (let h = 1; h <= holes; h++)
      made.push(M._GEOSGeom_createLinearRing_r(ctx, sequence(rings[h] as Position[], `${where}[${h}]`, true)));
    const list = pointerList(e, made);
    return M._GEOSGeom_createPolygon_r(ctx, shell, list, holes);
  };
  const collection = (type: number, parts: number[]): number =>
    M._GEOSGeom_createCollection_r(ctx, type, pointerList(e, parts), parts.length);
  const build = (x: Geometry, where: string): number => {
    // biome-ignore lint/suspicious/noExplicitAny: the shape is checked part by part below
    const c = (x as { coordinates?: unknown }).coordinates as any;
    const w = `${where}.coordinates`;
    switch (x.type) {
      case 'Point':
        return point(c, w);
      case 'LineString':
        return M._GEOSGeom_createLineString_r(ctx, sequence(c, w, false));
      case 'Polygon':
        return polygon(c, w);
      case 'MultiPoint':
        return collection(
          MULTIPOINT,
          nonEmpty(c, w).map((p: Position, i: number) => point(p, `${w}[${i}]`)),
        );
      case 'MultiLineString':
        return collection(
          MULTILINESTRING,
          nonEmpty(c, w).map((l: Position[], i: number) => M._GEOSGeom_createLineString_r(ctx, sequence(l, `${w}[${i}]`, false))),
        );
      case 'MultiPolygon':
        return collection(
          MULTIPOLYGON,
          nonEmpty(c, w).map((p: Position[][], i: number) => polygon(p, `${w}[${i}]`)),
        );
      case 'GeometryCollection': {
        const gs = (x as { geometries?: unknown }).geometries;
        if (!Array.isArray(gs)) throw new GeoError('invalid-geometry', `${where}.geometries`, gs, 'an array of geometries');
        if (gs.length === 0) throw empty(`${where}.geometries`);
        return collection(
          COLLECTION,
          gs.map((y: Geometry, i: number) => build(y, `${where}.geometries[${i}]`)),
        );
      }
      default:
        throw new GeoError('invalid-geometry', `${where}.type`, (x as { type?: unknown }).type, 'a GeoJSON geometry type');
    }
  };
  // Parts built before a bad coordinate is found are lost to the heap only on that error path;
  // the check runs before anything is built for the common mistakes (see validate.ts).
  const ptr = build(g, at);
  if (!ptr) throw new GeoError('engine-failed', at, g.type, 'a geometry GEOS accepts', `${at}: ${geosFailure()}`);
  return ptr;
}

function empty(where: string): GeoError {
  return new GeoError(
    'invalid-geometry',
    where,
    [],
    'a non-empty geometry',
    `${where} is empty; a feature without a geometry has geometry: null`,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the parts are checked as they are built
function nonEmpty(c: unknown, where: string): any[] {
  if (!Array.isArray(c)) throw new GeoError('invalid-geometry', where, c, 'an array');
  if (c.length === 0) throw empty(where);
  return c;
}

/** An array of pointers in the heap, for GEOS' collection constructors (which take ownership of the parts). */
function pointerList(e: Engine, parts: number[]): number {
  const ptr = scratch(e, Math.max(4, parts.length * 4));
  e.module.HEAPU32.set(parts, ptr >> 2);
  return ptr;
}

/** Frees a GEOS geometry. */
export function destroy(e: Engine, ptr: number): void {
  if (ptr) e.module._GEOSGeom_destroy_r(e.ctx, ptr);
}

/** The GeoJSON of a GEOS geometry, or null when it is empty. Does not free it. */
export function fromGeos(e: Engine, ptr: number): Geometry | null {
  const M = e.module;
  const ctx = e.ctx;
  if (M._GEOSisEmpty_r(ctx, ptr) === 1) return null;
  const coords = (g: number): Position[] => {
    const seq = M._GEOSGeom_getCoordSeq_r(ctx, g);
    const sizePtr = scratch(e, 8);
    M._GEOSCoordSeq_getSize_r(ctx, seq, sizePtr);
    const n = M.HEAPU32[sizePtr >> 2] as number;
    const buf = scratch(e, n * 16);
    M._GEOSCoordSeq_copyToBuffer_r(ctx, seq, buf, 0, 0);
    const heap = M.HEAPF64;
    const out: Position[] = new Array(n);
    for (let i = 0, k = buf >> 3; i < n; i++, k += 2) out[i] = [heap[k] as number, heap[k + 1] as number];
    return out;
  };
  const rings = (g: number): Position[][] => {
    const out = [coords(M._GEOSGetExteriorRing_r(ctx, g))];
    const holes = M._GEOSGetNumInteriorRings_r(ctx, g);
    for (let h = 0; h < holes; h++) out.push(coords(M._GEOSGetInteriorRingN_r(ctx, g, h)));
    return out;
  };
  const parts = <T>(g: number, f: (part: number) => T): T[] => {
    const n = M._GEOSGetNumGeometries_r(ctx, g);
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const p = M._GEOSGetGeometryN_r(ctx, g, i);
      if (M._GEOSisEmpty_r(ctx, p) !== 1) out.push(f(p));
    }
    return out;
  };
  const read = (g: number): Geometry => {
    switch (M._GEOSGeomTypeId_r(ctx, g)) {
      case POINT:
        return { type: 'Point', coordinates: coords(g)[0] as Position };
      case LINESTRING:
      case LINEARRING:
        return { type: 'LineString', coordinates: coords(g) };
      case POLYGON:
        return { type: 'Polygon', coordinates: rings(g) };
      case MULTIPOINT:
        return { type: 'MultiPoint', coordinates: parts(g, (p) => coords(p)[0] as Position) };
      case MULTILINESTRING:
        return { type: 'MultiLineString', coordinates: parts(g, coords) };
      case MULTIPOLYGON:
        return { type: 'MultiPolygon', coordinates: parts(g, rings) };
      default:
        return { type: 'GeometryCollection', geometries: parts(g, read) };
    }
  };
  return read(ptr);
}
