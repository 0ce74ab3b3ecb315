// Run as a child process by crawl.test.ts: crawls the synthetic AppView into a PGlite folder,
// printing a line per stored page, until the parent kills it.
import { crawl, openCrawlStore } from '../../src/crawl.js';
import { blueskySource } from '../../src/sources.js';
import { candidates } from './synthetic-bluesky.js';

const [baseUrl, dataDir, options] = process.argv.slice(2) as [string, string, string];
const store = await openCrawlStore({ dataDir });
await crawl({
  source: blueskySource({ baseUrl }),
  candidates: candidates(JSON.parse(options)),
  store,
  onProgress: (p) => process.stdout.write(`pages ${p.pages}\n`),
});
process.stdout.write('finished\n');
await store.close();
