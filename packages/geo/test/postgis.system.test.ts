// geoSql and @ds/geo/node on a real PostGIS (DATABASE_URL: CI starts PostgreSQL 15 with PostGIS 3
// and a superuser role; locally `pg_ctlcluster 15 main start` and a role/database like CI's).
// The SQL must return the pairs, groups and measures the in-process functions return on the
// Natural Earth countries and cities and the NYC boroughs. Each run works in a schema of its own.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  area,
  dissolve,
  type GeoCollection,
  GeoError,
  geoSql,
  nearestJoin,
  spatialJoin,
  startGeometryEngine,
} from '../src/index.js';
import { fromPostgres, toPostgres } from '../src/node.js';
import { cities, countries, nybb } from './load.js';

// Geodesic point-to-polygon distances cost PostGIS ~1 ms each here: the nearest join runs on 30
// cities (5,310 pairs) rather than all 243.
const someCities: GeoCollection = { ...cities, features: cities.features.slice(0, 30) };
const url = process.env.DATABASE_URL;
const enabled = url !== undefined && url !== '' && url !== 'unset';
const schema = `geo_i17_${process.pid}`;
let client: pg.Client;

beforeAll(async () => {
  // dissolve runs on GEOS: the engine is started once, explicitly.
  await startGeometryEngine();
  if (!enabled) return;
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  await client.query(`CREATE SCHEMA ${schema}`);
  await toPostgres(client, countries, { table: `${schema}.countries` });
  await toPostgres(client, cities, { table: `${schema}.cities` });
  await toPostgres(client, someCities, { table: `${schema}.some_cities` });
  await toPostgres(client, nybb, { table: `${schema}.nybb` });
});
afterAll(async () => {
  if (!enabled) return;
  await client.query(`DROP SCHEMA ${schema} CASCADE`);
  await client.end();
});

const run = async (q: { sql: string; params: unknown[] }) =>
  (await client.query(q.sql, q.params)).rows as Record<string, unknown>[];
const pairs = (rows: { a: unknown; b: unknown }[]) => rows.map((r) => `${r.a} | ${r.b}`).sort();

describe.skipIf(!enabled)('toPostgres / fromPostgres', () => {
  it('loads the countries with COPY and reads them back equal, with the CRS', async () => {
    const back = await fromPostgres(client, `SELECT * FROM ${schema}.countries`);
    expect(back.crs).toBe('EPSG:4326');
    expect(back.features).toEqual(countries.features);
    const nyc = await fromPostgres(client, `SELECT * FROM ${schema}.nybb WHERE "BoroName" = $1`, ['Bronx']);
    expect(nyc.crs).toBe('EPSG:2263');
    expect(nyc.features).toEqual(nybb.features.filter((f) => f.properties?.BoroName === 'Bronx'));
  });

  it('leaves nothing behind when the load fails, and refuses unsafe names', async () => {
    const bad: GeoCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { x: 1 }, geometry: { type: 'Point', coordinates: [0, 0] } }],
    };
    await expect(toPostgres(client, bad, { table: `${schema}.countries` })).rejects.toThrow(/already exists/);
    expect((await client.query(`SELECT count(*)::int AS n FROM ${schema}.countries`)).rows[0].n).toBe(countries.features.length);
    await expect(toPostgres(client, bad, { table: 'x; DROP TABLE y' })).rejects.toThrow(GeoError);
  });
});

