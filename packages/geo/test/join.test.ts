import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  dissolve,
  GeoError,
  nearestJoin,
  pointsInPolygons,
  readGeoJSON,
  spatialJoin,
  startGeometryEngine,
  toCrs,
} from '../src/index.js';
import { cities, countries, fixtures, nybb, pointCollection, reference } from './load.js';

// Line and polygon pairs are decided by GEOS (WebAssembly), started once.
await startGeometryEngine();

const points = pointCollection(reference.points.lon, reference.points.lat);
// Continents dissolved here (GEOS' unary union) rather than read from GeoPandas: the join must agree
// with GeoPandas' on its own dissolve.
const continents = dissolve(
  { ...countries, features: countries.features.map((f) => ({ ...f, properties: { continent: f.properties?.continent } })) },
  { by: 'continent' },
);
const countryNames = {
  ...countries,
  features: countries.features.map((f) => ({
    ...f,
    properties: { name: f.properties?.name, continent: f.properties?.continent },
  })),
};
const layers = { cities, countries, nybb, points, continents };
type Layer = keyof typeof layers;
const sortPairs = (p: (number | null)[][]) => [...p].sort((a, b) => (a[0] ?? -1) - (b[0] ?? -1) || (a[1] ?? -1) - (b[1] ?? -1));

describe('spatialJoin against GeoPandas sjoin', () => {
  for (const j of reference.spatialJoin) {
    it(`${j.id}: ${j.count} rows, the same pairs and columns`, () => {
      const pick = (name: string, other: string) =>
        name === 'countries' && other === 'continents' ? countryNames : layers[name as Layer];
      const out = spatialJoin(pick(j.left, j.right), pick(j.right, j.left), { predicate: j.predicate, how: j.how });
      expect(out.features).toHaveLength(j.count);
      const pairs = out.features.map((f) =>
        j.how === 'right' ? [f.properties?.index_left, null] : [null, f.properties?.index_right],
      );
      // GeoPandas' row index is the left position (right position for how='right'); ours is the
      // output order, which follows the same side.
      const expected = j.pairs.map((p: (number | null)[]) => (j.how === 'right' ? [p[0], null] : [null, p[1]]));
      expect(sortPairs(pairs as (number | null)[][])).toEqual(sortPairs(expected));
      const ids = out.features.map((f, k) => (j.how === 'right' ? f.properties?.index_left : k));
      expect(ids).toHaveLength(j.count);
      expect(Object.keys(out.features[0]?.properties ?? {}).sort()).toEqual([...j.columns].sort());
    });
  }

  it('keeps the left side order, then the right index, for inner and left joins', () => {
    const out = spatialJoin(nybb, nybb);
    const order = out.features.map((f) => [f.properties?.BoroCode_left, f.properties?.index_right]);
    expect(order.map((o) => o[0])).toEqual(
      [5, 5, 4, 4, 4, 4, 3, 3, 3, 1, 1, 1, 2, 2, 2].slice(0, order.length).map((_, k) => order[k]?.[0]),
    );
    for (let k = 1; k < order.length; k++)
      if (order[k]?.[0] === order[k - 1]?.[0]) expect(order[k]?.[1]).toBeGreaterThan(order[k - 1]?.[1] as number);
  });

  it('takes holes into account: a point in Lesotho is not in South Africa', () => {
    const maseru = pointCollection([27.48], [-29.31]);
    const out = spatialJoin(maseru, countries);
    expect(out.features.map((f) => f.properties?.name)).toEqual(['Lesotho']);
  });

  it('counts a point on a boundary as intersecting but not within', () => {
    const sq = {
      type: 'FeatureCollection' as const,
      features: [
        {
          type: 'Feature' as const,
          properties: { z: 1 },
          geometry: {
            type: 'Polygon' as const,
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
                [0, 0],
              ],
            ],
          },
        },
      ],
    };
    const edge = pointCollection([1], [0.5]);
    expect(spatialJoin(edge, sq, { predicate: 'intersects' }).features).toHaveLength(1);
    expect(spatialJoin(edge, sq, { predicate: 'within' }).features).toHaveLength(0);
  });

  it('refuses collections in different CRSs, and unknown options', () => {
    expect(() => spatialJoin(cities, nybb)).toThrow(GeoError);
    expect(() => spatialJoin(cities, nybb)).toThrow(/different CRSs \(left EPSG:4326, right EPSG:2263\)/);
    expect(() => spatialJoin(cities, countries, { predicate: 'inside' as never })).toThrow(/predicate/);
    expect(() => spatialJoin(cities, countries, { how: 'outer' as never })).toThrow(/how/);
  });
});

