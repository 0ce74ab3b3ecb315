import type { Feature, GeoCollection, Geometry, Properties } from '../geojson.js';

/** Output property names of both sides, suffixed where they clash (GeoPandas' `lsuffix`/`rsuffix`). */
export interface Names {
  left: Map<string, string>;
  right: Map<string, string>;
  leftKeys: string[];
  rightKeys: string[];
  /** The output name of each of leftKeys / rightKeys. */
  leftOut: string[];
  rightOut: string[];
}

function keysOf(c: GeoCollection): string[] {
  const keys = new Set<string>();
  for (const f of c.features) if (f.properties) for (const k of Object.keys(f.properties)) keys.add(k);
  return [...keys];
}

export function mergedNames(left: GeoCollection, right: GeoCollection, sl: string, sr: string): Names {
  const leftKeys = keysOf(left);
  const rightKeys = keysOf(right);
  const clash = new Set(leftKeys.filter((k) => rightKeys.includes(k)));
  const leftOut = leftKeys.map((k) => (clash.has(k) ? k + sl : k));
  const rightOut = rightKeys.map((k) => (clash.has(k) ? k + sr : k));
  return {
    left: new Map(leftKeys.map((k, i) => [k, leftOut[i] as string])),
    right: new Map(rightKeys.map((k, i) => [k, rightOut[i] as string])),
    leftKeys,
    rightKeys,
    leftOut,
    rightOut,
  };
}

function put(p: Properties, f: Feature | null, keys: string[], out: string[]): void {
  const props = f?.properties;
  if (props === null || props === undefined) {
    for (let k = 0; k < keys.length; k++) p[out[k] as string] = null;
    return;
  }
  for (let k = 0; k < keys.length; k++) p[out[k] as string] = props[keys[k] as string] ?? null;
}

/** One output row of a join: both sides' properties and the other side's index. */
export function joined(
  lf: Feature | null,
  rf: Feature | null,
  geometry: Geometry | null,
  index: number | null,
  names: Names,
  indexName: string,
): Feature {
  const p: Properties = {};
  if (indexName === 'index_left') p.index_left = index;
  put(p, lf, names.leftKeys, names.leftOut);
  if (indexName === 'index_right') p.index_right = index;
  put(p, rf, names.rightKeys, names.rightOut);
  const out: Feature = { type: 'Feature', properties: p, geometry };
  const id = (indexName === 'index_right' ? lf : rf)?.id;
  if (id !== undefined) out.id = id;
  return out;
}
