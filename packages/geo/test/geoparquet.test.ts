import { readFileSync } from 'node:fs';
import { rejectionOf as rejectionOfClass } from '@ds/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWkt, type GeoCollection, GeoError, readGeoParquet, toWkt, writeGeoParquet } from '../src/index.js';
import { countries, fixtures, nybb } from './load.js';

const dir = `${fixtures}geoparquet/`;
const file = (name: string) => new Uint8Array(readFileSync(dir + name));

/** The spec's CSVs: "col","geometry" with WKT (an empty cell is a null geometry). */
function csvRows(name: string): string[][] {
  const text = readFileSync(dir + name, 'utf8').trim();
  const rows: string[][] = [];
  for (const line of text.split('\n').slice(1)) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

const rejection = (p: Promise<unknown>): Promise<GeoError> => rejectionOfClass(p, GeoError);

describe('readGeoParquet reads the GeoParquet specification test files as their WKT says', () => {
  for (const type of ['point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon']) {
    it(`data-${type}-encoding_wkb.parquet`, async () => {
      const c = await readGeoParquet(file(`data-${type}-encoding_wkb.parquet`));
      const rows = csvRows(`data-${type}-wkt.csv`);
      expect(c.features).toHaveLength(rows.length);
      expect(c.crs).toBe('EPSG:4326');
      rows.forEach(([col, wkt], i) => {
        const f = c.features[i];
        expect(f?.properties).toEqual({ col: Number(col) });
        if (wkt === '' || wkt === undefined) expect(f?.geometry).toBeNull();
        else {
          expect(f?.geometry).toEqual(fromWkt(wkt));
          expect(toWkt(f?.geometry as never)).toBe(wkt);
        }
      });
    });
  }

  it('example.parquet: the Natural Earth countries, columns and geometry as example.csv', async () => {
    const c = await readGeoParquet(file('example.parquet'));
    const rows = csvRows('example.csv');
    expect(c.crs).toBe('EPSG:4326');
    for (const [i, [pop, continent, name, iso, gdp, wkt]] of rows.entries()) {
      expect(c.features[i]?.properties).toEqual({ pop_est: Number(pop), continent, name, iso_a3: iso, gdp_md_est: Number(gdp) });
      expect(c.features[i]?.geometry).toEqual(fromWkt(wkt as string));
    }
  });

  it('reads only the columns asked for', async () => {
    const c = await readGeoParquet(file('example.parquet'), { columns: ['name'] });
    expect(Object.keys(c.features[0]?.properties ?? {})).toEqual(['name']);
    expect(c.features[0]?.geometry?.type).toBe('MultiPolygon');
  });
});

describe('writeGeoParquet → readGeoParquet', () => {
  it.each(['snappy', 'zstd', 'gzip', 'uncompressed'] as const)(
    'gives back the Natural Earth countries exactly (%s): properties, geometry, CRS, order',
    async (compression) => {
      const bytes = await writeGeoParquet(countries, { compression });
      const back = await readGeoParquet(bytes);
      expect(back.features).toEqual(countries.features);
      expect(back.crs).toBe('EPSG:4326');
    },
  );

  it('writes the CRS as PROJJSON and reads it back as its EPSG code (NYC boroughs, EPSG:2263)', async () => {
    const bytes = await writeGeoParquet(nybb);
    const back = await readGeoParquet(bytes);
    expect(back.crs).toBe('EPSG:2263');
    expect(back.features).toEqual(nybb.features);
  });

  it('writes GeoParquet 1.1 metadata: encoding, geometry types, bbox, covering', async () => {
    const { parquetMetadata } = await import('hyparquet');
    const bytes = await writeGeoParquet(countries);
    const meta = parquetMetadata(bytes.buffer as ArrayBuffer);
    const geo = JSON.parse(meta.key_value_metadata?.find((k) => k.key === 'geo')?.value ?? '{}');
    expect(geo.version).toBe('1.1.0');
    expect(geo.primary_column).toBe('geometry');
    expect(geo.columns.geometry.encoding).toBe('WKB');
    expect(geo.columns.geometry.geometry_types).toEqual(['MultiPolygon', 'Polygon']);
    expect(geo.columns.geometry.crs).toBeUndefined(); // OGC:CRS84, GeoParquet's default
    expect(geo.columns.geometry.covering.bbox.xmin).toEqual(['bbox', 'xmin']);
    expect(geo.columns.geometry.bbox[0]).toBe(-180);
  });

  it('a bbox read returns exactly the features whose bbox meets it, and skips row groups (Hilbert-sorted)', async () => {
    const random = fc.sample(
      fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })),
      { seed: 17, numRuns: 10000 },
    );
    const points: GeoCollection = {
      type: 'FeatureCollection',
      features: random.map(([x, y], i) => ({
        type: 'Feature',
        properties: { i },
        geometry: { type: 'Point', coordinates: [x, y] },
      })),
    };
    const bytes = await writeGeoParquet(points, { rowGroupSize: 250, sort: 'hilbert' });
    const bbox: [number, number, number, number] = [10, 10, 30, 25];
    const got = await readGeoParquet(bytes, { bbox });
    const want = random.flatMap(([x, y], i) => (x >= 10 && x <= 30 && y >= 10 && y <= 25 ? [i] : []));
    expect(got.features.map((f) => f.properties?.i).sort((a, b) => (a as number) - (b as number))).toEqual(want);
    expect(got.info.rowGroups).toBe(40);
    expect(got.info.rowGroupsRead).toBeLessThan(8);
  });

  it('keeps Z, nulls, booleans, dates, JSON and large integers', async () => {
    const c: GeoCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { a: 1, b: true, d: new Date(0), j: { k: [1] }, s: 'é', x: 0.5 },
          geometry: { type: 'Point', coordinates: [1, 2, 3] },
        },
        { type: 'Feature', properties: { a: null, b: false, d: null, j: null, s: null, x: null }, geometry: null },
        {
          type: 'Feature',
          properties: { a: 2 ** 53 + 2 },
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0, 0],
              [1, 1, 1],
            ],
          },
        },
      ],
    };
    const back = await readGeoParquet(await writeGeoParquet(c));
    expect(back.features[0]).toEqual(c.features[0]);
    expect(back.features[1]?.geometry).toBeNull();
    expect(back.features[2]?.properties?.a).toBe(2 ** 53 + 2);
    expect(back.features[2]?.properties?.s).toBeNull();
  });
});

