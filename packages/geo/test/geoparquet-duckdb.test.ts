// GeoParquet against a reader and writer nobody here wrote: DuckDB (npm @duckdb/node-api, 1.5),
// whose core reads the `geo` metadata (the geometry column comes back typed GEOMETRY with our
// PROJJSON as its CRS) and writes GeoParquet 1.0 from COPY … TO.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { fromWkt, readGeoParquet, writeGeoParquet } from '../src/index.js';
import { countries, nybb } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'geo-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = await DuckDBInstance.create(':memory:');
const duck = await db.connect();
const rows = async (sql: string) => (await duck.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];

// Two of the five boroughs (multipolygons with islands, 20% of the vertices) for the projected
// CRS: all five, written, read back as WKT and compared, timed out at 5 s on a loaded machine.
const twoBoroughs = {
  ...nybb,
  features: nybb.features.filter((f) => ['Staten Island', 'Manhattan'].includes(f.properties?.BoroName as string)),
};

describe('DuckDB reads what writeGeoParquet writes', () => {
  for (const [name, collection, epsg] of [
    ['countries', countries, undefined],
    ['nybb (Staten Island and Manhattan)', twoBoroughs, 2263],
  ] as const) {
    it(`${name}: the same rows, properties and geometries, and the CRS`, async () => {
      const file = join(dir, `${name}.parquet`);
      writeFileSync(file, await writeGeoParquet(collection, { compression: 'zstd' }));
      const got = await rows(
        `SELECT * EXCLUDE (geometry, bbox), ST_AsText(geometry) AS wkt, typeof(geometry) AS type FROM read_parquet('${file}')`,
      );
      expect(got).toHaveLength(collection.features.length);
      got.forEach((r, i) => {
        const f = collection.features[i];
        const { wkt, type, ...props } = r;
        expect(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))).toEqual(
          f?.properties,
        );
        expect(fromWkt(String(wkt))).toEqual(f?.geometry);
        // DuckDB typed the column GEOMETRY from the geo metadata, with our PROJJSON as its CRS
        expect(String(type)).toMatch(/^GEOMETRY/);
        if (epsg) expect(String(type)).toContain(`"code":${epsg}}}`);
      });
    });
  }
});

describe('readGeoParquet reads what DuckDB writes', () => {
  it('points, lines, polygons, nulls and a property, from COPY … TO', async () => {
    const file = join(dir, 'duck.parquet');
    await duck.run(`COPY (SELECT * FROM (VALUES
      (1, 'POINT (1 2)'::GEOMETRY), (2, 'LINESTRING (0 0, 1 1, 2 0)'::GEOMETRY),
      (3, 'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 3, 3 3, 2 2))'::GEOMETRY),
      (4, NULL), (5, 'MULTIPOINT ((1 1), (2 2))'::GEOMETRY)) AS t(id, geometry)) TO '${file}'`);
    const c = await readGeoParquet(new Uint8Array(readFileSync(file)));
    expect(c.features.map((f) => f.properties)).toEqual([1, 2, 3, 4, 5].map((id) => ({ id })));
    expect(c.features.map((f) => f.geometry)).toEqual([
      fromWkt('POINT (1 2)'),
      fromWkt('LINESTRING (0 0, 1 1, 2 0)'),
      fromWkt('POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 3, 3 3, 2 2))'),
      null,
      fromWkt('MULTIPOINT ((1 1), (2 2))'),
    ]);
    expect(
      (await readGeoParquet(new Uint8Array(readFileSync(file)), { bbox: [5, 5, 6, 6] })).features.map((f) => f.properties?.id),
    ).toEqual([3]);
  });
});
