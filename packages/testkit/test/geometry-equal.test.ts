import { geometryEqual, TestkitError } from '@ds/testkit';
import { describe, expect, it } from 'vitest';

const ring = (...points: number[][]) => [...points, points[0] as number[]];
const square = ring([0, 0], [4, 0], [4, 4], [0, 4]);
const hole1 = ring([1, 1], [1, 2], [2, 2], [2, 1]);
const hole2 = ring([3, 3], [3, 3.5], [3.5, 3.5], [3.5, 3]);
const polygon = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });

describe('geometryEqual', () => {
  it('ignores where a ring starts and which way it runs', () => {
    const rotated = ring([4, 4], [0, 4], [0, 0], [4, 0]);
    const reversed = ring([0, 0], [0, 4], [4, 4], [4, 0]);
    expect(geometryEqual(polygon(rotated), polygon(square)).equal).toBe(true);
    expect(geometryEqual(polygon(reversed), polygon(square)).equal).toBe(true);
  });

  it('with orientation strict, still ignores the start but not the direction', () => {
    const rotated = ring([4, 4], [0, 4], [0, 0], [4, 0]);
    const reversed = ring([0, 0], [0, 4], [4, 4], [4, 0]);
    expect(geometryEqual(polygon(rotated), polygon(square), { orientation: 'strict' }).equal).toBe(true);
    const r = geometryEqual(polygon(reversed), polygon(square), { orientation: 'strict' });
    expect(r.equal).toBe(false);
    expect(r.path).toBe('coordinates[0]');
    expect(r.message).toMatch(/^coordinates\[0\]: no start vertex of the ring matches/);
  });

  it('ignores the order of holes and of the parts of a MultiPolygon, not their content', () => {
    expect(geometryEqual(polygon(square, hole2, hole1), polygon(square, hole1, hole2)).equal).toBe(true);
    const a = { type: 'MultiPolygon', coordinates: [[square], [ring([10, 10], [11, 10], [11, 11])]] };
    const b = { type: 'MultiPolygon', coordinates: [[ring([10, 10], [11, 10], [11, 11])], [square]] };
    expect(geometryEqual(a, b).equal).toBe(true);
    const moved = polygon(square, hole1, ring([3, 3], [3, 3.5], [3.5, 3.6], [3.5, 3]));
    expect(geometryEqual(moved, polygon(square, hole1, hole2)).message).toMatch(
      /^coordinates\[2\]: no hole in actual matches the expected/,
    );
  });

  it('compares lines in either direction unless strict, and points within the tolerance', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
        [2, 0],
      ],
    };
    const back = {
      type: 'LineString',
      coordinates: [
        [2, 0],
        [1, 1],
        [0, 0],
      ],
    };
    expect(geometryEqual(back, line).equal).toBe(true);
    expect(geometryEqual(back, line, { orientation: 'strict' }).message).toBe('coordinates[0]: [2,0], expected [0,0]');
    const p = { type: 'Point', coordinates: [1, 1] };
    expect(geometryEqual({ type: 'Point', coordinates: [1 + 1e-10, 1] }, p).equal).toBe(true);
    expect(geometryEqual({ type: 'Point', coordinates: [1.001, 1] }, p).equal).toBe(false);
    expect(geometryEqual({ type: 'Point', coordinates: [1.001, 1] }, p, { tolerance: 0.01 }).equal).toBe(true);
  });

  it('compares features in order, their properties included, and names the path of the first difference', () => {
    const fc = (name: string, x: number) => ({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [0, 0] } },
        { type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [x, 0] } },
      ],
    });
    expect(geometryEqual(fc('b', 1), fc('b', 1)).equal).toBe(true);
    expect(geometryEqual(fc('c', 1), fc('b', 1)).message).toBe('features[1].properties.name: "c", expected "b"');
    expect(geometryEqual(fc('c', 1), fc('b', 1), { properties: false }).equal).toBe(true);
    expect(geometryEqual(fc('b', 2), fc('b', 1)).message).toBe('features[1].geometry.coordinates: [2,0], expected [1,0]');
    expect(geometryEqual({ type: 'FeatureCollection', features: [] }, fc('b', 1)).message).toBe(
      'features: 0 features, expected 2',
    );
  });

  it('tells a different type or vertex count apart', () => {
    expect(geometryEqual({ type: 'Point', coordinates: [0, 0] }, polygon(square)).message).toBe('type Point, expected Polygon');
    expect(geometryEqual(polygon(ring([0, 0], [4, 0], [4, 4])), polygon(square)).message).toBe(
      'coordinates[0]: ring of 4 positions, expected 5',
    );
  });

  it('refuses what is not GeoJSON and a negative tolerance', () => {
    expect(() => geometryEqual({ kind: 'Point' }, polygon(square))).toThrow(TestkitError);
    expect(() => geometryEqual(polygon(square), polygon(square), { tolerance: -1 })).toThrow(
      'tolerance must be a finite number ≥ 0, got -1',
    );
  });
});
