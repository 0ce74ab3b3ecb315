import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestkitError } from '@ds/testkit';
import { type DatabaseFixtures, databaseFixture, type TempDirFixtures, tempDirFixture } from '@ds/testkit/vitest';
import { afterAll, test as base, describe, expect, it, vi } from 'vitest';

// The first test of a file waits for its copy of the database: about a second, more on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

describe('a fixture that fails in setup', () => {
  it('names the fixture and the reason', async () => {
    const [setUpFile] = databaseFixture({ url: undefined, schema: 'create tabel oops (x int)' }).databaseFile;
    const error = await setUpFile({}, async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestkitError);
    expect((error as TestkitError).code).toBe('fixture-setup');
    expect((error as Error).message).toMatch(/^fixture "databaseFile" failed in setup: syntax error at or near "tabel"/);
  });

  it('names a PostgreSQL server that cannot be reached', async () => {
    const [setUpFile] = databaseFixture({ url: 'postgres://nobody@127.0.0.1:1/none' }).databaseFile;
    await expect(setUpFile({}, async () => undefined)).rejects.toThrow(
      /^fixture "databaseFile" failed in setup: connect ECONNREFUSED 127\.0\.0\.1:1/,
    );
  });

  it('names a schema file that cannot be read', async () => {
    const [setUpFile] = databaseFixture({ url: undefined, schema: { file: '/nonexistent/schema.sql' } }).databaseFile;
    await expect(setUpFile({}, async () => undefined)).rejects.toThrow(
      'fixture "databaseFile" failed in setup: cannot read schema file /nonexistent/schema.sql',
    );
  });
});

// File-scoped fixtures must be defined at the top level of a file.
let dir = '';
const test = base.extend<DatabaseFixtures & TempDirFixtures & { probe: string }>({
  ...tempDirFixture(),
  probe: async ({ tempDir }, use) => {
    dir = tempDir;
    await writeFile(join(tempDir, 'left-behind.txt'), 'x');
    await use(tempDir);
  },
  ...databaseFixture({ url: undefined, schema: 'create tabel oops (x int)' }),
});

describe('the fixtures set up before a failing one', () => {
  // Expected to fail: the database fixture cannot set up. What matters is the afterAll below.
  test.fails('fail the test when a later fixture fails', async ({ probe, database }) => {
    expect([probe, database]).toBeDefined();
  });

  afterAll(() => {
    // tempDir was set up (probe saw it) and torn down although database failed after it.
    expect(dir).not.toBe('');
    expect(existsSync(dir)).toBe(false);
  });
});
