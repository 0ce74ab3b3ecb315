// @ds/turi/crawl: followers and counts of many accounts into PostgreSQL (PGlite by default),
// resumable, rate-limited, cancellable.

export { type CrawlOptions, type CrawlProgress, type CrawlSummary, crawl } from './crawl/crawl.js';
export {
  type CrawledAccount,
  type CrawlStore,
  type OpenCrawlStoreOptions,
  openCrawlStore,
  readCrawledAccounts,
} from './crawl/store.js';
