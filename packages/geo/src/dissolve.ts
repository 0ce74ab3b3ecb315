import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry, Properties } from './geojson.js';
import { checkCollection, checkGeometries, checkOptions } from './geometry/check.js';
import { destroy, toGeos } from './geometry/convert.js';
import { type Engine, geos } from './geometry/engine.js';
import { assertValid, coverageUnionOf, take, unionOf } from './geometry/operations.js';
import { tick } from './join/progress.js';

/** A named aggregation, or a function of the group's values (and features). */
export type Aggregation =
  | 'first'
  | 'last'
  | 'sum'
  | 'mean'
  | 'min'
  | 'max'
  | 'count'
  | 'list'
  | ((values: unknown[], features: Feature[]) => unknown);

/** Options of {@link dissolve}. */
export interface DissolveOptions {
  /** The property (or properties) whose values define the groups. */
  by: string | string[];
  /**
   * Property → aggregation. Default: `'first'` for every other property, as GeoPandas'
   * `aggfunc='first'`. When given, only the listed properties are kept.
   */
  aggregate?: Record<string, Aggregation>;
  /** Drop features whose key is null or missing (default true, GeoPandas' `dropna`). */
  dropMissing?: boolean;
  /** Called every 4,096 groups with the share done. */
  onProgress?: (done: number) => void;
  /** Stops the dissolve with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * GeoPandas' `dissolve`: groups features by one or more properties, unions each group's geometry
 * (GEOS' unary union, as GeoPandas: polygons dissolved, lines noded, points deduplicated; it
 * needs {@link startGeometryEngine}) and aggregates the
 * other properties. Groups come out sorted by key (numbers numerically, strings by code point,
 * false before true, a null key last). `sum`, `mean`, `min` and `max` skip null values as pandas
 * does (`sum` of none is 0, `mean`/`min`/`max` of none is null); `count` counts non-null values;
 * `first`/`last` take the first/last non-null value. Features without a key are dropped unless
 * `dropMissing: false`; the number dropped is reported in `skipped`.
 *
 * @throws {GeoError} for a missing `by`, or an unknown aggregation name; `invalid-geometry` naming
 *   the feature for an invalid polygon (repair with `makeValid`); `engine-not-started`
 *
 * @example
 * import { dissolve, startGeometryEngine } from '@ds/geo';
 * await startGeometryEngine();
 * const sq = (x, borough, trees) => ({ type: 'Feature', properties: { borough, trees }, geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] } });
 * const blocks = { type: 'FeatureCollection', features: [sq(0, 'B', 3), sq(1, 'B', 4), sq(5, 'A', 10)] };
 * const out = dissolve(blocks, { by: 'borough', aggregate: { trees: 'sum' } });
 * out.features.map((f) => f.properties); // => [{ borough: 'A', trees: 10 }, { borough: 'B', trees: 7 }]
 * out.features[1].geometry.type; // => 'Polygon'
 */
export function dissolve(collection: GeoCollection, options: DissolveOptions): GeoCollection {
  checkCollection(collection, 'collection');
  checkOptions(options, 'options');
  const by = typeof options.by === 'string' ? [options.by] : options.by;
  if (!Array.isArray(by) || by.length === 0)
    throw new GeoError('invalid-type', 'by', options.by, 'a property name or a list of them');
  by.forEach((b, i) => {
    if (typeof b !== 'string') throw new GeoError('invalid-type', `by[${i}]`, b, 'a property name (a string)');
  });
  if (options.dropMissing !== undefined && typeof options.dropMissing !== 'boolean')
    throw new GeoError('invalid-type', 'dropMissing', options.dropMissing, 'true or false');
  if (
    options.aggregate !== undefined &&
    (options.aggregate === null || typeof options.aggregate !== 'object' || Array.isArray(options.aggregate))
  )
    throw new GeoError('invalid-type', 'aggregate', options.aggregate, 'an object mapping property names to aggregations');
  const dropMissing = options.dropMissing !== false;
  const aggregate = options.aggregate ?? defaultAggregate(collection, by);
  for (const [k, a] of Object.entries(aggregate)) {
    if (typeof a !== 'function' && !['first', 'last', 'sum', 'mean', 'min', 'max', 'count', 'list'].includes(a)) {
      throw new GeoError(
        'invalid-type',
        `aggregate.${k}`,
        a,
        "'first', 'last', 'sum', 'mean', 'min', 'max', 'count', 'list' or a function",
      );
    }
  }
  const groups = new Map<string, { key: unknown[]; features: Feature[] }>();
  let dropped = 0;
  for (const f of collection.features) {
    const key = by.map((b) => f.properties?.[b] ?? null);
    if (dropMissing && key.some((k) => k === null)) {
      dropped++;
      continue;
    }
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (g === undefined) {
      g = { key, features: [] };
      groups.set(id, g);
    }
    g.features.push(f);
  }
  const sorted = [...groups.values()].sort((a, b) => compareKeys(a.key, b.key));
  checkGeometries(collection, 'collection');
  const e = geos('dissolve');
  const position = new Map(collection.features.map((f, i) => [f, i]));
  const features: Feature[] = sorted.map(({ key, features }, g) => {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    tick(options, g, sorted.length);
    const properties: Properties = {};
    by.forEach((b, i) => {
      properties[b] = key[i];
    });
    for (const [name, agg] of Object.entries(aggregate)) {
      const values = features.map((f) => f.properties?.[name] ?? null);
      properties[name] = typeof agg === 'function' ? agg(values, features) : reduce(agg, values);
    }
    const geometry = unionAll(
      e,
      features.map((f) => f.geometry),
      features.map((f) => `collection.features[${position.get(f)}].geometry`),
    );
    return { type: 'Feature', properties, geometry };
  });
  const out: GeoCollection = { type: 'FeatureCollection', features };
  if (collection.crs !== undefined) out.crs = collection.crs;
  if (dropped > 0)
    out.skipped = [{ index: -1, reason: `${dropped} features with a missing ${by.join('/')} dropped (dropMissing)` }];
  return out;
}

function defaultAggregate(collection: GeoCollection, by: string[]): Record<string, Aggregation> {
  const out: Record<string, Aggregation> = {};
  for (const f of collection.features) for (const k of Object.keys(f.properties ?? {})) if (!by.includes(k)) out[k] = 'first';
  return out;
}

function rank(v: unknown): number {
  return v === null ? 3 : typeof v === 'boolean' ? 0 : typeof v === 'number' ? 1 : 2;
}

function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    const rx = rank(x);
    const ry = rank(y);
    if (rx !== ry) return rx - ry;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'boolean') return x ? 1 : -1;
    const sx = String(x);
    const sy = String(y);
    if (sx !== sy) return sx < sy ? -1 : 1;
  }
  return 0;
}