describe.skipIf(!enabled)('geoSql on PostGIS returns what the in-process functions return', () => {
  const sides = { left: `${schema}.cities`, right: `${schema}.countries`, leftColumns: ['name'], rightColumns: ['name'] };
  for (const predicate of ['intersects', 'within', 'covered_by'] as const) {
    it(`spatialJoin cities × countries, ${predicate}: the same pairs`, async (ctx) => {
      let local: GeoCollection;
      try {
        local = spatialJoin(cities, countries, { predicate: predicate as never });
      } catch (e) {
        // not (yet) in process (issue #13 adds the DE-9IM predicates)
        if (e instanceof GeoError && e.argument === 'predicate') return ctx.skip();
        throw e;
      }
      const rows = await run(geoSql('spatialJoin', { dialect: 'postgis', ...sides, predicate, geodesic: false }));
      expect(pairs(rows.map((r) => ({ a: r.name_left, b: r.name_right })))).toEqual(
        pairs(local.features.map((f) => ({ a: f.properties?.name_left, b: f.properties?.name_right }))),
      );
    });
  }

  it('spatialJoin how=left keeps the cities in no country, as in process', async () => {
    const rows = await run(geoSql('spatialJoin', { dialect: 'postgis', ...sides, predicate: 'within', how: 'left' }));
    const local = spatialJoin(cities, countries, { predicate: 'within', how: 'left' });
    expect(pairs(rows.map((r) => ({ a: r.name_left, b: r.name_right })))).toEqual(
      pairs(local.features.map((f) => ({ a: f.properties?.name_left, b: f.properties?.name_right ?? null }))),
    );
  });

  // 5,310 geodesic distances on PostGIS: about 3 s on the shared CI machine.
  it('nearestJoin cities → countries (geodesic): the same nearest country, the same distance', { timeout: 20_000 }, async () => {
    const rows = await run(geoSql('nearestJoin', { dialect: 'postgis', ...sides, left: `${schema}.some_cities` }));
    const local = nearestJoin(someCities, countries);
    // Cities on islands the 1:110m countries leave out, far from any country: the in-process
    // nearestJoin answers wrongly there (Majuro → Guinea at 66 km; reported to issue #13). PostGIS'
    // answers are checked by name, the rest against the in-process join.
    const islands: Record<string, string> = { Majuro: 'Solomon Is.', Tarawa: 'Solomon Is.', Bridgetown: 'Trinidad and Tobago' };
    for (const r of rows) if (String(r.name_left) in islands) expect(r.name_right).toBe(islands[String(r.name_left)]);
    const kept = (name: unknown) => !(String(name) in islands);
    expect(pairs(rows.filter((r) => kept(r.name_left)).map((r) => ({ a: r.name_left, b: r.name_right })))).toEqual(
      pairs(
        local.features
          .filter((f) => kept(f.properties?.name_left))
          .map((f) => ({ a: f.properties?.name_left, b: f.properties?.name_right })),
      ),
    );
    const distance = new Map(
      local.features.map((f) => [`${f.properties?.name_left}|${f.properties?.name_right}`, f.properties?.distance as number]),
    );
    for (const r of rows.filter((x) => kept(x.name_left))) {
      // PostGIS measures on the spheroid (GeographicLib); in process within 0.5 % or 1 m.
      const d = distance.get(`${r.name_left}|${r.name_right}`) as number;
      expect(Math.abs(d - (r.distance as number))).toBeLessThanOrEqual(Math.max(1, 5e-3 * d));
    }
  });

  // The unions of 177 countries, in PostGIS and in process: seconds on the shared machine.
  it('dissolve countries by continent: the same groups, sums and counts; union areas within 0.2 %', {
    timeout: 30_000,
  }, async () => {
    const q = geoSql('dissolve', {
      dialect: 'postgis',
      table: `${schema}.countries`,
      by: 'continent',
      aggregate: { pop_est: 'sum', name: 'count' },
    });
    const rows = await run({
      sql: `SELECT d.*, ST_Area(d."geometry"::geography) AS area FROM (${q.sql}) AS d`,
      params: q.params,
    });
    const local = dissolve(countries, { by: 'continent', aggregate: { pop_est: 'sum', name: 'count' } });
    expect(rows.map((r) => r.continent)).toEqual(local.features.map((f) => f.properties?.continent));
    rows.forEach((r, i) => {
      const f = local.features[i];
      expect(r.pop_est as number).toBeCloseTo(f?.properties?.pop_est as number, 0);
      expect(Number(r.name)).toBe(f?.properties?.name);
      // the in-process area is on the authalic sphere (0.1 % of Karney's); PostGIS uses Karney's
      expect(Math.abs(area(f as never) - (r.area as number))).toBeLessThanOrEqual(2e-3 * (r.area as number));
    });
  });

  it('area: geodesic per country within 0.2 %, planar per borough (EPSG:2263 ft²) to 1e-9', async () => {
    const geodesic = await run(geoSql('area', { dialect: 'postgis', table: `${schema}.countries` }));
    geodesic.forEach((r, i) => {
      expect(Math.abs(area(countries.features[i] as never) - (r.area as number))).toBeLessThanOrEqual(2e-3 * (r.area as number));
    });
    const planar = await run(geoSql('area', { dialect: 'postgis', table: `${schema}.nybb`, geodesic: false }));
    planar.forEach((r, i) => {
      expect(r.area as number).toBeCloseTo(area(nybb.features[i] as never, { crs: 'EPSG:2263' }), 0);
      expect(Math.abs((r.area as number) / area(nybb.features[i] as never, { crs: 'EPSG:2263' }) - 1)).toBeLessThan(1e-9);
    });
  });

  it('dwithin binds its distance: cities within 100 km of Switzerland', async () => {
    const q = geoSql('spatialJoin', {
      dialect: 'postgis',
      left: `${schema}.cities`,
      right: `${schema}.countries`,
      leftColumns: ['name'],
      rightColumns: ['name'],
      predicate: 'dwithin',
      distance: 100_000,
    });
    expect(q.params).toEqual([100_000]);
    // One country, so the geodesic distances to 177 countries are not all computed (seconds here).
    const names = (await run({ sql: `SELECT * FROM (${q.sql}) AS j WHERE j.name_right = 'Switzerland'`, params: q.params })).map(
      (r) => r.name_left,
    );
    expect(names).toEqual(expect.arrayContaining(['Bern', 'Vaduz']));
  });
});
