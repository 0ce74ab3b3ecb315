// Point-in-polygon join: pointsInPolygons (flatbush + flat rings) against a plain Turf loop
// (booleanPointInPolygon over every country, what Turf's pointsWithinPolygon does), on the 177
// Natural Earth 1:110m countries and the 1:50m world-atlas countries. Run with
//     npm run bench -w packages/geo
// The one-run summary (time, ratio, memory) is printed before Vitest's table.
import { createRequire } from 'node:module';
import { booleanPointInPolygon } from '@turf/turf';
import { bench, describe } from 'vitest';
import { fromTopoJSON, type GeoCollection, pointsInPolygons } from '../src/index.js';
import { countries } from '../test/load.js';

const require = createRequire(import.meta.url);
const countries50m = fromTopoJSON(require('world-atlas/countries-50m.json'), 'countries');

function randomPoints(n: number, seed: number) {
  let s = seed;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = -180 + 360 * rand();
    y[i] = (Math.asin(2 * rand() - 1) * 180) / Math.PI; // uniform on the sphere
  }
  return { x, y };
}

function turfLoop(points: { x: Float64Array; y: Float64Array }, polygons: GeoCollection): Int32Array {
  const out = new Int32Array(points.x.length).fill(-1);
  for (let i = 0; i < points.x.length; i++) {
    const pt = [points.x[i] as number, points.y[i] as number];
    for (let j = 0; j < polygons.features.length; j++) {
      // biome-ignore lint/suspicious/noExplicitAny: Turf's own GeoJSON types
      if (booleanPointInPolygon(pt, polygons.features[j] as any)) {
        out[i] = j;
        break;
      }
    }
  }
  return out;
}

function seconds(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

const million = randomPoints(1_000_000, 1);
const sample = randomPoints(20_000, 2);

function summary(name: string, polygons: GeoCollection) {
  pointsInPolygons(sample, polygons); // warm-up
  turfLoop({ x: sample.x.subarray(0, 2000), y: sample.y.subarray(0, 2000) }, polygons);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let result: ReturnType<typeof pointsInPolygons> | undefined;
  const oursMillion = seconds(() => {
    result = pointsInPolygons(million, polygons);
  });
  const heapAfter = process.memoryUsage().heapUsed;
  const oursSample = seconds(() => pointsInPolygons(sample, polygons));
  let turf: Int32Array | undefined;
  const turfSample = seconds(() => {
    turf = turfLoop(sample, polygons);
  });
  const ours = pointsInPolygons(sample, polygons).polygonOf;
  let same = 0;
  for (let i = 0; i < ours.length; i++) if (ours[i] === turf?.[i]) same++;
  console.log(
    `${name}: 1,000,000 points in ${oursMillion.toFixed(2)} s (${result?.matched.toLocaleString('en-US')} on land), ` +
      `heap +${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB; on 20,000 points ours ${(oursSample * 1000).toFixed(1)} ms, ` +
      `Turf loop ${(turfSample * 1000).toFixed(0)} ms: ${(turfSample / oursSample).toFixed(0)}× faster, same answer for ${same} of 20,000`,
  );
}

summary('Natural Earth 1:110m, 177 countries', countries);
summary(`world-atlas 1:50m, ${countries50m.features.length} countries`, countries50m);

describe('20,000 random points to the 177 countries', () => {
  bench('pointsInPolygons (flatbush)', () => {
    pointsInPolygons(sample, countries);
  });
  bench(
    'Turf loop (booleanPointInPolygon)',
    () => {
      turfLoop(sample, countries);
    },
    { iterations: 3, time: 0 },
  );
});
