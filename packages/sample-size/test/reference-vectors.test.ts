import { referenceVectors } from '@ds/testkit/vitest';
import { describe } from 'vitest';
import { type SolveTTestOptions, type SolveTwoProportionsOptions, solveTTest, solveTwoProportions } from '../src/index.js';

// Each file is written by the script beside it (proportions.R, proportions.py, t-tests.R); every
// vector names its source and carries its own tolerance.

describe('two proportions against R (power.prop.test, pwr, fisher.test and prop.test enumeration)', () => {
  referenceVectors<SolveTwoProportionsOptions>('./reference/proportions-r.json', (inputs) => solveTwoProportions(inputs));
});

describe('two proportions against statsmodels (NormalIndPower, power_proportions_2indep, samplesize_proportions_2indep_onetail)', () => {
  referenceVectors<SolveTwoProportionsOptions>('./reference/proportions-statsmodels.json', (inputs) =>
    solveTwoProportions(inputs),
  );
});

describe('t tests against R (pwr.t.test, pwr.t2n.test; the noncentral t of R pt)', () => {
  referenceVectors<SolveTTestOptions>('./reference/t-tests-r.json', (inputs) => solveTTest(inputs));
});
