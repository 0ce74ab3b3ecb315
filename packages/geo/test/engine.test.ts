// The exact engine's start-up and the bad input of everything that uses it. This file starts the
// engine itself, after checking what happens before (Vitest runs each test file in its own module
// graph, so the other files' start does not reach here).
import { errorOf as errorOfClass } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import type { GeoCollection, Geometry } from '../src/index.js';
import {
  buffer,
  clip,
  dissolve,
  GeoError,
  geometryEngineStarted,
  isValid,
  makeValid,
  nearestJoin,
  overlay,
  spatialJoin,
  startGeometryEngine,
} from '../src/index.js';

const fc = (...geometries: (Geometry | null)[]): GeoCollection => ({
  type: 'FeatureCollection',
  crs: 'EPSG:3857',
  features: geometries.map((geometry, i) => ({ type: 'Feature', properties: { i }, geometry })),
});
const square = (x0: number, y0: number, x1: number, y1: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
const line: Geometry = {
  type: 'LineString',
  coordinates: [
    [-1, 0.5],
    [3, 0.5],
  ],
};
const point: Geometry = { type: 'Point', coordinates: [0.5, 0.5] };

const errorOf = (fn: () => unknown): GeoError => errorOfClass(fn, GeoError);

describe('before startGeometryEngine', () => {
  it('refuses what needs the engine with engine-not-started, and says how to start it', () => {
    expect(geometryEngineStarted()).toBe(false);
    for (const fn of [
      () => overlay(fc(square(0, 0, 1, 1)), fc(square(0, 0, 1, 1)), 'union'),
      () => dissolve(fc(square(0, 0, 1, 1)), { by: 'i' }),
      () => clip(fc(square(0, 0, 2, 2)), [0, 0, 1, 1]),
      () => buffer(fc(point), 10),
      () => spatialJoin(fc(line), fc(square(0, 0, 1, 1))),
      () => makeValid(fc(square(0, 0, 1, 1))),
      () => isValid(square(0, 0, 1, 1)),
    ]) {
      const e = errorOf(fn);
      expect(e.code).toBe('engine-not-started');
      expect(e.message).toMatch(/await startGeometryEngine\(\)/);
    }
  });

  it('joins points against polygons without it (the columnar path)', () => {
    expect(spatialJoin(fc(point), fc(square(0, 0, 1, 1))).features).toHaveLength(1);
    expect(spatialJoin(fc(square(0, 0, 1, 1)), fc(point), { predicate: 'contains' }).features).toHaveLength(1);
  });
});

describe('startGeometryEngine', () => {
  it('starts once: GEOS 3.13, and a second call resolves at once to the same engine', async () => {
    const first = await startGeometryEngine();
    expect(first).toMatchObject({ name: 'geos', version: '3.13.0' });
    const again = await startGeometryEngine();
    expect(again).toEqual({ name: 'geos', version: '3.13.0', startMs: 0 });
    expect(geometryEngineStarted()).toBe(true);
  });
});

describe('lines and polygons on either side of a join', () => {
  it('answers LineString contains Polygon, Polygon within LineString and MultiLineString within: false, no crash', async () => {
    await startGeometryEngine();
    const multi: Geometry = {
      type: 'MultiLineString',
      coordinates: [
        [
          [0, 0],
          [1, 1],
        ],
        [
          [2, 2],
          [3, 3],
        ],
      ],
    };
    expect(spatialJoin(fc(line), fc(square(0, 0, 1, 1)), { predicate: 'contains' }).features).toHaveLength(0);
    expect(spatialJoin(fc(square(0, 0, 1, 1)), fc(line), { predicate: 'within' }).features).toHaveLength(0);
    expect(spatialJoin(fc(multi), fc(square(-1, -1, 4, 4)), { predicate: 'within' }).features).toHaveLength(1);
    expect(spatialJoin(fc(line), fc(square(0, 0, 1, 1)), { predicate: 'crosses' }).features).toHaveLength(1);
  });

  it('keeps holes: a square filling a donut hole is not within the donut, but touches it', async () => {
    await startGeometryEngine();
    const donut: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
        [
          [3, 3],
          [7, 3],
          [7, 7],
          [3, 7],
          [3, 3],
        ],
      ],
    };
    const plug = fc(square(3, 3, 7, 7));
    expect(spatialJoin(plug, fc(donut), { predicate: 'within' }).features).toHaveLength(0);
    expect(spatialJoin(plug, fc(donut), { predicate: 'touches' }).features).toHaveLength(1);
    expect(spatialJoin(plug, fc(donut), { predicate: 'dwithin', distance: 0 }).features).toHaveLength(1);
  });
});