describe('bad input is a typed GeoError, nothing half-read', () => {
  it('refuses files truncated anywhere', async () => {
    const bytes = await writeGeoParquet(countries);
    for (const n of [0, 3, 100, bytes.length >> 1, bytes.length - 9, bytes.length - 1]) {
      const e = await rejection(readGeoParquet(bytes.subarray(0, n)));
      expect(e.code).toBe('invalid-file');
    }
  });

  it('refuses Parquet without geo metadata, and geo metadata that lies', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const plain = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'a', data: [1, 2] }] }));
    expect((await rejection(readGeoParquet(plain))).message).toMatch(/'geo'/);
    const lie = (geo: unknown, data: unknown[], type = 'STRING') =>
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [{ name: 'geometry', data, type: type as 'STRING' }],
          kvMetadata: [{ key: 'geo', value: JSON.stringify(geo) }],
        }),
      );
    const wkt = lie({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB' } } }, [
      'POINT (1 2)',
    ]);
    expect((await rejection(readGeoParquet(wkt))).message).toMatch(/says 'geometry' is WKB, but row 0 holds text/);
    const native = lie({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'point' } } }, ['x']);
    expect((await rejection(readGeoParquet(native))).message).toMatch(/encoding 'WKB'/);
    const missing = lie({ version: '1.1.0', primary_column: 'geom', columns: { geom: { encoding: 'WKB' } } }, ['x']);
    expect((await rejection(readGeoParquet(missing))).message).toMatch(/'geom' holds WKB, but the file's column is missing/);
    const garbage = lie(
      { version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB' } } },
      [new Uint8Array([1, 99, 0, 0, 0])],
      'BYTE_ARRAY',
    );
    expect((await rejection(readGeoParquet(garbage))).message).toMatch(/row 0 is not: .*unknown geometry type code 99/);
  });

  it('checks options and inputs', async () => {
    expect((await rejection(readGeoParquet('x' as never))).message).toMatch(/got a string/);
    expect((await rejection(readGeoParquet(file('example.parquet'), null as never))).argument).toBe('options');
    expect((await rejection(readGeoParquet(file('example.parquet'), { bbox: [1, 2, 0, 3] }))).argument).toBe('bbox');
    expect((await rejection(readGeoParquet(file('example.parquet'), { columns: ['nope'] }))).message).toMatch(
      /a column of the file/,
    );
    expect((await rejection(writeGeoParquet(countries, { compression: 'lzo' as never }))).argument).toBe('compression');
    expect((await rejection(writeGeoParquet(countries, { rowGroupSize: 0 }))).argument).toBe('rowGroupSize');
    expect((await rejection(writeGeoParquet({ ...countries, crs: 'EPSG:9999' }))).code).toBe('unknown-crs');
    const mixed: GeoCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { v: 1 }, geometry: null },
        { type: 'Feature', properties: { v: '1' }, geometry: null },
      ],
    };
    expect((await rejection(writeGeoParquet(mixed))).message).toMatch(
      /property 'v' holds a number and, at feature 1, a string \("1"\)/,
    );
    const ac = new AbortController();
    ac.abort();
    await expect(readGeoParquet(file('example.parquet'), { signal: ac.signal })).rejects.toThrow(/abort/i);
  });
});
