import { GeoError } from '../errors.js';

/**
 * The exact geometry engine: GEOS 3.13 (the C++ library behind Shapely, GeoPandas and PostGIS)
 * compiled to WebAssembly by the `geos-wasm` package. Its start-up is asynchronous (the module is
 * compiled and instantiated, about 100 ms), so it is started once, explicitly, with
 * {@link startGeometryEngine}; functions that need it throw a `GeoError` with code
 * `'engine-not-started'` until then, and never start it themselves.
 */

/** What {@link startGeometryEngine} reports. */
export interface GeometryEngineInfo {
  /** Always `'geos'`. */
  name: 'geos';
  /** The GEOS version compiled into the WebAssembly module, e.g. `'3.13.0'`. */
  version: string;
  /** Milliseconds the start took (0 when it had already started). */
  startMs: number;
}

/** The GEOS C API functions the package calls (the thread-safe `_r` forms, called directly). */
type GeosFunction =
  | '_GEOSCoordSeq_copyFromBuffer_r'
  | '_GEOSCoordSeq_copyToBuffer_r'
  | '_GEOSCoordSeq_getSize_r'
  | '_GEOSGeomTypeId_r'
  | '_GEOSGeom_createCollection_r'
  | '_GEOSGeom_createLineString_r'
  | '_GEOSGeom_createLinearRing_r'
  | '_GEOSGeom_createPointFromXY_r'
  | '_GEOSGeom_createPolygon_r'
  | '_GEOSGeom_destroy_r'
  | '_GEOSGeom_getCoordSeq_r'
  | '_GEOSGetExteriorRing_r'
  | '_GEOSGetGeometryN_r'
  | '_GEOSGetInteriorRingN_r'
  | '_GEOSGetNumGeometries_r'
  | '_GEOSGetNumInteriorRings_r'
  | '_GEOSPrepare_r'
  | '_GEOSPreparedContainsProperly_r'
  | '_GEOSPreparedContains_r'
  | '_GEOSPreparedCoveredBy_r'
  | '_GEOSPreparedCovers_r'
  | '_GEOSPreparedCrosses_r'
  | '_GEOSPreparedDistanceWithin_r'
  | '_GEOSPreparedGeom_destroy_r'
  | '_GEOSPreparedIntersects_r'
  | '_GEOSPreparedOverlaps_r'
  | '_GEOSPreparedTouches_r'
  | '_GEOSPreparedWithin_r'
  | '_GEOSisEmpty_r'
  | '_GEOSversion'
  | '_GEOSIntersection_r'
  | '_GEOSDifference_r'
  | '_GEOSSymDifference_r'
  | '_GEOSUnion_r'
  | '_GEOSUnaryUnion_r'
  | '_GEOSisValid_r'
  | '_GEOSisValidReason_r'
  | '_GEOSMakeValid_r'
  | '_GEOSBuffer_r'
  | '_GEOSBufferWithStyle_r'
  | '_GEOSFree_r'
  | '_GEOSArea_r'
  | '_GEOSClipByRect_r'
  | '_GEOSIntersects_r'
  | '_GEOSGeom_createEmptyCollection_r'
  | '_GEOSGeom_clone_r'
  | '_GEOSGetNumCoordinates_r'
  | '_GEOSCoverageUnion_r'
  | '_GEOSOrientPolygons_r'
  | '_GEOSMakeValidWithParams_r'
  | '_GEOSMakeValidParams_create_r'
  | '_GEOSMakeValidParams_destroy_r'
  | '_GEOSMakeValidParams_setMethod_r'
  | '_GEOSMakeValidParams_setKeepCollapsed_r'
  | '_GEOSBufferParams_create_r'
  | '_GEOSBufferParams_destroy_r'
  | '_GEOSBufferParams_setQuadrantSegments_r'
  | '_GEOSBufferParams_setEndCapStyle_r'
  | '_GEOSBufferParams_setJoinStyle_r'
  | '_GEOSBufferWithParams_r';

export type GeosModule = { [name in GeosFunction]: (...args: number[]) => number } & GeosHeap;

interface GeosHeap {
  HEAPF64: Float64Array;
  HEAPU32: Uint32Array;
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  UTF8ToString(ptr: number): string;
}

