// @ds/testkit: plain functions usable anywhere (notebooks included). Vitest glue lives in
// `@ds/testkit/vitest`.

// Numeric assertions
export { type AllCloseOptions, allClose, assertAllClose, type Mismatch, type Numeric } from './all-close.js';
// The error a test expects, typed by its class
export { type ErrorClass, errorOf, rejectionOf } from './error-of.js';
// Errors
export { TestkitError, type TestkitErrorCode } from './errors.js';
// Geometry
export { type GeometryEqualOptions, type GeometryEqualResult, geometryEqual } from './geometry-equal.js';
// PDF files (pdf.js, loaded on first use)
export { type PdfTextItem, type PdfTextOptions, pdfPageCount, pdfText, pdfTextItems } from './pdf.js';
// Tables
export {
  type ColumnDtype,
  type RecordDifference,
  type RecordsEqualOptions,
  type RecordsEqualResult,
  type Row,
  recordsEqual,
} from './records-equal.js';
// Reproducible randomness
export { type SeededRandom, seededRandom } from './seeded-random.js';
// Tolerances per field
export type { ToleranceSpec } from './tolerance.js';
