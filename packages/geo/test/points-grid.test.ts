// The grid of the point join answers for a cell wholly inside a part (no ring test) and leaves
// out parts no edge of which comes near a cell. These tests hold that short-cut to the plain
// answers: every candidate tested (`shortcuts` off) and a brute-force test of every point against
// every polygon (geometry/locate.ts), on seeded random polygons (holes, multi-parts, large rings
// that take the strip test, axis-aligned edges) and points chosen to be hard: on vertices, on
// edges, in holes, on and one ulp beside the grid's cell lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GeoCollection, Polygon, Position } from '../src/geojson.js';
import { locatePoint } from '../src/geometry/locate.js';
import { locatePoints } from '../src/join/points.js';

/** A ring around (cx, cy): `n` vertices at sorted angles, radii in [r0, r1], on a 1/16 lattice. */
function star(cx: number, cy: number, n: number, r0: number, r1: number, rand: () => number): Position[] {
  const angles = Array.from({ length: n }, () => rand() * 2 * Math.PI).sort((a, b) => a - b);
  const snap = (v: number) => Math.round(v * 16) / 16;
  const ring = angles.map((a) => {
    const r = r0 + (r1 - r0) * rand();
    return [snap(cx + r * Math.cos(a)), snap(cy + r * Math.sin(a))] as Position;
  });
  ring.push([...(ring[0] as Position)] as Position);
  return ring;
}

function rect(x0: number, y0: number, x1: number, y1: number): Position[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

const scene = fc
  .record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), polygons: fc.integer({ min: 1, max: 7 }) })
  .map(({ seed, polygons }) => {
    let s = seed;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const int = (n: number) => Math.floor(rand() * n);
    const polys: Polygon['coordinates'][] = [];
    for (let k = 0; k < polygons + 1; k++) {
      const cx = int(65) / 8;
      const cy = int(65) / 8;
      if (rand() < 0.3) {
        const w = (1 + int(24)) / 8;
        const h = (1 + int(24)) / 8;
        const shell = rect(cx, cy, cx + w, cy + h);
        polys.push(rand() < 0.5 ? [shell] : [shell, rect(cx + w / 4, cy + h / 4, cx + w / 2, cy + h / 2)]);
      } else {
        // Up to 160 vertices: rings over 64 take the strip test.
        const n = 3 + int(rand() < 0.5 ? 12 : 160);
        const r = 0.5 + rand() * 3;
        const shell = star(cx, cy, n, r * 0.6, r, rand);
        polys.push(rand() < 0.5 ? [shell] : [shell, star(cx, cy, 3 + int(40), r * 0.1, r * 0.45, rand)]);
      }
    }
    // The first two polygons form one MultiPolygon feature.
    const features = [
      { type: 'Feature' as const, properties: {}, geometry: { type: 'MultiPolygon' as const, coordinates: polys.slice(0, 2) } },
      ...polys.slice(2).map((coordinates) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'Polygon' as const, coordinates },
      })),
    ];
    const collection: GeoCollection = { type: 'FeatureCollection', features };
    // Points: every vertex, edge midpoints and quarter points, lattice points, random points, and
    // points on lines x0 + w·k/m (some m is the grid's column count) and one ulp either side.
    const xs: number[] = [];
    const ys: number[] = [];
    const add = (x: number, y: number) => {
      xs.push(x);
      ys.push(y);
    };
    let bx0 = Infinity;
    let by0 = Infinity;
    let bx1 = -Infinity;
    let by1 = -Infinity;
    for (const poly of polys)
      for (const ring of poly)
        for (let i = 0; i < ring.length; i++) {
          const [x, y] = ring[i] as [number, number];
          bx0 = Math.min(bx0, x);
          by0 = Math.min(by0, y);
          bx1 = Math.max(bx1, x);
          by1 = Math.max(by1, y);
          if (rand() < 0.3) add(x, y);
          const [nx, ny] = (ring[(i + 1) % ring.length] as [number, number]) ?? [x, y];
          if (rand() < 0.3) add((x + nx) / 2, (y + ny) / 2);
          if (rand() < 0.2) add(x + (nx - x) / 4, y + (ny - y) / 4);
        }
    for (let k = 0; k < 400; k++) add(int(81) / 8 - 0.5, int(81) / 8 - 0.5);
    for (let k = 0; k < 400; k++) add(bx0 - 0.2 + (bx1 - bx0 + 0.4) * rand(), by0 - 0.2 + (by1 - by0 + 0.4) * rand());
    const w = bx1 - bx0;
    const h = by1 - by0;
    for (let k = 0; k < 400; k++) {
      const m = 1 + int(120);
      const x = bx0 + (w * int(m + 1)) / m;
      const y = by0 + (h * int(m + 1)) / m;
      const ulp = (v: number) => (Math.abs(v) || 1) * Number.EPSILON;
      const dx = [0, ulp(x), -ulp(x)][int(3)] as number;
      const dy = [0, ulp(y), -ulp(y)][int(3)] as number;
      add(x + dx, rand() < 0.5 ? y + dy : by0 + h * rand());
      add(bx0 + w * rand(), y + dy);
    }
    return { collection, x: Float64Array.from(xs), y: Float64Array.from(ys) };
  });

