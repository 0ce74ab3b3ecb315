import { seededRandom } from '@ds/testkit';
import { bench, describe } from 'vitest';
import { msprt, msprtPlan } from '../src/index.js';

// The peer of an exact plan is the simulation a user would otherwise run: 10,000 streams through
// msprt (power to ±0.004 at one standard error), against msprtPlan's power and E[N] under H1 and
// H0 to about 1e-6, on the same design (effect 0.2, σ 1, τ 0.2, nMax 300, a look per observation).

describe('mSPRT plan: exact integration vs Monte Carlo', () => {
  bench('msprtPlan, nMax 300 (H1 and H0)', () => {
    msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, nMax: 300 });
  });
  bench(
    'Monte Carlo, 10,000 streams of 300 through msprt (H1 only)',
    () => {
      const random = seededRandom('bench');
      let rejected = 0;
      for (let s = 0; s < 10_000; s++) {
        const xs = Array.from({ length: 300 }, () => random.normal(0.2, 1));
        if (msprt({ observations: xs, sigma: 1, tau: 0.2 }).firstRejection !== null) rejected++;
      }
      if (rejected < 0) throw new Error('unreachable');
    },
    { iterations: 3, time: 0 },
  );
});
