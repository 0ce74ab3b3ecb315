import { openDatabaseFile } from '@ds/testkit/vitest';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Needs a PostgreSQL server: DATABASE_URL of a role with CREATEDB (.ci/run starts Debian's
// postgresql and exports it).
const url = process.env.DATABASE_URL;
const admin = new pg.Client({ connectionString: url });

beforeAll(async () => {
  if (!url)
    throw new Error(
      'set DATABASE_URL to a PostgreSQL role with CREATEDB, e.g. postgres://ds_test:ds_test@127.0.0.1:5432/postgres',
    );
  await admin.connect();
});
afterAll(() => admin.end());

const exists = async (name: string) =>
  (await admin.query('select 1 from pg_database where datname = $1', [name])).rows.length === 1;

describe('the database fixture on a PostgreSQL server', () => {
  it('makes a database per file with the schema and seed, and drops it on close', async () => {
    const db = await openDatabaseFile({
      url,
      schema: 'create table names (id serial primary key, name text not null unique)',
      seed: { names: [{ name: 'Mark' }, { name: 'Ada' }] },
    });
    expect(db.kind).toBe('postgres');
    expect(db.name).toMatch(/^ds_testkit_\d+_/);
    expect(await exists(db.name)).toBe(true);
    expect((await db.query('select name from names order by id')).rows).toEqual([{ name: 'Mark' }, { name: 'Ada' }]);
    await db.close();
    expect(await exists(db.name)).toBe(false);
  });

  it('drops the database it made when the schema fails', async () => {
    const before = (await admin.query("select count(*)::int as n from pg_database where datname like 'ds_testkit_%'")).rows[0].n;
    await expect(openDatabaseFile({ url, schema: 'create tabel oops (x int)' })).rejects.toThrow(
      /syntax error at or near "tabel"/,
    );
    const after = (await admin.query("select count(*)::int as n from pg_database where datname like 'ds_testkit_%'")).rows[0].n;
    expect(after).toBe(before);
  });
});
