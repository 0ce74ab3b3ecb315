// @ds/turi: the Twitter Underrated Index. Pure functions; sources and crawl live behind subpaths.

// Errors
export { TuriError, type TuriErrorCode } from './errors.js';
// The index for one account
export { influenceOfFollowers } from './influence.js';
export { type TuriAccount, type TuriMissingReason, type TuriOptions, type TuriResult, turi } from './turi.js';
