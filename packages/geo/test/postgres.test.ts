// toPostgres / fromPostgres without a server: a stand-in client records the statements and the
// COPY stream, so the COPY text and the checks are tested here; postgis.system.test.ts runs them
// on PostGIS.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type GeoCollection, GeoError, toWkb } from '../src/index.js';
import { fromPostgres, type PgClient, toPostgres } from '../src/node.js';

function standIn(rows: Record<string, unknown>[] = [], fields: { name: string; dataTypeID?: number }[] = []) {
  const statements: string[] = [];
  let copied = '';
  const client: PgClient = {
    query(text: unknown, _values?: unknown[]) {
      if (typeof text === 'object' && text !== null && 'text' in text) {
        statements.push(String((text as { text: string }).text));
        return new Writable({
          write(chunk, _enc, done) {
            copied += chunk.toString();
            done();
          },
        });
      }
      statements.push(String(text));
      return Promise.resolve({ rows, fields });
    },
  };
  return { client, statements, copied: () => copied };
}

const collection: GeoCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'tab\there', n: 1, x: 0.5, ok: true, tags: ['a'] },
      geometry: { type: 'Point', coordinates: [1, 2] },
    },
    { type: 'Feature', properties: { name: 'back\\slash\nnewline', n: null, x: null, ok: null, tags: null }, geometry: null },
  ],
};

describe('toPostgres', () => {
  it('creates a typed table, COPYs escaped text with hex EWKB, indexes it, in one transaction', async () => {
    const { client, statements, copied } = standIn();
    const result = await toPostgres(client, collection, { table: 'public.places' });
    expect(statements).toEqual([
      'BEGIN',
      'CREATE TABLE "public"."places" ("name" text, "n" bigint, "x" double precision, "ok" boolean, "tags" jsonb, "geometry" geometry(Geometry, 4326))',
      'COPY "public"."places" ("name", "n", "x", "ok", "tags", "geometry") FROM STDIN',
      'CREATE INDEX ON "public"."places" USING GIST ("geometry")',
      'COMMIT',
    ]);
    const ewkb = Buffer.from(toWkb({ type: 'Point', coordinates: [1, 2] }, { srid: 4326 })).toString('hex');
    expect(copied()).toBe(`tab\\there\t1\t0.5\ttrue\t["a"]\t${ewkb}\nback\\\\slash\\nnewline\t\\N\t\\N\t\\N\t\\N\t\\N\n`);
    expect(result).toEqual({ table: 'public.places', rows: 2, srid: 4326, columns: expect.any(Array) });
  });

  it('refuses what it cannot write before sending anything', async () => {
    const { client, statements } = standIn();
    const reject = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (x) => x,
      );
      expect(e).toBeInstanceOf(GeoError);
      return e as GeoError;
    };
    expect((await reject(toPostgres(client, collection, { table: 'a; DROP TABLE b' }))).argument).toBe('table');
    expect((await reject(toPostgres(client, { ...collection, crs: '+proj=longlat +ellps=intl' }, { table: 't' }))).code).toBe(
      'unknown-crs',
    );
    const mixed = {
      ...collection,
      features: [collection.features[0], { ...collection.features[0], properties: { n: 'one' } }],
    } as GeoCollection;
    expect((await reject(toPostgres(client, mixed, { table: 't' }))).message).toMatch(
      /property 'n' holds a number and, at feature 1, a string/,
    );
    expect((await reject(toPostgres({} as never, collection, { table: 't' }))).argument).toBe('client');
    expect((await reject(toPostgres(client, collection, null as never))).argument).toBe('options');
    expect(statements).toEqual([]);
  });
});

describe('fromPostgres', () => {
  it('turns rows into features: EWKB geometry, SRID as crs, int8 as numbers', async () => {
    const ewkb = Buffer.from(toWkb({ type: 'Point', coordinates: [1, 2] }, { srid: 2263 })).toString('hex');
    const { client } = standIn(
      [
        { id: '7', name: 'a', geometry: ewkb },
        { id: '9007199254740993', name: 'b', geometry: null },
      ],
      [{ name: 'id', dataTypeID: 20 }, { name: 'name' }, { name: 'geometry' }],
    );
    const c = await fromPostgres(client, 'SELECT id, name, geometry FROM t');
    expect(c.crs).toBe('EPSG:2263');
    expect(c.features).toEqual([
      { type: 'Feature', properties: { id: 7, name: 'a' }, geometry: { type: 'Point', coordinates: [1, 2] } },
      { type: 'Feature', properties: { id: '9007199254740993', name: 'b' }, geometry: null },
    ]);
    await expect(fromPostgres(client, 'SELECT 1', [], { geometryColumn: 'geom' })).rejects.toThrow(/a column of the query/);
    await expect(fromPostgres(client, 'SELECT 1', [], { maxRows: 1 })).rejects.toThrow(/at most 1 rows/);
  });
});
