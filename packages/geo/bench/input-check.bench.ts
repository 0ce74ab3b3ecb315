// What the input check costs (src/input.ts, run first by every function taking a collection):
// the check of 200,000 points and of the 177 Natural Earth countries, against validateGeoJSON
// (the recursive validator it replaces at the entries) and against the spatial join it guards
// (spatialJoin of the points with the countries). Each call gets a fresh features array, so the
// check's cache (a collection passed again unchanged is not walked again) does not hide the cost.
// Run with
//     npx vitest bench --run --project geo packages/geo/bench/input-check.bench.ts
import { bench, describe } from 'vitest';
import { type GeoCollection, spatialJoin, validateGeoJSON } from '../src/index.js';
import { checkCollectionInput } from '../src/input.js';
import { countries } from '../test/load.js';

function randomPoints(n: number, seed: number): GeoCollection {
  let s = seed;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const features = Array.from({ length: n }, (_, i) => ({
    type: 'Feature' as const,
    properties: { id: i },
    geometry: { type: 'Point' as const, coordinates: [-180 + 360 * rand(), -90 + 180 * rand()] },
  }));
  return { type: 'FeatureCollection', features };
}

const points = randomPoints(200_000, 14);
/** Enough samples that the minimum is read on this shared machine, where the mean is noise. */
const OPTIONS = { time: 4_000, iterations: 40 };
const fresh = (c: GeoCollection): GeoCollection => ({ ...c, features: c.features.slice() });

describe('check 200,000 points', () => {
  bench(
    'checkCollectionInput',
    () => {
      checkCollectionInput(fresh(points), 'points');
    },
    OPTIONS,
  );
  bench(
    'validateGeoJSON',
    () => {
      validateGeoJSON(fresh(points));
    },
    OPTIONS,
  );
  bench('spatialJoin with the countries (check included)', () => {
    spatialJoin(fresh(points), countries);
  });
});

describe('check the 177 Natural Earth countries', () => {
  bench('checkCollectionInput', () => {
    checkCollectionInput(fresh(countries), 'countries');
  });
  bench('validateGeoJSON', () => {
    validateGeoJSON(fresh(countries));
  });
});
