import { referenceVectors } from '@ds/testkit/vitest';
import { describe } from 'vitest';
import {
  type GroupSequentialOptions,
  type GroupSequentialSampleSizeOptions,
  groupSequentialDesign,
  sampleSizeGroupSequential,
} from '../src/index.js';

// group-sequential-rpact.json is written by reference/group-sequential.R: 342 designs drawn at
// random over every boundary family, 2 to 9 looks, both sidednesses, unequal information and
// futility, each with its characteristics and a sample size, all from rpact.
interface Inputs {
  design: GroupSequentialOptions;
  sampleSize: Omit<GroupSequentialSampleSizeOptions, 'design'>;
}

// The rpact output a vector is compared with.
function characteristics({ design: options, sampleSize }: Inputs) {
  const design = groupSequentialDesign(options);
  const plan = sampleSizeGroupSequential({ ...sampleSize, design });
  return {
    criticalValues: design.criticalValues,
    futilityBounds: design.futilityBounds,
    alphaSpent: design.alphaSpent,
    shift: design.shift,
    inflationFactor: design.inflationFactor,
    rejectionProbabilities: design.rejectionProbabilities,
    cumulativePower: design.cumulativePower,
    futilityProbabilities: design.futilityProbabilities,
    earlyStopH0: design.stoppingProbabilities.h0.slice(0, -1),
    asnH0: design.expectedSampleSizeRatio.h0,
    asnH01: design.expectedSampleSizeRatio.h01,
    asnH1: design.expectedSampleSizeRatio.h1,
    totalMaxExact: plan.totalMaxExact,
    totalPerLook: plan.totalPerLook,
    expectedTotalH0: plan.expectedTotal.h0,
    expectedTotalH1: plan.expectedTotal.h1,
    totalFixed: plan.totalFixed,
  };
}

describe('group-sequential designs against rpact', () => {
  referenceVectors<Inputs>('./reference/group-sequential-rpact.json', characteristics);
});

// group-sequential-rpact-10.json: 36 ten-look designs (Rscript group-sequential.R ten 10 36).
describe('ten-look group-sequential designs against rpact', () => {
  referenceVectors<Inputs>('./reference/group-sequential-rpact-10.json', characteristics);
});
