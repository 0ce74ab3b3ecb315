import { TestkitError } from '@ds/testkit';
import { followerGraph, geoPoint, proportion, simplePolygon } from '@ds/testkit/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type P = readonly [number, number];

function cross(o: P, a: P, b: P) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

// Proper intersection of segments ab and cd (shared endpoints of neighbouring edges excluded by the caller).
function segmentsCross(a: P, b: P, c: P, d: P) {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

describe('proportion', () => {
  it('stays strictly inside (0, 1) or the bounds given', () => {
    fc.assert(fc.property(proportion(), (p) => p > 0 && p < 1));
    fc.assert(fc.property(proportion({ min: 0.2, max: 0.3 }), (p) => p > 0.2 && p < 0.3));
  });

  it('shrinks a counterexample towards the lower bound', () => {
    const out = fc.check(
      fc.property(proportion(), (p) => p < 0.5),
      { seed: 1 },
    );
    expect(out.failed).toBe(true);
    expect(out.counterexample?.[0]).toBeGreaterThanOrEqual(0.5);
    expect(out.counterexample?.[0]).toBeLessThan(0.51);
  });

  it('refuses bounds outside [0, 1]', () => {
    expect(() => proportion({ min: -0.1 })).toThrow(TestkitError);
    expect(() => proportion({ min: 0.5, max: 0.5 })).toThrow('max must be in (min, 1] = (0.5, 1], got 0.5');
  });
});

describe('geoPoint', () => {
  it('gives GeoJSON Points inside the bbox', () => {
    fc.assert(
      fc.property(
        geoPoint({ bbox: [-10, 40, 5, 52] }),
        ({ type, coordinates: [x, y] }) => type === 'Point' && x >= -10 && x <= 5 && y >= 40 && y <= 52,
      ),
    );
    expect(() => geoPoint({ bbox: [10, 0, 5, 1] })).toThrow(TestkitError);
  });
});

describe('simplePolygon', () => {
  it('gives closed, counter-clockwise rings without self-intersection, inside the bbox', () => {
    fc.assert(
      fc.property(simplePolygon({ bbox: [2, 48, 3, 49], maxVertices: 16 }), (polygon) => {
        const ring = polygon.coordinates[0] as P[];
        const k = ring.length - 1;
        expect(ring[0]).toEqual(ring[k]);
        expect(k).toBeGreaterThanOrEqual(3);
        let area2 = 0;
        // Relative to the first vertex: coordinates near 48 would cancel digits relative to (0, 0).
        for (let i = 1; i < k - 1; i++) area2 += cross(ring[0] as P, ring[i] as P, ring[i + 1] as P);
        expect(area2).toBeGreaterThan(0);
        for (const [x, y] of ring) expect(x >= 2 && x <= 3 && y >= 48 && y <= 49).toBe(true);
        for (let i = 0; i < k; i++) {
          for (let j = i + 2; j < k; j++) {
            if (i === 0 && j === k - 1) continue;
            expect(segmentsCross(ring[i] as P, ring[i + 1] as P, ring[j] as P, ring[j + 1] as P)).toBe(false);
          }
        }
      }),
    );
  });

  it('shrinks towards the fewest vertices', () => {
    const out = fc.check(
      fc.property(simplePolygon({ minVertices: 3, maxVertices: 20 }), (p) => (p.coordinates[0]?.length ?? 0) < 8),
      { seed: 2 },
    );
    expect(out.failed).toBe(true);
    expect(out.counterexample?.[0].coordinates[0]?.length).toBe(8);
  });
});

describe('followerGraph', () => {
  it('has no self-follows and no repeated edges, and a post count per node', () => {
    fc.assert(
      fc.property(followerGraph({ maxNodes: 12, maxEdges: 40 }), (g) => {
        expect(g.from.length).toBe(g.to.length);
        expect(g.from.length).toBeLessThanOrEqual(40);
        expect(g.tweetCount.length).toBe(g.nodeCount);
        const seen = new Set<number>();
        for (let i = 0; i < g.from.length; i++) {
          const a = g.from[i] as number;
          const b = g.to[i] as number;
          expect(a).not.toBe(b);
          expect(a < g.nodeCount && b < g.nodeCount).toBe(true);
          expect(seen.has(a * g.nodeCount + b)).toBe(false);
          seen.add(a * g.nodeCount + b);
        }
      }),
    );
  });

  it('shrinks a counterexample to the smallest graph', () => {
    const out = fc.check(
      fc.property(followerGraph(), (g) => g.from.length < 3),
      { seed: 3 },
    );
    expect(out.failed).toBe(true);
    const g = out.counterexample?.[0];
    expect(g?.from.length).toBe(3);
    expect(g?.nodeCount).toBe(3);
  });

  it('refuses bad sizes', () => {
    expect(() => followerGraph({ maxNodes: 0 })).toThrow('maxNodes must be an integer ≥ minNodes (1), got 0');
  });
});
