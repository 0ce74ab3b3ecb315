import { describe, expect, it } from 'vitest';
import {
  collectionTime,
  powerCurve,
  SampleSizeError,
  sampleSizeCurve,
  sampleSizeTwoProportions,
  subgroupSampleSize,
  worstCaseBaseline,
} from '../src/index.js';

describe('worstCaseBaseline', () => {
  it('finds the baseline that needs the most people: no other baseline needs more', () => {
    const worst = worstCaseBaseline({ difference: 0.05, alternative: 'one-sided' });
    for (let p1 = 0.05; p1 <= 0.94; p1 += 0.01) {
      expect(sampleSizeTwoProportions({ p1, p2: p1 + 0.05, alternative: 'one-sided' }).n1Exact).toBeLessThanOrEqual(
        worst.n1Exact + 1e-6,
      );
    }
    expect(worst.p1 as number).toBeCloseTo(0.475, 3);
  });
});

describe('subgroupSampleSize', () => {
  it('powers each subgroup at the adjusted alpha, and the smallest share sets the total', () => {
    const subgroups = [
      { name: 'a', share: 0.5 },
      { name: 'b', share: 0.3 },
      { name: 'c', share: 0.2 },
    ];
    const bonferroni = subgroupSampleSize({ p1: 0.4, p2: 0.5, subgroups });
    const sidak = subgroupSampleSize({ p1: 0.4, p2: 0.5, subgroups, adjustment: 'sidak' });
    const holm = subgroupSampleSize({ p1: 0.4, p2: 0.5, subgroups, adjustment: 'holm' });
    expect(bonferroni.adjustedAlpha).toBeCloseTo(0.05 / 3, 15);
    expect(sidak.adjustedAlpha).toBeCloseTo(1 - 0.95 ** (1 / 3), 15);
    expect(sidak.n1).toBeLessThanOrEqual(bonferroni.n1);
    expect(holm.n1).toBe(bonferroni.n1);
    expect(bonferroni.limitedBy).toBe('c');
    const c = bonferroni.subgroups[2];
    expect(c?.design.alpha).toBe(bonferroni.adjustedAlpha);
    expect(bonferroni.n1).toBe(Math.ceil((c?.design.n1 as number) / 0.2 - 1e-9));
  });

  it('refuses shares that add up to more than 1', () => {
    expect(() =>
      subgroupSampleSize({
        p1: 0.4,
        p2: 0.5,
        subgroups: [
          { name: 'a', share: 0.7 },
          { name: 'b', share: 0.6 },
        ],
      }),
    ).toThrow(SampleSizeError);
  });
});

describe('collectionTime', () => {
  it('divides the people to count by the rate at which they can be counted', () => {
    const t = collectionTime({ n1: 600, n2: 900, arrivalsPerHour: 100, coverage: 0.5, hoursPerDay: 10 });
    expect(t).toMatchObject({ hours1: 12, hours2: 18, hours: 30, days: 3 });
    expect(() => collectionTime({ n1: 600, arrivalsPerHour: 0 })).toThrow('arrivalsPerHour must be > 0, got 0');
  });
});

describe('curves', () => {
  it('give one series per alpha and power, null where no design exists', () => {
    const curve = sampleSizeCurve({
      vary: 'p1',
      values: [0.1, 0.5, 0.97],
      difference: 0.05,
      alphas: [0.05, 0.01],
      powers: [0.5, 0.8],
    });
    expect(curve.series).toHaveLength(4);
    expect(curve.series[0]?.y[2]).toBeNull();
    expect(curve.series[0]?.y[1]).toBe(sampleSizeTwoProportions({ p1: 0.5, p2: 0.55, power: 0.5 }).n1);
    const power = powerCurve({ p1: 0.5, p2: 0.55, values: [100, 400, 1600], alphas: [0.05, 0.01] });
    const y = power.series[0]?.y as number[];
    expect(y[0] as number).toBeLessThan(y[1] as number);
    expect(power.series[1]?.y[2] as number).toBeLessThan(y[2] as number);
  });
});
