import { bench, describe } from 'vitest';
import { powerTTest, powerTwoProportions, sampleSizeTTest, sampleSizeTwoProportions } from '../src/index.js';

// Targets from issue 4: closed-form methods under 2 µs a call, the solver under 50 µs, exact
// power at n1 = n2 = 2,000 under 200 ms, an exact sample-size search under 2 s. The peers (R's
// power.prop.test, statsmodels) are timed by bench/peers.mjs on 10,000 designs.

describe('closed-form power (one call)', () => {
  bench('pooled', () => {
    powerTwoProportions({ p1: 0.5, p2: 0.52, n1: 3381 });
  });
  bench('arcsine', () => {
    powerTwoProportions({ p1: 0.5, p2: 0.52, n1: 3381, method: 'arcsine' });
  });
  bench('t test (noncentral t)', () => {
    powerTTest({ d: 0.5, n1: 64 });
  });
});

describe('solver (one call)', () => {
  bench('sample size, pooled', () => {
    sampleSizeTwoProportions({ p1: 0.5, p2: 0.52 });
  });
  bench('sample size, t test', () => {
    sampleSizeTTest({ d: 0.5 });
  });
});

describe('exact methods', () => {
  bench('exact-fisher power, n1 = n2 = 2000', () => {
    powerTwoProportions({ p1: 0.3, p2: 0.34, n1: 2000, method: 'exact-fisher' });
  });
  bench('exact-z power, n1 = n2 = 2000', () => {
    powerTwoProportions({ p1: 0.3, p2: 0.34, n1: 2000, method: 'exact-z' });
  });
  bench(
    'exact-fisher sample size (p1 = 0.3, p2 = 0.34: n1 = 2184)',
    () => {
      sampleSizeTwoProportions({ p1: 0.3, p2: 0.34, method: 'exact-fisher' });
    },
    { iterations: 3, time: 0 },
  );
});
