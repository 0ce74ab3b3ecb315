// @ds/testkit: plain functions usable anywhere (notebooks included). Vitest glue lives in
// `@ds/testkit/vitest`.

// Numeric assertions
export { type AllCloseOptions, allClose, assertAllClose, type Mismatch, type Numeric } from './all-close.js';

// Errors
export { TestkitError, type TestkitErrorCode } from './errors.js';
