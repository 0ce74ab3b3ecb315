// Crawl stores for the tests, without initdb. A fresh PGlite runs initdb: 10–20 s on a loaded
// 2-core machine. testkit keeps an empty cluster dumped once per PGlite build; a store written
// from it into a folder opens in about 2 s, and `openCrawlStore({ dataDir })` adds its tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabaseFile } from '@ds/testkit/vitest';
import { PGlite } from '@electric-sql/pglite';

let cluster: Promise<Blob> | undefined;
const folders: string[] = [];

async function emptyCluster(): Promise<Blob> {
  cluster ??= (async () => {
    const empty = await openDatabaseFile({ url: undefined });
    try {
      return await (empty.client as PGlite).dumpDataDir('none');
    } finally {
      await empty.close();
    }
  })();
  return cluster;
}

/** A new folder holding an empty PostgreSQL cluster, for `openCrawlStore({ dataDir })`. */
export async function emptyStoreDir(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'turi-store-'));
  folders.push(folder);
  const dataDir = join(folder, 'store');
  await (await PGlite.create({ dataDir, loadDataDir: await emptyCluster() })).close();
  return dataDir;
}

/** Removes the folders `emptyStoreDir` made (call after closing their stores). */
export function removeStoreDirs(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}
