// The own Parquet writer and the page-level reader of GeoParquet, against hyparquet's general
// reader (an independent Parquet implementation) and a brute-force bbox filter, on seeded random
// collections: nulls, every property type, several pages per row group, every codec.
import fc from 'fast-check';
import { parquetMetadata, parquetReadObjects, readColumnIndex, readOffsetIndex } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { describe, expect, it } from 'vitest';
import { hilbertOrder } from '../src/formats/hilbert.js';
import {
  type Feature,
  type GeoCollection,
  GeoError,
  type ParquetSource,
  readGeoParquet,
  toWkb,
  writeGeoParquet,
} from '../src/index.js';

const coordinate = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }));
const geometry = fc.oneof(
  coordinate.map(([x, y]) => ({ type: 'Point' as const, coordinates: [x, y] })),
  fc.array(coordinate, { minLength: 2, maxLength: 5 }).map((cs) => ({ type: 'LineString' as const, coordinates: cs })),
  fc.constant(null),
);
const feature = fc.record({
  geometry,
  i: fc.option(fc.maxSafeInteger(), { nil: null }),
  x: fc.option(
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)),
    { nil: null },
  ),
  s: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
  b: fc.option(fc.boolean(), { nil: null }),
});
const collectionOf = (
  rows: { geometry: Feature['geometry']; i: number | null; x: number | null; s: string | null; b: boolean | null }[],
) =>
  ({
    type: 'FeatureCollection',
    features: rows.map(({ geometry, ...properties }) => ({ type: 'Feature', properties, geometry })),
  }) as GeoCollection;

function sourceOf(bytes: Uint8Array): ParquetSource & { read: number } {
  const s = {
    read: 0,
    byteLength: bytes.length,
    slice(start: number, end = bytes.length) {
      s.read += end - start;
      return bytes.slice(start, end).buffer as ArrayBuffer;
    },
  };
  return s;
}

async function rejection(p: Promise<unknown>): Promise<GeoError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GeoError);
    return e as GeoError;
  }
  throw new Error('expected a GeoError');
}