describe('pointsInPolygons (the columnar fast path)', () => {
  it('gives the same matches as spatialJoin on 3,000 random points', () => {
    const r = pointsInPolygons(
      { x: Float64Array.from(reference.points.lon), y: Float64Array.from(reference.points.lat) },
      countries,
    );
    const expected = reference.spatialJoin.find((j: { id: string }) => j.id === 'points-within-inner');
    expect(Array.from(r.pointIndex).map((p, k) => [p, r.polygonIndex[k]])).toEqual(sortPairs(expected.pairs));
    expect(r.matched).toBe(expected.count);
    expect(r.polygonOf.filter((p) => p >= 0)).toHaveLength(expected.count);
  });

  it('refuses columns of different lengths and non-polygons', () => {
    expect(() => pointsInPolygons({ x: [1, 2], y: [1] }, countries)).toThrow(/points\.y/);
    expect(() => pointsInPolygons({ x: [1], y: [1] }, cities)).toThrow(/polygons\.features\[0\]\.geometry\.type/);
  });

  it('reports progress and stops on abort', () => {
    const n = 70_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const seen: number[] = [];
    pointsInPolygons({ x, y }, countries, { onProgress: (d) => seen.push(d) });
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => pointsInPolygons({ x, y }, countries, { signal: controller.signal })).toThrow('stop');
  });
});

describe('nearestJoin', () => {
  it('matches the nearest borough of 400 points in EPSG:2263, ties and max distance as GeoPandas', () => {
    const np = reference.nearestPlanar;
    const pts = pointCollection(np.x, np.y, 'EPSG:2263');
    for (const j of np.joins) {
      const out = nearestJoin(
        pts,
        nybb,
        j.maxDistance === null ? { distanceProperty: 'dist' } : { maxDistance: j.maxDistance, distanceProperty: 'dist' },
      );
      expect(out.features).toHaveLength(j.count);
      out.features.forEach((f, k) => {
        const [i, r, d] = j.rows[k];
        expect(f.properties?.pid).toBe(i);
        expect(f.properties?.index_right).toBe(r);
        expect(f.properties?.dist).toBeCloseTo(d, 4);
      });
    }
  });

  it('finds the nearest capital geodesically on WGS 84, as a brute force over pyproj distances', () => {
    const g = reference.nearestGeodesic;
    const out = nearestJoin(pointCollection(g.lon, g.lat), cities);
    expect(out.features).toHaveLength(g.rows.length);
    out.features.forEach((f, k) => {
      const [i, c, d] = g.rows[k];
      expect(f.properties?.pid).toBe(i);
      expect(f.properties?.index_right).toBe(c);
      expect(Math.abs((f.properties?.distance as number) - d)).toBeLessThan(1e-3);
    });
  });

  it('keeps every tied nearest feature', () => {
    const sites = pointCollection([-1, 1, 0], [0, 0, 5], 'EPSG:32618');
    const out = nearestJoin(pointCollection([0], [0], 'EPSG:32618'), sites);
    expect(out.features.map((f) => f.properties?.index_right)).toEqual([0, 1]);
  });

  it('measures 0 inside a polygon and keeps unmatched rows with how: left', () => {
    // The simplified boroughs (180 KB, not 3 MB): reprojecting the full file took 2.7 s on a
    // loaded machine, and the point in Central Park is as far inside either.
    const simplified = readGeoJSON(readFileSync(`${fixtures}nybb_simplified.geojson`, 'utf8'), { crs: 'EPSG:2263' });
    const wgs = toCrs(simplified, 'EPSG:4326');
    const out = nearestJoin(pointCollection([-73.97, -60], [40.78, 10]), wgs, { maxDistance: 1000, how: 'left' });
    expect(out.features.map((f) => [f.properties?.BoroName, f.properties?.distance])).toEqual([
      ['Manhattan', 0],
      [null, null],
    ]);
  });
});

describe('long joins', () => {
  it('report progress and stop on abort', () => {
    const many = pointCollection(
      Array.from({ length: 9000 }, (_, i) => -170 + (i % 340)),
      Array.from({ length: 9000 }, (_, i) => -50 + (i % 100)),
    );
    const seen: number[] = [];
    spatialJoin(many, countries, { onProgress: (d) => seen.push(d) });
    expect(seen.length).toBe(2);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => spatialJoin(many, countries, { signal: controller.signal })).toThrow('stop');
    expect(() => nearestJoin(many, cities, { signal: controller.signal })).toThrow('stop');
  });
});
