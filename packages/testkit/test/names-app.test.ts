import { type DatabaseFixtures, databaseFixture } from '@ds/testkit/vitest';
import { test as base, expect, vi } from 'vitest';
import { createApp, listen, type Name } from './fixtures/names-app.js';

// The first test of a file waits for its copy of the database: about a second, more on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

// pytest's fixtures, Vitest's test.extend: one Name record, a client for the app, and a database
// with the schema and "Mark" in it, every test rolled back after it.
interface Client {
  get(path: string): Promise<Response>;
  post(path: string, body: unknown): Promise<Response>;
}

const test = base.extend<DatabaseFixtures & { newName: Name; client: Client }>({
  ...databaseFixture({
    schema: new URL('./fixtures/sql/names.sql', import.meta.url),
    seed: { names: [{ name: 'Mark' }] },
  }),
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
  newName: async ({}, use) => use({ name: 'Ada' }),
  client: async ({ database }, use) => {
    const app = createApp(database);
    const url = await listen(app);
    await use({
      get: (path) => fetch(`${url}${path}`),
      post: (path, body) => fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) }),
    });
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
  },
});

test('the app exists', async ({ client }) => {
  expect((await client.get('/')).status).toBe(200);
});

test('a posted name is stored', async ({ client, newName, database }) => {
  expect((await client.post('/names', newName)).status).toBe(201);
  const { rows } = await database.query<Name>('select name from names where name = $1', [newName.name]);
  expect(rows).toEqual([newName]);
});

test('the page lists "Mark" (and not the name the previous test stored)', async ({ client }) => {
  const page = await (await client.get('/')).text();
  expect(page).toContain('<li>Mark</li>');
  expect(page).not.toContain('Ada');
});
