import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabaseFile, type TestDatabase } from '@ds/testkit/vitest';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Fresh PGlite instances: seconds each on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const cacheDir = await mkdtemp(join(tmpdir(), 'ds-testkit-cache-'));
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

function templates(): string[] {
  return readdirSync(cacheDir).flatMap((run) =>
    readdirSync(join(cacheDir, run))
      .filter((f) => f.endsWith('.tar'))
      .map((f) => join(cacheDir, run, f)),
  );
}

describe('the PGlite template', () => {
  const options = {
    url: undefined,
    cacheDir,
    key: 'v1',
    schema: async (db: TestDatabase) => {
      await db.exec('create table scores (name text primary key, score double precision)');
    },
    seed: async (db: TestDatabase) => {
      await db.query('insert into scores values ($1, $2), ($3, $4)', ['Mark', 0.5, 'Ada', 0.9]);
    },
  };

  it('is built once, from a schema and seed given as functions, then copied for each file', async () => {
    const first = await openDatabaseFile(options);
    const built = templates();
    expect(built).toHaveLength(1);
    // Built from the empty cluster dumped once per PGlite build, shared by every cacheDir.
    expect(readdirSync(join(tmpdir(), 'ds-testkit')).some((f) => /^pglite-base-[\w-]+\.tar$/.test(f))).toBe(true);
    const mtime = statSync(built[0] as string).mtimeMs;
    await first.exec("insert into scores values ('only in the first copy', 0)");
    await first.close();

    const second = await openDatabaseFile(options);
    expect(templates()).toEqual(built);
    expect(statSync(built[0] as string).mtimeMs).toBe(mtime);
    expect((await second.query('select name from scores order by name')).rows).toEqual([{ name: 'Ada' }, { name: 'Mark' }]);
    await second.close();
  });

  it('is keyed by the schema, the seed and the key: another key, another template', async () => {
    const other = await openDatabaseFile({ ...options, key: 'v2' });
    await other.close();
    expect(templates()).toHaveLength(2);
  });
});
