import { GeoError } from '../errors.js';
import type { GeoCollection, Geometry } from '../geojson.js';
import { checkCollectionInput } from '../input.js';

/** `[minX, minY, maxX, maxY]`. */
export type Bbox = [number, number, number, number];

/** @internal A bbox option: four finite numbers, min ≤ max. */
export function checkBbox(bbox: unknown, argument: string): Bbox {
  if (
    !Array.isArray(bbox) ||
    bbox.length !== 4 ||
    !bbox.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    bbox[0] > bbox[2] ||
    bbox[1] > bbox[3]
  )
    throw new GeoError('invalid-type', argument, bbox, '[minX, minY, maxX, maxY]: four finite numbers with min ≤ max');
  return bbox as Bbox;
}

/** @internal File bytes: a Uint8Array or an ArrayBuffer. */
export function checkBytes(bytes: unknown, argument: string): void {
  if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer))
    throw new GeoError(
      'invalid-type',
      argument,
      typeof bytes === 'string' ? `${bytes.slice(0, 20)}…` : bytes,
      'the file as a Uint8Array or an ArrayBuffer',
      `${argument} must be the file's bytes (a Uint8Array or an ArrayBuffer), got ${typeof bytes === 'string' ? 'a string' : bytes === null ? 'null' : typeof bytes}`,
    );
}

/** @internal An ArrayBuffer holding exactly the bytes (copied only when the view is partial). */
export function toArrayBuffer(bytes: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer)
    return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

/** @internal A FeatureCollection whose features are objects. */
export function checkCollection(collection: unknown, argument: string): asserts collection is GeoCollection {
  checkCollectionInput(collection, argument);
  const c = collection as GeoCollection;
  if (c === null || typeof c !== 'object' || c.type !== 'FeatureCollection' || !Array.isArray(c.features))
    throw new GeoError('invalid-type', argument, collection, 'a GeoJSON FeatureCollection');
  for (let i = 0; i < c.features.length; i++) {
    const f = c.features[i];
    if (f === null || typeof f !== 'object' || f.type !== 'Feature')
      throw new GeoError('invalid-type', `${argument}.features[${i}]`, f, 'a GeoJSON Feature');
    if (f.properties !== null && f.properties !== undefined && (typeof f.properties !== 'object' || Array.isArray(f.properties)))
      throw new GeoError('invalid-type', `${argument}.features[${i}].properties`, f.properties, 'an object or null');
  }
  if (c.crs !== undefined && typeof c.crs !== 'string')
    throw new GeoError('invalid-type', `${argument}.crs`, c.crs, "a CRS string such as 'EPSG:4326'");
}

/** @internal Throws the signal's reason (an AbortError) when it has been aborted. */
export function checkSignal(signal: AbortSignal | undefined): void {
  if (signal === undefined) return;
  if (signal === null || typeof signal !== 'object' || typeof (signal as AbortSignal).aborted !== 'boolean')
    throw new GeoError('invalid-type', 'signal', signal, 'an AbortSignal');
  signal.throwIfAborted();
}

/** @internal The bbox of a geometry; [Infinity, Infinity, -Infinity, -Infinity] when empty. */
export function bboxOfGeometry(g: Geometry): Bbox {
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c) || c.length === 0) return;
    if (typeof c[0] === 'number') {
      const x = c[0] as number;
      const y = c[1] as number;
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
      return;
    }
    for (const p of c) visit(p);
  };
  const walk = (m: Geometry): void => {
    if (m.type === 'GeometryCollection') for (const x of m.geometries) walk(x);
    else visit(m.coordinates);
  };
  walk(g);
  return b;
}

/** @internal Whether two boxes meet (touching counts). */
export function intersects(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}
