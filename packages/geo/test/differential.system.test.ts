// The differential harness, live: fresh seeded random layers (fast-check) through @ds/geo and
// through GeoPandas 0.12 / Shapely 1.8 / pyproj themselves (test/reference/gpd_live.py, Debian's
// python3-geopandas, -shapely, -pyproj, -rtree as .ci/run installs them). The committed version
// of the same comparisons is differential.test.ts.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GeoCollection, Geometry, Position, Predicate } from '../src/index.js';
import { area, nearestJoin, overlay, spatialJoin, startGeometryEngine } from '../src/index.js';

await startGeometryEngine();

const SEED = 20261207;
const cell = fc.integer({ min: 0, max: 12 });
const rect = fc.tuple(cell, cell, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }));
const ring = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const polygon: fc.Arbitrary<Geometry> = fc.oneof(
  rect.map(([x, y, w, h]) => ({ type: 'Polygon' as const, coordinates: [ring(x, y, x + w, y + h)] })),
  rect.map(([x, y, w, h]) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + w, y],
        [x, y + h],
        [x, y],
      ],
    ],
  })),
  rect
    .filter(([, , w, h]) => w >= 3 && h >= 3)
    .map(([x, y, w, h]) => ({
      type: 'Polygon' as const,
      coordinates: [ring(x, y, x + w, y + h), ring(x + 1, y + 1, x + w - 1, y + h - 1)],
    })),
  fc.tuple(rect, fc.integer({ min: 1, max: 4 })).map(([[x, y, w, h], gap]) => ({
    type: 'MultiPolygon' as const,
    coordinates: [[ring(x, y, x + w, y + h)], [ring(x + w + gap, y, x + w + gap + 2, y + 2)]],
  })),
);
const vertex = fc.tuple(cell, cell);
const line: fc.Arbitrary<Geometry> = fc
  .array(vertex, { minLength: 2, maxLength: 4 })
  .filter((v) => v.every((p, i) => i === 0 || p[0] !== v[i - 1]?.[0] || p[1] !== v[i - 1]?.[1]))
  .map((coordinates) => ({ type: 'LineString' as const, coordinates }));
const point: fc.Arbitrary<Geometry> = fc
  .tuple(fc.integer({ min: 0, max: 28 }), fc.integer({ min: 0, max: 28 }))
  .map(([x, y]) => ({ type: 'Point' as const, coordinates: [x / 2, y / 2] }));
const anything = fc.oneof(point, line, polygon);

const collection = (geoms: Geometry[], key: string, crs = 'EPSG:3857'): GeoCollection => ({
  type: 'FeatureCollection',
  crs,
  features: geoms.map((geometry, i) => ({ type: 'Feature', properties: { [key]: i }, geometry })),
});

function python(job: unknown) {
  const script = fileURLToPath(new URL('./reference/gpd_live.py', import.meta.url));
  return JSON.parse(
    execFileSync('/usr/bin/python3', [script], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 26 }),
  );
}

describe('@ds/geo against GeoPandas, live, on seeded random inputs', () => {
  // Budget: one Python process (GeoPandas import, sjoin × 9, overlay × 5, a brute-force geodesic
  // reference over 8 million pyproj distances) takes about 15 s alone, 90 s on this machine's
  // busiest hour.
  it('every predicate, every overlay, geodesic nearest: the same answers, valid output', { timeout: 300_000 }, () => {
    const [left, right] = fc.sample(fc.array(anything, { minLength: 60, maxLength: 60 }), { seed: SEED, numRuns: 2 }) as [
      Geometry[],
      Geometry[],
    ];
    const [a, b] = fc.sample(fc.array(polygon, { minLength: 20, maxLength: 20 }), { seed: SEED + 1, numRuns: 2 }) as [
      Geometry[],
      Geometry[],
    ];
    // Geodesic targets: 2° squares, some at the antimeridian (either side) and near the poles.
    const targets = fc.sample(
      fc.tuple(fc.integer({ min: -90, max: 89 }), fc.integer({ min: -44, max: 43 })).map(([x, y]) => ({
        type: 'Polygon' as const,
        coordinates: [ring(2 * x, 2 * y, 2 * x + 2, 2 * y + 2)],
      })),
      { seed: SEED + 2, numRuns: 12 },
    ) as Geometry[];
    targets.push(
      { type: 'Polygon', coordinates: [ring(178, -18, 180, -16)] },
      { type: 'Polygon', coordinates: [ring(-180, -17, -178, -15)] },
    );
    targets.push({ type: 'Polygon' as const, coordinates: [ring(-10, 86, 10, 88)] });
    const points = fc.sample(
      fc
        .tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }))
        .map(([x, z]) => [x, (Math.asin(z) * 180) / Math.PI]),
      { seed: SEED + 3, numRuns: 30 },
    );
    points.push([179.9, -16.5], [-179.9, -16.5], [0, 90], [0, -90], [170, 89.5]);
    const A = collection(a, 'ia');
    const B = collection(b, 'ib');
    const hows = ['intersection', 'union', 'difference', 'symmetric_difference', 'identity'] as const;
    const ours = Object.fromEntries(hows.map((how) => [how, overlay(A, B, how)]));
    const ref = python({
      left,
      right,
      a,
      b,
      ours: Object.fromEntries(hows.map((how) => [how, (ours[how] as GeoCollection).features.map((f) => f.geometry)])),
      targets,
      points,
    });

    const L = collection(left, 'l');
    const R = collection(right, 'r');
    for (const predicate of Object.keys(ref.sjoin) as Predicate[]) {
      const got = spatialJoin(L, R, { predicate }).features.map((f) => [f.properties?.l, f.properties?.index_right]);
      expect({ predicate, pairs: got }).toEqual({ predicate, pairs: ref.sjoin[predicate] });
    }
    for (const how of hows) {
      const rows = (ours[how] as GeoCollection).features.map((f) => [
        f.properties?.ia ?? null,
        f.properties?.ib ?? null,
        area(f, { crs: 'EPSG:3857' }),
      ]);
      const key = (r: unknown[]) => `${r[0]},${r[1]}`;
      expect({ how, rows: rows.map(key).sort() }).toEqual({
        how,
        rows: ref.overlay[how]
          .filter((r: number[]) => (r[2] as number) > 1e-12)
          .map(key)
          .sort(),
      });
      const areas = new Map(ref.overlay[how].map((r: number[]) => [key(r), r[2]]));
      for (const r of rows)
        expect(Math.abs((r[2] as number) - (areas.get(key(r)) as number))).toBeLessThanOrEqual(
          1e-9 * Math.max(1, r[2] as number),
        );
      expect({ how, invalid: ref.valid[how].filter((v: boolean) => !v).length }).toEqual({ how, invalid: 0 });
    }
    const near = nearestJoin(
      collection(
        points.map((coordinates) => ({ type: 'Point' as const, coordinates })),
        'pid',
        'EPSG:4326',
      ),
      collection(targets, 't', 'EPSG:4326'),
    );
    ref.nearest.forEach(([d, js]: [number, number[]], i: number) => {
      const rows = near.features.filter((f) => f.properties?.pid === i);
      expect(Math.abs((rows[0]?.properties?.distance as number) - d)).toBeLessThanOrEqual(1e-6 * d + 1e-2);
      for (const f of rows) expect(js).toContain(f.properties?.index_right);
    });
  });
});