function triples(r: { point: Int32Array; polygon: Int32Array; location: Uint8Array }): number[][] {
  return Array.from(r.point, (p, k) => [p, r.polygon[k] as number, r.location[k] as number]);
}

describe('the point join grid', () => {
  it('gives the plain path’s locations, and brute force’s, for hard points (seeded)', () => {
    let cells = 0;
    fc.assert(
      fc.property(scene, ({ collection, x, y }) => {
        const fast = triples(locatePoints({ x, y }, collection, 'polygons'));
        const plain = triples(locatePoints({ x, y }, collection, 'polygons', {}, 0xffff, false));
        const brute: number[][] = [];
        for (let i = 0; i < x.length; i++)
          collection.features.forEach((f, j) => {
            const loc = locatePoint([x[i] as number, y[i] as number], f.geometry as Polygon);
            if (loc !== 0) brute.push([i, j, loc]);
          });
        expect(fast).toEqual(plain);
        expect(fast).toEqual(brute);
        cells += fast.filter((t) => t[2] === 2).length;
      }),
      { seed: 1307, numRuns: 30 },
    );
    // The points do hit boundaries (else this would test little).
    expect(cells).toBeGreaterThan(200);
  });

  it('builds the grid again when a feature of the same array is replaced (the grid is cached per array)', () => {
    const square = (x: number) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'Polygon' as const, coordinates: [rect(x, 0, x + 1, 1)] },
    });
    const polygons: GeoCollection = { type: 'FeatureCollection', features: [square(0), square(2)] };
    // Many points, so the grid classifies its cells; then few, so it may use the cached one.
    const x = Float64Array.from({ length: 400 }, (_, i) => (i % 40) / 10);
    const y = Float64Array.from({ length: 400 }, (_, i) => Math.floor(i / 40) / 10 + 0.05);
    const at = (r: { point: Int32Array; polygon: Int32Array }, i: number) =>
      Array.from(r.polygon).filter((_, k) => r.point[k] === i);
    expect(at(locatePoints({ x, y }, polygons, 'polygons'), 5)).toEqual([0]);
    polygons.features[0] = square(0.75);
    const again = locatePoints({ x, y }, polygons, 'polygons');
    expect(at(again, 5)).toEqual([]);
    expect(at(again, 8)).toEqual([0]);
    expect(at(locatePoints({ x: x.subarray(8, 9), y: y.subarray(8, 9) }, polygons, 'polygons'), 0)).toEqual([0]);
    expect(triples(again)).toEqual(triples(locatePoints({ x, y }, polygons, 'polygons', {}, 0xffff, false)));
  });
});
