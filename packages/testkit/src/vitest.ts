// @ds/testkit/vitest: Vitest glue. Importing it registers the matchers toBeAllClose,
// toEqualRecords and toEqualGeometry on `expect` (and their types on Vitest's `Matchers`).

// Fixtures for test.extend
export { type BrowserPageFixtures, type BrowserPageOptions, browserPageFixture, chromiumFlags } from './vitest/browser-page.js';
export {
  type DatabaseFile,
  type DatabaseFixtures,
  type DatabaseOptions,
  databaseFixture,
  openDatabaseFile,
  type QueryResult,
  type SchemaSource,
  type TestDatabase,
} from './vitest/database.js';
// Fuzz tests of every export (docs/contributing.md, "Fuzz tests")
export { type DescribeFuzzOptions, describeFuzz, type FuzzTable, type FuzzValue, type KnownGap } from './vitest/fuzz.js';
// Matchers
export { matchers, type TestkitMatchers, toBeAllClose, toEqualGeometry, toEqualRecords } from './vitest/matchers.js';
export { type SeededRandomFixtures, type SeededRandomOptions, seededRandomFixture } from './vitest/random.js';
// Reference vectors
export {
  type CheckReferenceVectorOptions,
  checkReferenceVector,
  loadReferenceVectors,
  type ReferenceVector,
  type ReferenceVectorsOptions,
  referenceVectors,
} from './vitest/reference-vectors.js';
export {
  type ReceivedRequest,
  type RecordedExchange,
  type ReplayServer,
  type ReplayServerFixtures,
  type ReplayServerOptions,
  replayServerFixture,
  startReplayServer,
} from './vitest/replay-server.js';
export { type TaskLike, type TempDirFixtures, type TempDirOptions, tempDirFixture } from './vitest/temp-dir.js';
