// @ds/testkit/vitest: Vitest glue. Importing it registers the matchers toBeAllClose,
// toEqualRecords and toEqualGeometry on `expect` (and their types on `Matchers`).

// Matchers
export { matchers, type TestkitMatchers, toBeAllClose, toEqualGeometry, toEqualRecords } from './vitest/matchers.js';

// Reference vectors
export {
  type CheckReferenceVectorOptions,
  checkReferenceVector,
  loadReferenceVectors,
  type ReferenceVector,
  type ReferenceVectorsOptions,
  referenceVectors,
} from './vitest/reference-vectors.js';
