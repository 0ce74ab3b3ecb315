// @ds/sample-size: plan studies. Pure functions, no I/O.

// Effect sizes
export { cohensH } from './cohens-h.js';

// Errors
export { SampleSizeError, type SampleSizeErrorCode } from './errors.js';
