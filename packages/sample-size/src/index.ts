// @ds/sample-size: plan studies. Pure functions, no I/O.

// Effect sizes
export { cohensH } from './cohens-h.js';
// Errors
export { SampleSizeError, type SampleSizeErrorCode } from './errors.js';
// Means: t tests
export {
  powerTTest,
  type SolveTTestOptions,
  sampleSizeTTest,
  solveTTest,
  type TTestOptions,
  type TTestResult,
  type TTestType,
  type TTestUnknown,
} from './t-test.js';
// Two proportions
export {
  type Alternative,
  detectableDifference,
  type Hypothesis,
  PROPORTIONS_METHODS,
  type ProportionsMethod,
  powerTwoProportions,
  type SolveTwoProportionsOptions,
  sampleSizeTwoProportions,
  solveTwoProportions,
  type TwoProportionsOptions,
  type TwoProportionsResult,
  type TwoProportionsUnknown,
} from './two-proportions.js';
