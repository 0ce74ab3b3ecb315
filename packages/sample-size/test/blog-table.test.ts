import { describe, expect, it } from 'vitest';
import { sampleSizeTwoProportions } from '../src/index.js';
import { normalQuantile } from '../src/normal.js';

// The analysis this package grew from counted n up from 1 (n1 = n2) until a pooled one-sided z
// test of the true proportions gave p < alpha. The table: p1 = 0.5, differences 0.02 to 0.10,
// 95% and 99% confidence. Issue 4 quotes its first cell: 3,381 per group.
function blogCount(p1: number, p2: number, alpha: number): number {
  const critical = normalQuantile(alpha, true);
  const pbar = (p1 + p2) / 2;
  for (let n = 1; ; n++) {
    const z = (p2 - p1) / Math.sqrt((pbar * (1 - pbar) * 2) / n);
    if (z >= critical) return n;
  }
}

describe("the blog's table is a table of 50%-power sample sizes", () => {
  for (const alpha of [0.05, 0.01]) {
    for (let k = 2; k <= 10; k++) {
      const d = k / 100;
      it(`difference ${d} at ${100 * (1 - alpha)}% confidence`, () => {
        const ours = sampleSizeTwoProportions({ p1: 0.5, p2: 0.5 + d, alpha, power: 0.5, alternative: 'one-sided' });
        expect(ours.n1).toBe(blogCount(0.5, 0.5 + d, alpha));
        expect(ours.power).toBeGreaterThanOrEqual(0.5);
        expect(ours.power).toBeLessThan(0.51);
        const eighty = sampleSizeTwoProportions({ p1: 0.5, p2: 0.5 + d, alpha, alternative: 'one-sided' });
        expect(eighty.n1 / ours.n1).toBeGreaterThan(1.5);
      });
    }
  }

  it('gives 3,381 per group at a difference of 0.02 and 95% confidence, as the issue says', () => {
    expect(sampleSizeTwoProportions({ p1: 0.5, p2: 0.52, power: 0.5, alternative: 'one-sided' }).n1).toBe(3381);
  });
});
