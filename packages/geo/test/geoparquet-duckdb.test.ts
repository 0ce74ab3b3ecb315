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

describe('DuckDB reads many row groups and pages, and filters on the bbox covering columns as readGeoParquet does', () => {
  it('3,000 seeded points with nulls and a string, row groups of 600, pages of 100', async () => {
    let s = 5;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const features = Array.from({ length: 3000 }, (_, i) => ({
      type: 'Feature' as const,
      properties: { i, name: i % 7 === 0 ? null : `p${i}`, v: i % 11 === 0 ? null : rand() - 0.5 },
      geometry: i % 13 === 0 ? null : { type: 'Point' as const, coordinates: [-180 + 360 * rand(), -90 + 180 * rand()] },
    }));
    const file = join(dir, 'points.parquet');
    const bytes = await writeGeoParquet(
      { type: 'FeatureCollection', features },
      { rowGroupSize: 600, pageSize: 100, sort: 'hilbert' },
    );
    writeFileSync(file, bytes);
    const all = await rows(`SELECT i, name, v, ST_AsText(geometry) AS wkt FROM read_parquet('${file}') ORDER BY i`);
    expect(all.map((r) => ({ i: Number(r.i), name: r.name, v: r.v }))).toEqual(features.map((f) => f.properties));
    expect(all.map((r) => (r.wkt === null ? null : fromWkt(String(r.wkt))))).toEqual(features.map((f) => f.geometry));
    const box = [-20, -10, 40, 30] as const;
    const duckIds = (
      await rows(
        `SELECT i FROM read_parquet('${file}') WHERE bbox.xmax >= ${box[0]} AND bbox.xmin <= ${box[2]} AND bbox.ymax >= ${box[1]} AND bbox.ymin <= ${box[3]} ORDER BY i`,
      )
    ).map((r) => Number(r.i));
    const ours = await readGeoParquet(bytes, { bbox: [...box] });
    expect(ours.features.map((f) => f.properties?.i as number).sort((a, b) => a - b)).toEqual(duckIds);
    expect(duckIds.length).toBeGreaterThan(50);
    expect(ours.info.rowGroupsRead).toBeLessThan(5);
  });
});

describe('readGeoParquet reads what DuckDB writes', () => {
  for (const version of ['V1', 'V2'] as const)
    it(`data pages ${version === 'V1' ? 'v1' : 'v2'} (PLAIN, dictionary and delta encodings), nulls, row groups of 1,500`, async () => {
      const file = join(dir, `duck-${version}.parquet`);
      await duck.run(`COPY (SELECT i, 'n' || (i % 5)::VARCHAR AS name, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 1.5 END AS v,
        CASE WHEN i % 7 = 0 THEN NULL ELSE ('POINT (' || i || ' ' || (i % 90) || ')')::GEOMETRY END AS geometry
        FROM range(6000) t(i)) TO '${file}' (FORMAT parquet, PARQUET_VERSION ${version}, ROW_GROUP_SIZE 1500)`);
      const c = await readGeoParquet(readFileSync(file));
      const ids = Array.from({ length: 6000 }, (_, i) => i);
      expect(c.features.map((f) => f.properties)).toEqual(
        ids.map((i) => ({ i, name: `n${i % 5}`, v: i % 3 === 0 ? null : i * 1.5 })),
      );
      expect(c.features.map((f) => f.geometry)).toEqual(
        ids.map((i) => (i % 7 === 0 ? null : { type: 'Point', coordinates: [i, i % 90] })),
      );
      const box = await readGeoParquet(readFileSync(file), { bbox: [100, 0, 200, 45] });
      expect(box.features.map((f) => f.properties?.i)).toEqual(
        Array.from({ length: 101 }, (_, k) => 100 + k).filter((i) => i % 7 !== 0 && i % 90 <= 45),
      );
    });

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
