// The fast row builder of spatialJoin (RowBuilder) against the plain one (joined), which writes
// each row key by key: same keys, same order, same values, for random property names chosen to
// clash (suffixed names that exist on the other side, `index_right`/`index_left` as property
// names, null properties, missing values, ids); and the grid point index against the R-tree
// path: spatialJoin of random points in random overlapping boxes equals a brute-force count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Feature, GeoCollection } from '../src/geojson.js';
import { joined, mergedNames, RowBuilder } from '../src/join/rows.js';
import { spatialJoin } from '../src/join/spatial-join.js';

const NAMES = ['a', 'b', 'a_left', 'a_right', 'b_x', 'index_right', 'index_left', '1', 'name'];
const props = fc.option(fc.dictionary(fc.constantFrom(...NAMES), fc.oneof(fc.integer(), fc.constant(null), fc.string())), {
  nil: null,
  freq: 5,
});
const feature = fc.record({ properties: props, id: fc.option(fc.integer(), { nil: undefined }) }).map(({ properties, id }) => {
  const f: Feature = { type: 'Feature', properties, geometry: null };
  if (id !== undefined) f.id = id;
  return f;
});
const collection = (n: number) =>
  fc.array(feature, { minLength: 1, maxLength: n }).map((features): GeoCollection => ({ type: 'FeatureCollection', features }));

describe('RowBuilder', () => {
  it('builds exactly the rows joined builds, clashing names included', () => {
    fc.assert(
      fc.property(
        collection(6),
        collection(6),
        fc.constantFrom<[string, string]>(['_left', '_right'], ['', '_x'], ['_x', '']),
        (left, right, [sl, sr]) => {
          const names = mergedNames(left, right, sl, sr);
          for (const indexName of ['index_left', 'index_right'] as const) {
            const rows = new RowBuilder(names, indexName, right.features.length);
            left.features.forEach((lf, i) => {
              right.features.forEach((rf, j) => {
                const want = joined(lf, rf, null, indexName === 'index_right' ? j : i, names, indexName);
                const got = rows.row(lf, rf, j, i, null);
                expect(Object.keys(got.properties as object)).toEqual(Object.keys(want.properties as object));
                expect(got).toStrictEqual(want);
              });
              const unmatchedLeft = rows.row(lf, null, -1, null, null);
              if (indexName === 'index_right')
                expect(unmatchedLeft).toStrictEqual(joined(lf, null, null, null, names, indexName));
            });
            if (indexName === 'index_left')
              right.features.forEach((rf, j) => {
                expect(rows.row(null, rf, j, null, null)).toStrictEqual(joined(null, rf, null, null, names, indexName));
              });
          }
        },
      ),
      { seed: 13, numRuns: 120 },
    );
  });
});

describe('spatialJoin point path', () => {
  it('matches a brute-force count for random points in overlapping boxes', () => {
    const box = fc
      .tuple(
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
      )
      .map(([x, y, w, h]) => [x, y, x + w, y + h] as const);
    const point = fc.tuple(fc.integer({ min: -25, max: 55 }), fc.integer({ min: -25, max: 35 }));
    fc.assert(
      fc.property(fc.array(box, { minLength: 1, maxLength: 40 }), fc.array(point, { maxLength: 200 }), (boxes, pts) => {
        const polygons: GeoCollection = {
          type: 'FeatureCollection',
          features: boxes.map(([x0, y0, x1, y1], j) => ({
            type: 'Feature',
            properties: { j },
            geometry: {
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
            },
          })),
        };
        const points: GeoCollection = {
          type: 'FeatureCollection',
          features: pts.map(([x, y], i) => ({
            type: 'Feature',
            properties: { i },
            geometry: { type: 'Point', coordinates: [x, y] },
          })),
        };
        for (const predicate of ['intersects', 'within', 'touches'] as const) {
          const want: [number, number][] = [];
          pts.forEach(([x, y], i) => {
            boxes.forEach(([x0, y0, x1, y1], j) => {
              const inside = x > x0 && x < x1 && y > y0 && y < y1;
              const on = !inside && x >= x0 && x <= x1 && y >= y0 && y <= y1;
              if (predicate === 'intersects' ? inside || on : predicate === 'within' ? inside : on) want.push([i, j]);
            });
          });
          const got = spatialJoin(points, polygons, { predicate }).features.map((f) => [
            f.properties?.i,
            f.properties?.index_right,
          ]);
          expect(got).toEqual(want);
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
