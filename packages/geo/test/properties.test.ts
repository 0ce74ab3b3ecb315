import { geoPoint, simplePolygon } from '@ds/testkit/arbitraries';
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { area, dissolve, type GeoCollection, pointsInPolygons, spatialJoin, startGeometryEngine, toCrs } from '../src/index.js';

// Overlay, dissolve, clip, buffer and line/polygon joins run on GEOS (WebAssembly), started once.
await startGeometryEngine();

const collection = (geometries: object[], props: (i: number) => object = () => ({})): GeoCollection =>
  ({
    type: 'FeatureCollection',
    features: geometries.map((g, i) => ({ type: 'Feature', properties: props(i), geometry: g })),
  }) as GeoCollection;

const bbox = [10, 40, 12, 42] as const;
const scene = fc.record({
  polygons: fc.array(simplePolygon({ bbox, minVertices: 3, maxVertices: 12 }), { minLength: 1, maxLength: 6 }),
  points: fc.array(geoPoint({ bbox }), { minLength: 1, maxLength: 60 }),
  groups: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 6, maxLength: 6 }),
});

describe('properties', () => {
  it('a point joined within a polygon is inside it, and one not joined is not (Turf as the oracle)', () => {
    fc.assert(
      fc.property(scene, ({ polygons, points }) => {
        const left = collection(points);
        const right = collection(polygons);
        const joined = new Set(
          spatialJoin(left, right, { predicate: 'within' }).features.map(
            (f) =>
              `${points.findIndex((p) => p.coordinates === (f.geometry as { coordinates: unknown }).coordinates)}:${f.properties?.index_right}`,
          ),
        );
        points.forEach((p, i) => {
          polygons.forEach((g, j) => {
            // biome-ignore lint/suspicious/noExplicitAny: Turf's own GeoJSON types
            expect(joined.has(`${i}:${j}`)).toBe(booleanPointInPolygon(p as any, g as any, { ignoreBoundary: true }));
          });
        });
      }),
      { numRuns: 60, seed: 20261130 },
    );
  });

  it('the columnar path gives the same pairs as spatialJoin', () => {
    fc.assert(
      fc.property(scene, ({ polygons, points }) => {
        const r = pointsInPolygons(
          { x: points.map((p) => p.coordinates[0]), y: points.map((p) => p.coordinates[1]) },
          collection(polygons),
        );
        const viaJoin = spatialJoin(
          collection(points, (i) => ({ i })),
          collection(polygons),
        ).features.map((f) => [f.properties?.i, f.properties?.index_right]);
        expect(Array.from(r.pointIndex, (p, k) => [p, r.polygonIndex[k]])).toEqual(viaJoin);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('dissolve then join gives the same points per group as join then group', () => {
    fc.assert(
      fc.property(scene, ({ polygons, points, groups }) => {
        const zones = collection(polygons, (i) => ({ group: groups[i] }));
        const pts = collection(points, (i) => ({ i }));
        const perGroup = (fc2: GeoCollection) => {
          const m: Record<string, Set<number>> = {};
          for (const f of fc2.features) {
            const key = f.properties?.group as string;
            m[key] = (m[key] ?? new Set()).add(f.properties?.i as number);
          }
          return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
        };
        const dissolved = dissolve(zones, { by: 'group' });
        expect(perGroup(spatialJoin(pts, dissolved, { predicate: 'within' }))).toEqual(
          perGroup(spatialJoin(pts, zones, { predicate: 'within' })),
        );
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('toCrs to the point’s UTM zone and back returns the point', () => {
    fc.assert(
      fc.property(geoPoint({ bbox: [-179, -79, 179, 83] }), (p) => {
        const [lon, lat] = p.coordinates;
        const zone = Math.min(60, Math.floor((lon + 180) / 6) + 1);
        const code = `EPSG:${lat >= 0 ? 326 : 327}${String(zone).padStart(2, '0')}`;
        const back = toCrs(toCrs(collection([p]), code), 'EPSG:4326').features[0]?.geometry as { coordinates: number[] };
        expect(Math.abs((back.coordinates[0] as number) - lon)).toBeLessThan(1e-7);
        expect(Math.abs((back.coordinates[1] as number) - lat)).toBeLessThan(1e-7);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('the geodesic area of a small polygon equals its planar area in a Lambert azimuthal equal-area projection centred on it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -70, max: 70 }),
        simplePolygon({ bbox: [0, 0, 0.5, 0.5], minVertices: 4, maxVertices: 10 }),
        (lat, g) => {
          const shifted = { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(([x, y]) => [x + 20, y + lat])) };
          const fc2 = collection([shifted]);
          const geodesic = area(fc2.features[0] as NonNullable<(typeof fc2.features)[0]>);
          const laea = `+proj=laea +lat_0=${lat + 0.25} +lon_0=20.25 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs`;
          const ea = toCrs(fc2, laea);
          const planar = area(ea.features[0] as NonNullable<(typeof ea.features)[0]>, { crs: laea });
          expect(Math.abs(geodesic / planar - 1)).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 60, seed: 5 },
    );
  });
});
