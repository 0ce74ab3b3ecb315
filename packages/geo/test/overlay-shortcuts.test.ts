// The short-cuts overlay, clip and dissolve take past the general GEOS overlay (rectangles cut by
// GEOS' rectangle clipping, features covered by rectangles, features inside a clip mask, polygons
// that tile merged by their shared edges) give the answers of the general path: each is compared
// on seeded random inputs with the same input written so that no short-cut applies (a rectangle
// with one more vertex, in the middle of an edge, is no longer recognised as one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { destroy, toGeos } from '../src/geometry/convert.js';
import { geos } from '../src/geometry/engine.js';
import { coverageUnionOf, unionOf } from '../src/geometry/operations.js';
import { rectangleOf, rectanglesCover } from '../src/geometry/rectangle.js';
import type { Feature, GeoCollection, Geometry, Position } from '../src/index.js';
import { area, clip, dissolve, isValid, overlay, startGeometryEngine } from '../src/index.js';

await startGeometryEngine();

const SEED = 20261207;
const ring = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
/** The same rectangle with a sixth vertex in the middle of its bottom edge: no short-cut sees it. */
const disguised = (g: Geometry): Geometry => {
  const r = (g as { coordinates: Position[][] }).coordinates[0] as Position[];
  const [a, b] = [r[0] as Position, r[1] as Position];
  const mid = [((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2];
  return { type: 'Polygon', coordinates: [[a, mid, ...r.slice(1)]] };
};
const collection = (geoms: Geometry[], key: string): GeoCollection => ({
  type: 'FeatureCollection',
  crs: 'EPSG:3857',
  features: geoms.map((geometry, i) => ({ type: 'Feature', properties: { [key]: i }, geometry })),
});

// Polygons on a coarse lattice (shared edges, touching corners, collinear edges) and off it
// (slanted edges that cross rectangle sides at computed points), with holes and several parts.
const v = fc.integer({ min: 0, max: 12 });
const size = fc.integer({ min: 1, max: 6 });
const rectangle = fc
  .tuple(v, v, size, size)
  .map(([x, y, w, h]) => ({ type: 'Polygon' as const, coordinates: [ring(x, y, x + w, y + h)] }));
const polygon: fc.Arbitrary<Geometry> = fc.oneof(
  rectangle,
  fc.tuple(v, v, size, size, fc.double({ min: 0.1, max: 0.9, noNaN: true })).map(([x, y, w, h, t]) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + w, y + h * t],
        [x + w * t, y + h],
        [x, y],
      ],
    ],
  })),
  fc.tuple(v, v, fc.integer({ min: 3, max: 7 })).map(([x, y, w]) => ({
    type: 'Polygon' as const,
    coordinates: [ring(x, y, x + w, y + w), ring(x + 1, y + 1, x + w - 1.5, y + w - 1.5)],
  })),
  fc.tuple(v, v, size, fc.integer({ min: 1, max: 3 })).map(([x, y, w, gap]) => ({
    type: 'MultiPolygon' as const,
    coordinates: [[ring(x, y, x + w, y + w)], [ring(x + w + gap, y + 0.5, x + w + gap + 2, y + 2.5)]],
  })),
);

type Row = [number | null, number | null, number];
const rows = (out: GeoCollection): Row[] =>
  out.features
    .map((f: Feature): Row => {
      expect(isValid(f.geometry as Geometry)).toBe(true);
      return [
        (f.properties?.ia ?? null) as number | null,
        (f.properties?.ib ?? null) as number | null,
        area(f, { crs: 'EPSG:3857' }),
      ];
    })
    .sort((p, q) => (p[0] ?? -1) - (q[0] ?? -1) || (p[1] ?? -1) - (q[1] ?? -1) || p[2] - q[2]);
/** The same rows and areas; for an overlay (keepGeomType) no piece without area either. */
const expectSameRows = (got: Row[], want: Row[], pieces: 'polygons' | 'any' = 'polygons') => {
  expect(got.map((r) => [r[0], r[1]])).toEqual(want.map((r) => [r[0], r[1]]));
  got.forEach((r, k) => {
    expect(Math.abs(r[2] - (want[k] as Row)[2])).toBeLessThanOrEqual(1e-9 * Math.max(1, (want[k] as Row)[2]));
    if (pieces === 'polygons') expect(r[2]).toBeGreaterThan(0);
  });
};