function reduce(agg: Exclude<Aggregation, (...args: never[]) => unknown>, values: unknown[]): unknown {
  const present = values.filter((v) => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)));
  switch (agg) {
    case 'first':
      return present[0] ?? null;
    case 'last':
      return present[present.length - 1] ?? null;
    case 'count':
      return present.length;
    case 'list':
      return values;
    case 'sum':
      return (present as number[]).reduce((s, v) => s + v, 0);
    case 'mean':
      return present.length === 0 ? null : (present as number[]).reduce((s, v) => s + v, 0) / present.length;
    case 'min':
      return present.length === 0 ? null : present.reduce((m, v) => Math.min(v as number, m as number));
    case 'max':
      return present.length === 0 ? null : present.reduce((m, v) => Math.max(v as number, m as number));
  }
}

/**
 * The union of geometries, as Shapely's `unary_union` (GEOS): polygons dissolved (shared edges
 * gone), lines noded and merged where they overlap, points deduplicated; null for none.
 */
export function unionAll(e: Engine, geometries: (Geometry | null)[], names: string[]): Geometry | null {
  const ptrs: number[] = [];
  try {
    geometries.forEach((g, k) => {
      if (g === null) return;
      const p = toGeos(e, g, names[k] as string);
      ptrs.push(p);
      assertValid(e, p, names[k] as string, g.type);
    });
    if (ptrs.length === 0) return null;
    // Polygons that tile (a map's countries, a census' tracts) are merged by their shared edges,
    // checked; anything else, and a tiling that fails the check, by the unary union.
    const tiles =
      ptrs.length > 1 && geometries.every((g) => g === null || g.type === 'Polygon' || g.type === 'MultiPolygon')
        ? coverageUnionOf(e, ptrs)
        : 0;
    return take(e, tiles !== 0 ? tiles : unionOf(e, ptrs, `dissolve: the union of ${names[0]}…`));
  } finally {
    for (const p of ptrs) destroy(e, p);
  }
}
