import { it } from 'vitest';
import { msprtPlan } from '../src/msprt-plan.js';

it('try', () => {
  const sigma = Math.sqrt(0.5 * 0.5 + 0.52 * 0.48);
  for (const n of [15000, 20000, 25000, 30000]) {
    const t0 = performance.now();
    const p = msprtPlan({ effect: 0.02, sigma, tau: 0.02, nMax: n, alpha: 0.1, lookEvery: 25 });
    console.log(n, Math.round(performance.now() - t0), p.power, p.typeIError, p.expectedN, p.fixed);
  }
}, 60000);