describe('rectangleOf and rectanglesCover', () => {
  it('knows an axis-aligned rectangle, whatever its first corner and direction, and nothing else', () => {
    expect(rectangleOf({ type: 'Polygon', coordinates: [ring(0, 0, 2, 1)] })).toEqual([0, 0, 2, 1]);
    const cw: Position[] = [
      [2, 1],
      [2, 0],
      [0, 0],
      [0, 1],
      [2, 1],
    ];
    expect(rectangleOf({ type: 'Polygon', coordinates: [cw] })).toEqual([0, 0, 2, 1]);
    const diamond: Position[] = [
      [1, 0],
      [2, 1],
      [1, 2],
      [0, 1],
      [1, 0],
    ];
    const bowtie: Position[] = [
      [0, 0],
      [2, 1],
      [2, 0],
      [0, 1],
      [0, 0],
    ];
    const flat: Position[] = [
      [0, 0],
      [2, 0],
      [2, 0],
      [0, 0],
      [0, 0],
    ];
    for (const r of [diamond, bowtie, flat]) expect(rectangleOf({ type: 'Polygon', coordinates: [r] })).toBeNull();
    expect(rectangleOf({ type: 'Polygon', coordinates: [ring(0, 0, 4, 4), ring(1, 1, 2, 2)] })).toBeNull();
    expect(rectangleOf(disguised({ type: 'Polygon', coordinates: [ring(0, 0, 2, 1)] }))).toBeNull();
    expect(rectangleOf({ type: 'MultiPolygon', coordinates: [[ring(0, 0, 2, 1)]] })).toBeNull();
    expect(rectangleOf(null)).toBeNull();
  });

  it('covers a box exactly: no gap, however thin, is missed', () => {
    expect(
      rectanglesCover(
        [
          [0, 0, 1, 2],
          [1, 0, 3, 1],
          [1, 1, 3, 2],
        ],
        [0.5, 0.5, 2.5, 1.5],
      ),
    ).toBe(true);
    expect(
      rectanglesCover(
        [
          [0, 0, 1, 2],
          [1 + 1e-12, 0, 3, 2],
        ],
        [0, 0, 3, 2],
      ),
    ).toBe(false);
    expect(rectanglesCover([[0, 0, 1, 1]], [0, 0, 1, 1.000000001])).toBe(false);
    // A degenerate box (a segment) inside a rectangle's edge is covered.
    expect(rectanglesCover([[0, 0, 1, 1]], [0, 1, 1, 1])).toBe(true);
    // Past the cap on elementary cells × rectangles it answers false (the caller then runs the overlay).
    const strips = Array.from({ length: 300 }, (_, k): [number, number, number, number] => [k, 0, k + 1, 300]);
    const rows = Array.from({ length: 300 }, (_, k): [number, number, number, number] => [0, k, 300, k + 1]);
    expect(rectanglesCover([...strips, ...rows], [0, 0, 300, 300])).toBe(true);
    expect(rectanglesCover([...strips, ...rows], [0, 0, 300, 300], 50_000)).toBe(false);
    expect(rectanglesCover(strips, [0, 0, 300, 300], 50_000)).toBe(true);
    // A 1° grid over a country's box: 14,400 cells, each marking one elementary cell.
    const grid: [number, number, number, number][] = [];
    for (let x = -180; x < 180; x++) for (let y = 40; y < 80; y++) grid.push([x, y, x + 1, y + 1]);
    expect(rectanglesCover(grid, [-179.5, 41.2, 179.9, 77.7])).toBe(true);
    expect(
      rectanglesCover(
        grid.filter((r) => r[0] !== 100 || r[1] !== 60),
        [-179.5, 41.2, 179.9, 77.7],
      ),
    ).toBe(false);
  });
});

describe('overlay with rectangles: the rows of the general path', () => {
  const [left, cells] = fc.sample(
    fc.tuple(fc.array(polygon, { minLength: 24, maxLength: 24 }), fc.array(rectangle, { minLength: 16, maxLength: 16 })),
    { seed: SEED, numRuns: 1 },
  )[0] as [Geometry[], Geometry[]];
  // A grid of unit cells over part of the lattice too: cells that share edges and cover features.
  const grid: Geometry[] = [];
  for (let x = 0; x < 10; x += 2)
    for (let y = 0; y < 10; y += 2) grid.push({ type: 'Polygon', coordinates: [ring(x, y, x + 2, y + 2)] });
  for (const [name, right] of [
    ['random rectangles', cells],
    ['a grid', grid],
  ] as const) {
    for (const how of ['intersection', 'union', 'difference', 'symmetric_difference', 'identity'] as const) {
      it(`${how} with ${name}, either side`, () => {
        const a = collection(left, 'ia');
        const b = collection(right, 'ib');
        const plainB = collection(right.map(disguised), 'ib');
        expectSameRows(rows(overlay(a, b, how)), rows(overlay(a, plainB, how)));
        expectSameRows(rows(overlay(b, a, how)), rows(overlay(plainB, a, how)));
      });
    }
  }
});

