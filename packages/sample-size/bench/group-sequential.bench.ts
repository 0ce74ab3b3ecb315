import { bench, describe } from 'vitest';
import { groupSequentialDesign, sampleSizeGroupSequential } from '../src/index.js';

// Targets from issue 15: a 5-look design with futility under 5 ms, its sample size under 10 ms.
// rpact on the same designs is timed by bench/group-sequential-peers.mjs (one R process).

const withFutility = {
  looks: 5,
  design: 'lan-demets-obrien-fleming',
  futility: { betaSpending: 'lan-demets-obrien-fleming' },
} as const;

describe('group-sequential design (one call)', () => {
  bench('5 looks, Lan–DeMets OF, non-binding beta-spending futility', () => {
    groupSequentialDesign(withFutility);
  });
  bench('5 looks, Lan–DeMets OF, binding beta-spending futility', () => {
    groupSequentialDesign({ ...withFutility, futility: { ...withFutility.futility, binding: true } });
  });
  bench("5 looks, O'Brien–Fleming (Wang–Tsiatis search)", () => {
    groupSequentialDesign({ looks: 5, design: 'obrien-fleming' });
  });
});

describe('group-sequential sample size (design included)', () => {
  bench('5 looks with futility, two proportions', () => {
    sampleSizeGroupSequential({ design: withFutility, p1: 0.1, p2: 0.15 });
  });
});
