import type { Feature, GeoCollection, Geometry, Properties } from '../geojson.js';

/** Output property names of both sides, suffixed where they clash (GeoPandas' `lsuffix`/`rsuffix`). */
export interface Names {
  left: Map<string, string>;
  right: Map<string, string>;
  leftKeys: string[];
  rightKeys: string[];
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
  return {
    left: new Map(leftKeys.map((k) => [k, clash.has(k) ? k + sl : k])),
    right: new Map(rightKeys.map((k) => [k, clash.has(k) ? k + sr : k])),
    leftKeys,
    rightKeys,
  };
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
  const put = (f: Feature | null, keys: string[], map: Map<string, string>) => {
    for (const k of keys) p[map.get(k) as string] = f?.properties?.[k] ?? null;
  };
  if (indexName === 'index_right') {
    put(lf, names.leftKeys, names.left);
    p.index_right = index;
    put(rf, names.rightKeys, names.right);
  } else {
    p.index_left = index;
    put(lf, names.leftKeys, names.left);
    put(rf, names.rightKeys, names.right);
  }
  const out: Feature = { type: 'Feature', properties: p, geometry };
  const id = (indexName === 'index_right' ? lf : rf)?.id;
  if (id !== undefined) out.id = id;
  return out;
}
