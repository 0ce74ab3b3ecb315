// The exact engine (GEOS 3.13 as WebAssembly, geos-wasm) against the pure-JS path it replaced
// (Turf 7, whose intersect/union/difference are polyclip-ts) and against GeoPandas 0.12 (run by
// bench/geopandas_engine.py in the same run), on the workloads: overlay union and
// intersection of the 177 Natural Earth countries × a 10° grid, dissolve by continent, clip to a
// box and to a polygon, spatialJoin of 200,000 and 1,000,000 point features within countries,
// and geodesic nearestJoin of 10,000 points. Each side reports its best of three runs (one for
// geodesic nearest) after a warm-up, in wall-clock seconds and in CPU seconds of its own process (on a
// shared machine the CPU time moves far less from run to run than the wall clock). Run with
//     npm run bench -w packages/geo
// The one-run summary (warm times, ratios, memory) is printed before Vitest's table.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { intersect, union } from '@turf/turf';
import { bench, describe } from 'vitest';
import {
  clip,
  dissolve,
  type Feature,
  type GeoCollection,
  nearestJoin,
  overlay,
  spatialJoin,
  startGeometryEngine,
} from '../src/index.js';
import { countries } from '../test/load.js';

const started = await startGeometryEngine();

const grid: GeoCollection = { type: 'FeatureCollection', crs: 'EPSG:4326', features: [] };
for (let x = -180; x < 180; x += 10)
  for (let y = -90; y < 90; y += 10)
    grid.features.push({
      type: 'Feature',
      properties: { cell: grid.features.length },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 10, y],
            [x + 10, y + 10],
            [x, y + 10],
            [x, y],
          ],
        ],
      },
    });
const europe: GeoCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-24, 35],
            [44, 35],
            [44, 71],
            [-24, 71],
            [-24, 35],
          ],
        ],
      },
    },
  ],
};

function randomPoints(n: number, seed: number): GeoCollection {
  let s = seed;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const features: Feature[] = new Array(n);
  for (let i = 0; i < n; i++)
    features[i] = {
      type: 'Feature',
      properties: { pid: i },
      geometry: { type: 'Point', coordinates: [-180 + 360 * rand(), (Math.asin(2 * rand() - 1) * 180) / Math.PI] },
    };
  return { type: 'FeatureCollection', features };
}

// biome-ignore lint/suspicious/noExplicitAny: Turf's own GeoJSON types
type Any = any;
const box = (f: Feature) => {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const g = f.geometry as Any;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const p of polys)
    for (const r of p)
      for (const [x, y] of r) {
        b[0] = Math.min(b[0] as number, x);
        b[1] = Math.min(b[1] as number, y);
        b[2] = Math.max(b[2] as number, x);
        b[3] = Math.max(b[3] as number, y);
      }
  return b;
};

/** The replaced path: Turf's intersect (polyclip-ts) over every pair whose boxes meet. */
function turfIntersection(a: GeoCollection, b: GeoCollection): number {
  let n = 0;
  const bb = b.features.map(box);
  for (const fa of a.features) {
    const ba = box(fa);
    b.features.forEach((fb, j) => {
      const x = bb[j] as number[];
      if (
        (ba[0] as number) > (x[2] as number) ||
        (x[0] as number) > (ba[2] as number) ||
        (ba[1] as number) > (x[3] as number) ||
        (x[1] as number) > (ba[3] as number)
      )
        return;
      if (intersect({ type: 'FeatureCollection', features: [fa, fb] } as Any)) n++;
    });
  }
  return n;
}

function turfDissolve(c: GeoCollection): number {
  const groups = new Map<unknown, Feature[]>();
  for (const f of c.features) groups.set(f.properties?.continent, [...(groups.get(f.properties?.continent) ?? []), f]);
  let n = 0;
  for (const fs of groups.values()) if (fs.length === 1 || union({ type: 'FeatureCollection', features: fs } as Any)) n++;
  return n;
}

