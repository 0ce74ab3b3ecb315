import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { influenceOfFollowers, TuriError, turi } from '../src/index.js';

interface Vector {
  id: string;
  source: string;
  inputs: { counts: number[]; trim: number };
  expected: { mean: number; median: number; trimmedMean: number };
  tolerance: number;
}
const vectors: Vector[] = JSON.parse(readFileSync(new URL('./reference/influence.json', import.meta.url), 'utf8'));

describe('influenceOfFollowers against numpy and scipy (reference/influence.py)', () => {
  for (const v of vectors) {
    it(`${v.id}: mean, median and trimmed mean (trim ${v.inputs.trim}, n ${v.inputs.counts.length})`, () => {
      const close = (actual: number | undefined, expected: number) =>
        expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(v.tolerance * Math.max(1, Math.abs(expected)));
      close(influenceOfFollowers(v.inputs.counts), v.expected.mean);
      close(influenceOfFollowers(v.inputs.counts, { method: 'median' }), v.expected.median);
      close(influenceOfFollowers(v.inputs.counts, { method: 'trimmed-mean', trim: v.inputs.trim }), v.expected.trimmedMean);
    });
  }

  it('refuses a trim of half or more, and an unknown method', () => {
    expect(() => influenceOfFollowers([1, 2], { method: 'trimmed-mean', trim: 0.5 })).toThrow(
      'trim must be a fraction in [0, 0.5), got 0.5',
    );
    // @ts-expect-error: testing a value outside the type
    expect(() => influenceOfFollowers([1, 2], { method: 'mode' })).toThrow(TuriError);
  });
});

describe('turi with robust variants', () => {
  const account = { followersCount: 5, tweetCount: 2, followerFollowerCounts: [1, 2, 3, 4, 1000] };

  it('uses the chosen summary for IF and echoes it', () => {
    const r = turi(account, { influenceMethod: 'median' });
    expect(r).toMatchObject({ influence: 3, turi: 1.5, influenceMethod: 'median' });
  });

  it('needs the follower counts for a robust summary', () => {
    expect(() => turi({ followersCount: 5, tweetCount: 2, influence: 3 }, { influenceMethod: 'median' })).toThrow(TuriError);
  });

  it('shrinks IF by credibility weighting: n followers against k pseudo-followers at the prior', () => {
    const prior = 50;
    for (const strength of [0, 1, 5, 1e9]) {
      const r = turi(account, { shrinkage: { priorMean: prior, strength } });
      const raw = influenceOfFollowers(account.followerFollowerCounts)!;
      expect(r.influenceRaw).toBe(raw);
      // The weight on the data is n / (n + k).
      const w = 5 / (5 + strength);
      expect(r.influence).toBeCloseTo(w * raw + (1 - w) * prior, 6);
    }
  });

  it('refuses a negative shrinkage strength', () => {
    expect(() => turi(account, { shrinkage: { priorMean: 1, strength: -1 } })).toThrow(
      'shrinkage.strength must be a finite number ≥ 0, got -1',
    );
  });

  it('gives a protected account without follower data the reason, not an error', () => {
    expect(turi({ followersCount: 5, tweetCount: 2, protected: true })).toMatchObject({ turi: undefined, missing: 'protected' });
  });

  it('never gives Infinity or NaN: an account with no followers or posts has a reason', () => {
    expect(turi({ followersCount: 0, tweetCount: 0, followerFollowerCounts: [] }, { zeroTweets: 'exclude' })).toMatchObject({
      turi: undefined,
      growth: undefined,
      missing: 'no-followers',
    });
  });
});
