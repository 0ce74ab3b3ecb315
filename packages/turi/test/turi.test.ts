import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { influenceOfFollowers, TuriError, turi } from '../src/index.js';

const csv = readFileSync(new URL('./fixtures/turi-2018-candidates.csv', import.meta.url), 'utf8');
const [header, ...lines] = csv.trim().split(/\r?\n/);
const columns = (header ?? '').split(',');
const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));

describe('turi on the published 2018 run', () => {
  const published = rows.filter((r) => r.influence_of_followers !== '');

  it('has the 49 accounts, some of them private', () => {
    expect(rows).toHaveLength(49);
    expect(published.length).toBeLessThan(49);
  });

  for (const r of published) {
    it(`recomputes G and TURI of row ${r.row} from its counts and IF`, () => {
      const result = turi({
        followersCount: Number(r.followers_count),
        tweetCount: Number(r.statuses_count),
        influence: Number(r.influence_of_followers),
      });
      // The table was printed with six decimals.
      expect(result.turi).toBeCloseTo(Number(r.turi), 5);
      expect(result.growth).toBeCloseTo(Number(r.growth), 5);
    });
  }

  it('gives a silent account TURI = IF under as-one, and a reason under exclude', () => {
    const silent = published.find((r) => r.statuses_count === '0');
    expect(silent).toBeDefined();
    const account = {
      followersCount: Number(silent?.followers_count),
      tweetCount: 0,
      influence: Number(silent?.influence_of_followers),
    };
    expect(turi(account).turi).toBe(account.influence);
    expect(turi(account, { zeroTweets: 'exclude' })).toMatchObject({ turi: undefined, missing: 'no-tweets' });
  });
});

describe('influenceOfFollowers', () => {
  it('is the mean follower count of the followers', () => {
    expect(influenceOfFollowers([1, 2, 3, 10])).toBe(4);
    expect(influenceOfFollowers(new Uint32Array([7]))).toBe(7);
  });

  it('is undefined for an account with no followers, never NaN', () => {
    expect(influenceOfFollowers([])).toBeUndefined();
  });

  it('names the index of a bad count', () => {
    expect(() => influenceOfFollowers([1, -2])).toThrow(TuriError);
    expect(() => influenceOfFollowers([1, -2])).toThrow('counts[1] must be a whole number ≥ 0, got -2');
  });
});

describe('turi options', () => {
  it('multiplies by followers / following under followBackAdjust', () => {
    const r = turi({ followersCount: 100, followingCount: 400, tweetCount: 10, influence: 50 }, { followBackAdjust: true });
    expect(r.turi).toBe((50 / 10) * (100 / 400));
  });

  it('refuses an unknown zeroTweets policy', () => {
    // @ts-expect-error: testing a value outside the type
    expect(() => turi({ followersCount: 1, tweetCount: 1, influence: 1 }, { zeroTweets: 'skip' })).toThrow(/zeroTweets/);
  });
});
