// @ds/sample-size: plan studies. Pure functions, no I/O.

// Effect sizes
export { cohensH } from './cohens-h.js';
// Curves for charts
export {
  type Curve,
  type CurveSeries,
  type PowerCurveOptions,
  powerCurve,
  type SampleSizeCurveOptions,
  sampleSizeCurve,
} from './curves.js';
// Errors
export { SampleSizeError, type SampleSizeErrorCode } from './errors.js';
// Explanations
export { explain } from './explain.js';
// Group-sequential designs (issue #15)
export {
  type FutilityOptions,
  GROUP_SEQUENTIAL_TYPES,
  type GroupSequentialDesign,
  type GroupSequentialOptions,
  type GroupSequentialType,
  groupSequentialDesign,
} from './group-sequential/design.js';
export {
  type GroupSequentialInterim,
  type GroupSequentialInterimOptions,
  groupSequentialInterim,
} from './group-sequential/interim.js';
export {
  type GroupSequentialSampleSize,
  type GroupSequentialSampleSizeOptions,
  sampleSizeGroupSequential,
} from './group-sequential/sample-size.js';
export type { SpendingFunction } from './group-sequential/spending.js';
// Effects as relative lifts, mean metrics from observed values (issue #15)
export {
  type LiftOptions,
  MAX_VALUES,
  type MeanMetric,
  type MinimumDetectableLift,
  type MinimumDetectableLiftOptions,
  meanMetric,
  minimumDetectableLift,
  type SampleSizeForLift,
  type SampleSizeForLiftOptions,
  sampleSizeForLift,
} from './lift.js';
// Several arms against a control (issue #15): Dunnett and Bonferroni bounds, power, sample sizes
export {
  MAX_ARMS,
  type ManyToOneBound,
  type ManyToOneMethod,
  type ManyToOneOptions,
  type ManyToOnePower,
  type ManyToOnePowerOptions,
  type ManyToOneSampleSize,
  type ManyToOneSampleSizeOptions,
  manyToOneCriticalValue,
  manyToOnePower,
  sampleSizeManyToOne,
} from './many-to-one.js';
// Always-valid sequential test (issue #15): the mixture SPRT
export { type MsprtOptions, type MsprtResult, msprt } from './msprt.js';
// mSPRT planning: power, expected sample size and price of the mixture SPRT (issue #15)
export { MSPRT_MAX_LOOKS, type MsprtPlan, type MsprtPlanOptions, msprtPlan } from './msprt-plan.js';
// Planning helpers
export {
  type CollectionTimeOptions,
  type CollectionTimeResult,
  collectionTime,
  type MultiplicityAdjustment,
  type Subgroup,
  type SubgroupPlan,
  type SubgroupSampleSizeOptions,
  type SubgroupSampleSizeResult,
  subgroupSampleSize,
  type WorstCaseBaselineOptions,
  worstCaseBaseline,
} from './planning.js';
// The rest of pwr (issue #15): one proportion, normal mean, correlation, chi-square, ANOVA, regression
export {
  type AnovaOptions,
  type ChiSquareOptions,
  type CorrelationOptions,
  type NormalMeanOptions,
  type OneProportionOptions,
  type PwrAlternative,
  type PwrResult,
  type RegressionOptions,
  solveAnova,
  solveChiSquare,
  solveCorrelation,
  solveNormalMean,
  solveOneProportion,
  solveRegression,
} from './pwr-tests.js';
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
// Variance for planning (issue #15): CUPED, ratio metrics by the delta method, cluster design effect
export {
  type CupedOptions,
  type CupedResult,
  cuped,
  type DesignEffectOptions,
  designEffect,
  type RatioMetricOptions,
  type RatioMetricResult,
  ratioMetric,
} from './variance.js';