describe('clip inside the mask: the pieces of the general path', () => {
  it('keeps features inside a rectangular or polygon mask whole, and cuts the rest as before', () => {
    const [left] = fc.sample(fc.array(polygon, { minLength: 40, maxLength: 40 }), { seed: SEED + 1, numRuns: 1 }) as [Geometry[]];
    const a = collection(left, 'ia');
    const mask: Geometry = { type: 'Polygon', coordinates: [ring(2, 2, 13, 11)] };
    const general = rows(clip(a, disguised(mask)));
    expect(general.length).toBeGreaterThan(10);
    // clip keeps the lines where a feature only touches the mask (GeoPandas' keep_geom_type=False).
    expectSameRows(rows(clip(a, mask)), general, 'any');
    // A mask that is no rectangle: features properly inside it are kept as they are.
    const hexagon: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [2, 6],
          [6, 1],
          [12, 1],
          [16, 6],
          [12, 14],
          [6, 14],
          [2, 6],
        ],
      ],
    };
    const out = clip(a, hexagon);
    const inside = out.features.filter((f) => f.geometry === a.features[f.properties?.ia as number]?.geometry);
    expect(inside.length).toBeGreaterThan(0);
    rows(out).forEach((r) => {
      const f = a.features[r[0] as number] as Feature;
      // Each piece is the feature's intersection with the mask: its area is no more than the feature's.
      expect(r[2]).toBeLessThanOrEqual(area(f, { crs: 'EPSG:3857' }) * (1 + 1e-12));
    });
  });
});

describe("dissolve's coverage union: the unary union's answer, or the unary union", () => {
  it('merges random tilings of a lattice as the unary union does, and refuses what does not tile', () => {
    const e = geos('test');
    const M = e.module;
    const out = M._malloc(8);
    const areaOf = (g: number) => {
      M._GEOSArea_r(e.ctx, g, out);
      return M.HEAPF64[out >> 3] as number;
    };
    // Tilings: unit cells of a 6 × 6 lattice given to random groups (cells sharing whole edges),
    // some cells cut in two along a diagonal, some groups joined by a T-junction (a 1 × 2 cell
    // beside two unit cells) or an overlap, which the coverage union must not be trusted with.
    const tilings = fc.sample(
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 36, maxLength: 36 }),
        fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }),
        fc.constantFrom('tiles', 't-junction', 'overlap'),
      ),
      { seed: SEED + 2, numRuns: 30 },
    );
    let accepted = 0;
    let refused = 0;
    for (const [groups, cut, kind] of tilings) {
      for (const g of [0, 1, 2]) {
        const parts: Geometry[] = [];
        groups.forEach((k, c) => {
          if (k !== g) return;
          const [x, y] = [c % 6, Math.floor(c / 6)];
          if (cut[c]) {
            parts.push({
              type: 'Polygon',
              coordinates: [
                [
                  [x, y],
                  [x + 1, y],
                  [x + 1, y + 1],
                  [x, y],
                ],
              ],
            });
            parts.push({
              type: 'Polygon',
              coordinates: [
                [
                  [x, y],
                  [x + 1, y + 1],
                  [x, y + 1],
                  [x, y],
                ],
              ],
            });
          } else parts.push({ type: 'Polygon', coordinates: [ring(x, y, x + 1, y + 1)] });
        });
        if (kind === 't-junction')
          parts.push(
            { type: 'Polygon', coordinates: [ring(6, 0, 7, 2)] },
            { type: 'Polygon', coordinates: [ring(7, 0, 8, 1)] },
            { type: 'Polygon', coordinates: [ring(7, 1, 8, 2)] },
          );
        if (kind === 'overlap') parts.push({ type: 'Polygon', coordinates: [ring(0.5, 0.5, 1.5, 1.5)] });
        if (parts.length < 2) continue;
        const ptrs = parts.map((p, k) => toGeos(e, p, `part ${k}`));
        const unary = unionOf(e, ptrs, 'test');
        const tiles = coverageUnionOf(e, ptrs);
        if (tiles === 0) refused++;
        else {
          accepted++;
          const diff = M._GEOSSymDifference_r(e.ctx, unary, tiles);
          expect(areaOf(diff)).toBe(0);
          expect(M._GEOSGetNumGeometries_r(e.ctx, tiles)).toBe(M._GEOSGetNumGeometries_r(e.ctx, unary));
          expect(areaOf(tiles)).toBeCloseTo(areaOf(unary), 12);
          destroy(e, diff);
          destroy(e, tiles);
        }
        // dissolve's answer is the unary union's, whichever path it took.
        const layer: GeoCollection = {
          type: 'FeatureCollection',
          crs: 'EPSG:3857',
          features: parts.map((geometry) => ({ type: 'Feature', properties: { g }, geometry })),
        };
        const [merged] = dissolve(layer, { by: 'g' }).features as [Feature];
        expect(area(merged, { crs: 'EPSG:3857' })).toBeCloseTo(areaOf(unary), 9);
        expect(isValid(merged.geometry as Geometry)).toBe(true);
        destroy(e, unary);
        for (const p of ptrs) destroy(e, p);
      }
    }
    M._free(out);
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});