/** Best wall-clock and CPU seconds of `runs` timed runs after one to warm up (CPU time is this process'). */
function timed(fn: () => unknown, runs = 3): { wall: number; cpu: number } {
  fn();
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall = Math.min(wall, (performance.now() - t) / 1000);
    const used = process.cpuUsage(c);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
  }
  return { wall, cpu };
}
const seconds = (fn: () => unknown): number => timed(fn, 1).wall;

const p200k = randomPoints(200_000, 1);
const p1m = randomPoints(1_000_000, 2);
const p10k = randomPoints(10_000, 3);

function summary() {
  const python = '/usr/bin/python3';
  // biome-ignore lint/suspicious/noExplicitAny: the script's JSON
  let gpd: any = null;
  if (existsSync(python)) {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    gpd = JSON.parse(
      execFileSync(python, ['packages/geo/bench/geopandas_engine.py'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 }),
    );
  }
  const heapBefore = process.memoryUsage();
  // [workload, ours (best of 3, or 1 for geodesic nearest), Turf's wall seconds, GeoPandas' key]
  const rows: [string, { wall: number; cpu: number }, number | null, string | null][] = [
    ['overlay union, countries × 10° grid', timed(() => overlay(countries, grid, 'union')), null, 'overlay-union'],
    [
      'overlay intersection, countries × 10° grid',
      timed(() => overlay(countries, grid, 'intersection')),
      seconds(() => turfIntersection(countries, grid)),
      'overlay-intersection',
    ],
    [
      'dissolve by continent',
      timed(() => dissolve(countries, { by: 'continent' })),
      seconds(() => turfDissolve(countries)),
      'dissolve-continent',
    ],
    ['clip to a box', timed(() => clip(countries, [-25, 34, 45, 72])), null, 'clip-box'],
    ['clip to a polygon', timed(() => clip(countries, europe)), null, 'clip-polygon'],
    [
      'spatialJoin 200,000 points within',
      timed(() => spatialJoin(p200k, countries, { predicate: 'within' })),
      null,
      'sjoin-200k',
    ],
    ['spatialJoin 1,000,000 points within', timed(() => spatialJoin(p1m, countries, { predicate: 'within' })), null, 'sjoin-1m'],
    ['geodesic nearestJoin, 10,000 points', timed(() => nearestJoin(p10k, countries), 1), null, null],
  ];
  const after = process.memoryUsage();
  console.log(
    `\nengine: GEOS ${started.version} (geos-wasm), started in ${started.startMs} ms; GeoPandas ${gpd?.version ?? 'not run'}`,
  );
  console.log(
    'workload | ds (GEOS) wall s | ds CPU s | Turf/polyclip-ts s | GeoPandas wall s | GeoPandas CPU s | GeoPandas / ds, wall | GeoPandas / ds, CPU',
  );
  const f = (x: number | null | undefined) => (x == null ? '–' : x.toFixed(3));
  const ratio = (p: number | null | undefined, o: number) => (p == null ? '–' : `${(p / o).toFixed(2)}×`);
  for (const [name, ours, turf, key] of rows) {
    const peer: [number, number, number] | undefined = key === null ? undefined : gpd?.[key];
    console.log(
      `${name} | ${f(ours.wall)} | ${f(ours.cpu)} | ${f(turf)} | ${f(peer?.[0])} | ${f(peer?.[2])} | ${ratio(peer?.[0], ours.wall)} | ${ratio(peer?.[2], ours.cpu)}`,
    );
  }
  console.log(
    `memory: JS heap ${(after.heapUsed / 2 ** 20).toFixed(0)} MB (was ${(heapBefore.heapUsed / 2 ** 20).toFixed(0)}), rss ${(after.rss / 2 ** 20).toFixed(0)} MB; GeoPandas max rss ${gpd?.maxRssMB?.toFixed(0) ?? '–'} MB\n`,
  );
}

summary();

describe('overlay, countries × 10° grid', () => {
  bench(
    'ds overlay intersection (GEOS)',
    () => {
      overlay(countries, grid, 'intersection');
    },
    { iterations: 3 },
  );
  bench(
    'Turf intersect (polyclip-ts) per pair',
    () => {
      turfIntersection(countries, grid);
    },
    { iterations: 1 },
  );
});
