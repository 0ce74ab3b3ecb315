import { openDatabaseFile } from '@ds/testkit/vitest';
import { afterAll, bench, describe } from 'vitest';

// The targets: per-test rollback under 10 ms, per-file clone under 1 s. PGlite unless
// DATABASE_URL is set. This first open builds the template, so the clone bench times copies only.
const options = {
  schema: 'create table names (id serial primary key, name text not null unique)',
  seed: { names: [{ name: 'Mark' }] },
};
const db = await openDatabaseFile(options);
// Closes it (and on PostgreSQL drops the file's database) once the benchmarks are done.
afterAll(() => db.close());

describe('database fixture', () => {
  bench('per-test transaction: BEGIN, one insert, ROLLBACK', async () => {
    await db.exec('BEGIN');
    await db.query('insert into names (name) values ($1)', ['Ada']);
    await db.exec('ROLLBACK');
  });

  bench(
    'per-file clone of the template (open + close)',
    async () => {
      const copy = await openDatabaseFile(options);
      await copy.close();
    },
    { iterations: 5, warmupIterations: 1, time: 1 },
  );
});
