import { type DatabaseFixtures, databaseFixture, type TempDirFixtures, tempDirFixture } from '@ds/testkit/vitest';
import { test as base, describe, expect, vi } from 'vitest';

// The first test of a file waits for its copy of the database: about a second, more on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

// PGlite by default; the same tests run against a PostgreSQL server when DATABASE_URL is set.
const expectedKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

const test = base.extend<DatabaseFixtures & TempDirFixtures>({
  ...databaseFixture({
    schema: [new URL('./fixtures/sql/names.sql', import.meta.url), 'create table scores (name text, score double precision)'],
    seed: { names: [{ name: 'Mark' }], scores: [{ name: 'Mark', score: 0.5 }] },
  }),
  ...tempDirFixture(),
});

describe('database', () => {
  test('has the schema from a .sql file and from text, and the seed rows', async ({ database }) => {
    expect(database.kind).toBe(expectedKind);
    const { rows } = await database.query<{ name: string }>('select name from names');
    expect(rows).toEqual([{ name: 'Mark' }]);
    expect((await database.query('select name, score from scores')).rows).toEqual([{ name: 'Mark', score: 0.5 }]);
  });

  test('lets a test write…', async ({ database }) => {
    await database.query('insert into names (name) values ($1)', ['Ada']);
    expect((await database.query('select count(*)::int as n from names')).rows).toEqual([{ n: 2 }]);
  });

  test('…and rolls the write back before the next test', async ({ database }) => {
    expect((await database.query('select name from names order by name')).rows).toEqual([{ name: 'Mark' }]);
  });

  test('keeps one database per file, and rolls back a test whose SQL failed', async ({ database, databaseFile }) => {
    expect(databaseFile.cloneMs).toBeGreaterThan(0);
    await expect(database.query('insert into names (name) values ($1)', ['Mark'])).rejects.toThrow(/duplicate key|unique/);
  });

  test('runs on a database of its own: a PGlite copy, or a database made for this file on the server', async ({
    database,
    databaseFile,
  }) => {
    const { rows } = await database.query<{ db: string }>('select current_database() as db');
    if (databaseFile.kind === 'postgres') expect(rows[0]?.db).toBe(databaseFile.name);
    else expect([databaseFile.name, rows[0]?.db]).toEqual(['pglite', 'postgres']);
  });

  test('rolls back in well under 10 ms', async ({ databaseFile }) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      await databaseFile.exec('BEGIN');
      await databaseFile.query('insert into names (name) values ($1)', [`n${i}`]);
      const t = performance.now();
      await databaseFile.exec('ROLLBACK');
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    // The median, so one scheduling hiccup on a shared CI machine does not decide it.
    expect(times[10]).toBeLessThan(10);
  });
});