export interface Engine {
  module: GeosModule;
  ctx: number;
  version: string;
  /** A scratch block of the WebAssembly heap for coordinates and out-parameters. */
  scratch: number;
  scratchBytes: number;
}

let engine: Engine | null = null;
let starting: Promise<GeometryEngineInfo> | null = null;
/** The last message of GEOS' error handler, read and cleared by {@link geosFailure}. */
let lastError = '';

/**
 * Starts the exact geometry engine (GEOS as WebAssembly) once; later calls resolve at once.
 * Needed before `overlay`, `dissolve` of polygons, `clip`, `buffer`, `makeValid`, `isValid` and
 * `spatialJoin` pairs other than points against polygons. Works wherever WebAssembly does (Node,
 * Deno, browsers): the module is embedded in the `geos-wasm` package, nothing is fetched.
 *
 * @throws {GeoError} `engine-failed` when the WebAssembly module cannot be loaded
 *
 * @example
 * import { startGeometryEngine } from '@ds/geo';
 * const engine = await startGeometryEngine();
 * engine.version; // => '3.13.0'
 */
export function startGeometryEngine(): Promise<GeometryEngineInfo> {
  if (engine !== null) return Promise.resolve({ name: 'geos', version: engine.version, startMs: 0 });
  if (starting !== null) return starting;
  const t0 = Date.now();
  starting = load()
    .then((e) => {
      engine = e;
      return { name: 'geos' as const, version: e.version, startMs: Date.now() - t0 };
    })
    .catch((error: unknown) => {
      starting = null;
      if (error instanceof GeoError) throw error;
      throw new GeoError(
        'engine-failed',
        'geos-wasm',
        String((error as Error)?.message ?? error),
        'a loadable WebAssembly module',
        `the geometry engine (geos-wasm) failed to load: ${(error as Error)?.message ?? error}`,
      );
    });
  return starting;
}

/**
 * Whether {@link startGeometryEngine} has finished, so that functions needing the engine can run.
 *
 * @example
 * import { geometryEngineStarted, startGeometryEngine } from '@ds/geo';
 * await startGeometryEngine();
 * geometryEngineStarted(); // => true
 */
export function geometryEngineStarted(): boolean {
  return engine !== null;
}

async function load(): Promise<Engine> {
  if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'undefined')
    throw new Error('this JavaScript runtime has no WebAssembly');
  const { default: init } = (await import('geos-wasm')) as unknown as {
    default: (config: object) => Promise<{ Module: GeosModule; _ctx: number }>;
  };
  const geos = await init({
    errorHandler: (message: string) => {
      lastError = message;
    },
    noticeHandler: () => {},
  });
  const module = geos.Module;
  const ctx = geos._ctx;
  if (typeof module._GEOSPrepare_r !== 'function' || !ctx) throw new Error('geos-wasm did not expose the GEOS C API');
  const scratchBytes = 1 << 16;
  const scratch = module._malloc(scratchBytes);
  // GEOSversion returns a static string such as "3.13.0-CAPI-1.19.0".
  const version = module.UTF8ToString(module._GEOSversion()).split('-')[0] ?? 'unknown';
  return { module, ctx, version, scratch, scratchBytes };
}

/** The started engine, or a `GeoError` saying how to start it. */
export function geos(operation: string): Engine {
  if (engine !== null) return engine;
  throw new GeoError(
    'engine-not-started',
    'geometry engine',
    'not started',
    'started',
    `${operation} needs the exact geometry engine: call \`await startGeometryEngine()\` once before it`,
  );
}

/** A scratch block of at least `bytes` bytes in the WebAssembly heap (valid until the next call). */
export function scratch(e: Engine, bytes: number): number {
  if (bytes > e.scratchBytes) {
    e.module._free(e.scratch);
    let size = e.scratchBytes;
    while (size < bytes) size *= 2;
    e.scratch = e.module._malloc(size);
    e.scratchBytes = size;
  }
  return e.scratch;
}

/** The message GEOS gave for its last failure (cleared on reading). */
export function geosFailure(): string {
  const m = lastError;
  lastError = '';
  return m || 'GEOS reported an error';
}
