// Error-spending functions: how much of alpha (or beta) a design has used by information fraction
// t. The forms are those of Lan & DeMets (1983), Kim & DeMets (1987) and Hwang, Shih & DeCani
// (1990), with rpact's convention for a two-sided O'Brien–Fleming type: each side spends the
// one-sided function at alpha / 2.

import { normalCdf, normalQuantile } from '../normal.js';

/** The spending families, by their names in the field (rpact: asOF/bsOF, asP/bsP, asKD/bsKD, asHSD/bsHSD). */
export type SpendingFunction = 'lan-demets-obrien-fleming' | 'lan-demets-pocock' | 'kim-demets' | 'hwang-shih-decani';

/**
 * Cumulative error spent by information fraction t ∈ (0, 1], for a total `total` split over
 * `sided` sides; `gamma` is ρ of Kim–DeMets or γ of Hwang–Shih–DeCani.
 */
export function spent(type: SpendingFunction, total: number, t: number, gamma: number, sided: 1 | 2): number {
  if (t >= 1) return total;
  switch (type) {
    case 'lan-demets-obrien-fleming': {
      // 2·(1 − Φ(z_{a/2} / √t)) per side, with a = total / sided.
      const a = total / sided;
      return sided * 2 * normalCdf(-normalQuantile(a / 2, true) / Math.sqrt(t));
    }
    case 'lan-demets-pocock':
      return total * Math.log(1 + (Math.E - 1) * t);
    case 'kim-demets':
      return total * t ** gamma;
    case 'hwang-shih-decani':
      return gamma === 0 ? total * t : (total * -Math.expm1(-gamma * t)) / -Math.expm1(-gamma);
  }
}