describe('bad input: a GeoError naming the feature and the problem', () => {
  it('refuses NaN coordinates, unclosed rings and empty geometries', async () => {
    await startGeometryEngine();
    const nan = errorOf(() =>
      spatialJoin(
        fc(line, {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [Number.NaN, 1],
          ],
        }),
        fc(square(0, 0, 1, 1)),
      ),
    );
    expect([nan.code, nan.argument]).toEqual(['invalid-geometry', 'left.features[1].geometry.coordinates[1]']);
    const open: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    const unclosed = errorOf(() => overlay(fc(square(0, 0, 1, 1)), fc(open), 'union'));
    expect(unclosed.argument).toBe('b.features[0].geometry.coordinates[0]');
    expect(unclosed.message).toMatch(/closed ring.*repair: true/);
    const empty = errorOf(() => dissolve(fc({ type: 'MultiPolygon', coordinates: [] }), { by: 'i' }));
    expect(empty.message).toBe(
      'collection.features[0].geometry.coordinates must be a non-empty geometry (a feature without a geometry has geometry: null), got []',
    );
    const nanPoint = errorOf(() => nearestJoin(fc({ type: 'Point', coordinates: [Number.NaN, 0] }), fc(point)));
    expect(nanPoint.argument).toBe('left.features[0].geometry.coordinates');
  });

  it('refuses a self-intersecting ring in overlay, dissolve and clip masks, offering makeValid', async () => {
    await startGeometryEngine();
    const bowtie: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 2],
          [2, 0],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const e = errorOf(() => overlay(fc(square(0, 0, 1, 1), bowtie), fc(square(0, 0, 1, 1)), 'intersection'));
    expect([e.code, e.argument]).toEqual(['invalid-geometry', 'a.features[1].geometry']);
    expect(e.message).toBe(
      'a.features[1].geometry is not a valid Polygon: Self-intersection[1 1]; repair it with makeValid(collection) first',
    );
    expect(errorOf(() => dissolve(fc(bowtie), { by: 'i' })).argument).toBe('collection.features[0].geometry');
    expect(errorOf(() => clip(fc(point), bowtie)).code).toBe('invalid-geometry');
    const fixed = makeValid(fc(bowtie));
    expect(isValid(fixed.features[0]?.geometry as Geometry)).toBe(true);
    expect(overlay(fixed, fc(square(0, 0, 2, 2)), 'intersection').features).toHaveLength(1);
  });

  it('refuses mixed or non-polygon overlay layers, bad options and wrong types, saying what was wrong', async () => {
    await startGeometryEngine();
    expect(errorOf(() => overlay(fc(square(0, 0, 1, 1), line), fc(square(0, 0, 1, 1)), 'union')).argument).toBe(
      'a.features[1].geometry.type',
    );
    expect(errorOf(() => overlay(fc(square(0, 0, 1, 1)), fc(square(0, 0, 1, 1)), 'outer' as never)).argument).toBe('how');
    expect(errorOf(() => overlay(fc(square(0, 0, 1, 1)), fc(square(0, 0, 1, 1)), 'union', null as never)).argument).toBe(
      'options',
    );
    expect(
      errorOf(() => overlay(fc(square(0, 0, 1, 1)), fc(square(0, 0, 1, 1)), 'union', { keepGeomType: 'yes' as never })).argument,
    ).toBe('keepGeomType');
    expect(errorOf(() => spatialJoin(fc(line), fc(line), { predicate: 'dwithin' })).message).toMatch(
      /distance must be a finite distance ≥ 0/,
    );
    expect(errorOf(() => spatialJoin(fc(line), fc(line), { predicate: 'dwithin', distance: '5' as never })).message).toMatch(
      /a number, not a string.*got '5'/,
    );
    expect(errorOf(() => spatialJoin(fc(line), fc(line), { distance: 5 })).argument).toBe('distance');
    expect(errorOf(() => spatialJoin({} as never, fc(line))).message).toMatch(/^left must be a FeatureCollection/);
    expect(errorOf(() => buffer(fc(point), '10' as never)).message).toMatch(/a number, not a string/);
    expect(errorOf(() => buffer(fc(point), 10, { steps: 0.5 })).argument).toBe('steps');
    expect(errorOf(() => clip(fc(point), [0, 0, 1] as never)).argument).toBe('mask');
    expect(errorOf(() => clip(fc(point), [1, 1, 0, 0])).code).toBe('out-of-range');
    expect(errorOf(() => dissolve(fc(point), { by: [3] as never })).argument).toBe('by[0]');
  });
});

describe('long work stops on abort', () => {
  it("overlay, dissolve and clip throw the signal's reason", async () => {
    await startGeometryEngine();
    const many = fc(...Array.from({ length: 5000 }, (_, i) => square(i, 0, i + 1, 1)));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const signal = controller.signal;
    expect(() => overlay(many, fc(square(0, 0, 2, 2)), 'intersection', { signal })).toThrow('stop');
    expect(() => dissolve(fc(square(0, 0, 1, 1)), { by: 'i', signal })).toThrow('stop');
    expect(() => clip(many, [0, 0, 2, 2], { signal })).toThrow('stop');
  });
});