describe('GeoParquet pages: own writer and page reader', () => {
  it("sorts along the same Hilbert curve as the classic rotate-and-flip walk (Hacker's Delight §16)", () => {
    // the reference: one level at a time, as the textbook writes it
    const classic = (x: number, y: number): number => {
      let d = 0;
      for (let s = 1 << 15; s > 0; s >>= 1) {
        const rx = (x & s) > 0 ? 1 : 0;
        const ry = (y & s) > 0 ? 1 : 0;
        d += s * s * ((3 * rx) ^ ry);
        if (ry === 0) {
          if (rx === 1) {
            x = s - 1 - x;
            y = s - 1 - y;
          }
          [x, y] = [y, x];
        }
      }
      return d;
    };
    const points = fc.sample(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff })), {
      seed: 16,
      numRuns: 20000,
    });
    points.push([0, 0], [0xffff, 0xffff], [0, 0xffff], [0xffff, 0]);
    const boxes = points.map(([x, y]) => [x, y, x, y] as [number, number, number, number]);
    const order = hilbertOrder(boxes, [0, 0, 0xffff, 0xffff]);
    const keys = points.map(([x, y]) => classic(x, y));
    const want = keys.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
    expect([...order]).toEqual(want);
  });

  it('round-trips random collections, and hyparquet reads the same values (nulls, every type, many pages)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(feature, { minLength: 0, maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom('snappy', 'zstd', 'gzip', 'uncompressed') as fc.Arbitrary<'snappy'>,
        async (rows, rowGroupSize, pageSize, compression) => {
          const c = collectionOf(rows);
          const bytes = await writeGeoParquet(c, { rowGroupSize, pageSize, compression });
          const back = await readGeoParquet(bytes);
          expect(back.features).toEqual(c.features);
          // an independent reader of the same bytes
          const objects = await parquetReadObjects({ file: bytes.slice().buffer, compressors, utf8: true });
          expect(objects.length).toBe(rows.length);
          objects.forEach((o, k) => {
            const r = rows[k] as (typeof rows)[number];
            expect(o.i === null ? null : Number(o.i)).toBe(r.i);
            expect(o.x).toBe(r.x);
            expect(o.s).toBe(r.s);
            expect(o.b).toBe(r.b);
          });
        },
      ),
      { seed: 1717, numRuns: 40 },
    );
  });

  it('writes a column of points (and nulls) as the same WKB toWkb gives, sorted or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(coordinate, { nil: null }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom('none', 'hilbert') as fc.Arbitrary<'none'>,
        async (points, sort) => {
          const c: GeoCollection = {
            type: 'FeatureCollection',
            features: points.map((p, i) => ({
              type: 'Feature',
              properties: { i },
              geometry: p === null ? null : { type: 'Point', coordinates: p },
            })),
          };
          const bytes = await writeGeoParquet(c, { sort, rowGroupSize: 50, pageSize: 16 });
          const objects = await parquetReadObjects({ file: bytes.slice().buffer, compressors, geoparquet: false, utf8: false });
          for (const o of objects) {
            const p = points[Number(o.i)];
            expect(o.geometry ?? null).toEqual(p == null ? null : toWkb({ type: 'Point', coordinates: p }));
          }
          const back = await readGeoParquet(bytes);
          expect([...back.features].sort((a, b) => (a.properties?.i as number) - (b.properties?.i as number))).toEqual(
            c.features,
          );
        },
      ),
      { seed: 77, numRuns: 30 },
    );
  });

  it('a bbox read (from bytes and through a source) returns exactly the features whose bbox meets it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(feature, { minLength: 1, maxLength: 300 }),
        coordinate,
        fc.tuple(fc.double({ min: 0, max: 90, noNaN: true }), fc.double({ min: 0, max: 45, noNaN: true })),
        async (rows, [x, y], [w, h]) => {
          const c = collectionOf(rows);
          const bytes = await writeGeoParquet(c, { rowGroupSize: 64, pageSize: 8, sort: 'hilbert' });
          const bbox: [number, number, number, number] = [x, y, x + w, y + h];
          const want = c.features
            .filter((f) => {
              const g = f.geometry;
              if (!g || g.type === 'GeometryCollection') return false;
              const ps = (g.type === 'Point' ? [g.coordinates] : g.coordinates) as number[][];
              const xs = ps.map((p) => p[0] as number);
              const ys = ps.map((p) => p[1] as number);
              return (
                Math.min(...xs) <= bbox[2] &&
                Math.max(...xs) >= bbox[0] &&
                Math.min(...ys) <= bbox[3] &&
                Math.max(...ys) >= bbox[1]
              );
            })
            .map((f) => JSON.stringify(f))
            .sort();
          const fromBytes = await readGeoParquet(bytes, { bbox });
          const fromSource = await readGeoParquet(sourceOf(bytes), { bbox });
          expect(fromBytes.features.map((f) => JSON.stringify(f)).sort()).toEqual(want);
          expect(fromSource.features).toEqual(fromBytes.features);
        },
      ),
      { seed: 2026, numRuns: 40 },
    );
  });

  it('writes a column index and offset index for the bbox columns that hyparquet reads, min/max per page', async () => {
    const features: Feature[] = [];
    for (let i = 0; i < 1000; i++)
      features.push({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [i / 10, -i / 20] } });
    const bytes = await writeGeoParquet({ type: 'FeatureCollection', features }, { rowGroupSize: 500, pageSize: 100 });
    const metadata = parquetMetadata(bytes.slice().buffer);
    expect(metadata.row_groups.length).toBe(2);
    const group = metadata.row_groups[1];
    const xmin = group?.columns.find((c) => c.meta_data?.path_in_schema.join('.') === 'bbox.xmin');
    const element = metadata.schema.find((e) => e.name === 'xmin');
    const view = (offset: bigint | number | undefined, length: number | undefined) => ({
      view: new DataView(bytes.buffer, bytes.byteOffset + Number(offset), length),
      offset: 0,
    });
    const columnIndex = readColumnIndex(view(xmin?.column_index_offset, xmin?.column_index_length), element as never);
    expect(columnIndex.min_values).toEqual([50, 60, 70, 80, 90]);
    expect(columnIndex.max_values).toEqual([59.9, 69.9, 79.9, 89.9, 99.9]);
    expect(columnIndex.null_pages).toEqual([false, false, false, false, false]);
    const offsetIndex = readOffsetIndex(view(xmin?.offset_index_offset, xmin?.offset_index_length));
    expect(offsetIndex.page_locations.map((p) => Number(p.first_row_index))).toEqual([0, 100, 200, 300, 400]);
    expect(Number(offsetIndex.page_locations[0]?.offset)).toBe(Number(xmin?.meta_data?.data_page_offset));
  });

  it('leaves NaN out of the statistics: DuckDB and the bbox pruning see only the numbers', async () => {
    const features: Feature[] = [Number.NaN, 2, Number.NaN, -1].map((x, i) => ({
      type: 'Feature',
      properties: { x, all: Number.NaN },
      geometry: { type: 'Point', coordinates: [i, i] },
    }));
    const bytes = await writeGeoParquet({ type: 'FeatureCollection', features });
    const metadata = parquetMetadata(bytes.slice().buffer);
    const stats = (name: string) =>
      metadata.row_groups[0]?.columns.find((c) => c.meta_data?.path_in_schema[0] === name)?.meta_data?.statistics;
    expect([stats('x')?.min_value, stats('x')?.max_value]).toEqual([-1, 2]);
    expect(stats('all')?.min_value).toBeUndefined();
    const back = await readGeoParquet(bytes);
    expect(back.features.map((f) => f.properties?.x)).toEqual([Number.NaN, 2, Number.NaN, -1]);
  });

  it('a bbox read through a source reads a small part of the file', async () => {
    const features: Feature[] = [];
    let s = 7;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    for (let i = 0; i < 10000; i++)
      features.push({
        type: 'Feature',
        properties: { i },
        geometry: { type: 'Point', coordinates: [-180 + 360 * rand(), -90 + 180 * rand()] },
      });
    const bytes = await writeGeoParquet({ type: 'FeatureCollection', features }, { sort: 'hilbert', rowGroupSize: 512 });
    const source = sourceOf(bytes);
    const got = await readGeoParquet(source, { bbox: [0, 0, 36, 18] });
    expect(got.features.length).toBe(
      features.filter((f) => {
        const [x, y] = (f.geometry as { coordinates: number[] }).coordinates as [number, number];
        return x >= 0 && x <= 36 && y >= 0 && y <= 18;
      }).length,
    );
    expect(source.read / bytes.length).toBeLessThan(0.25);
  });

  it('refuses a bad source: a byteLength that is not a number, short or wrong answers, a truncated file', async () => {
    const bytes = await writeGeoParquet({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [1, 2] } }],
    });
    const e = await rejection(readGeoParquet({ byteLength: '5' as never, slice: () => new ArrayBuffer(0) }));
    expect(e.code).toBe('invalid-type');
    expect(e.message).toMatch(/'5' \(a string\)/);
    const short = {
      byteLength: bytes.length,
      slice: (a: number, b = bytes.length) => bytes.slice(a, b - 1).buffer as ArrayBuffer,
    };
    expect((await rejection(readGeoParquet(short))).code).toBe('invalid-file');
    for (const n of [0, 8, bytes.length >> 1, bytes.length - 1])
      expect((await rejection(readGeoParquet(sourceOf(bytes.subarray(0, n))))).code).toBe('invalid-file');
    expect((await rejection(writeGeoParquet({ type: 'FeatureCollection', features: [] }, { pageSize: 0 }))).argument).toBe(
      'pageSize',
    );
  });
});
