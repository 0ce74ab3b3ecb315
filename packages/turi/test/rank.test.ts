import { describe, expect, it } from 'vitest';
import { type RankAccount, rankUnderrated, TuriError, turi } from '../src/index.js';
import { read2018 } from './helpers/csv.js';

const rows = read2018();
// Private accounts have no IF in the table: their followers could not be read.
const accounts: RankAccount[] = rows.map((r) => ({
  id: Number(r.row),
  followersCount: Number(r.followers_count),
  followingCount: Number(r.friends_count),
  tweetCount: Number(r.statuses_count),
  ...(r.influence_of_followers === '' ? { protected: true } : { influence: Number(r.influence_of_followers) }),
}));
const publishedTuri = new Map(rows.filter((r) => r.turi !== '').map((r) => [Number(r.row), Number(r.turi)]));

/** The published ranking: rows ordered by the table's own TURI column. */
function publishedOrder(minTweets: number): number[] {
  return rows
    .filter((r) => r.turi !== '' && Number(r.statuses_count) >= minTweets)
    .sort((a, b) => Number(b.turi) - Number(a.turi))
    .map((r) => Number(r.row));
}

describe('rankUnderrated on the published 2018 run', () => {
  it('recomputes the full ranking of the table', () => {
    const ranked = rankUnderrated(accounts, { dropMissing: true });
    expect(ranked.map((r) => r.id)).toEqual(publishedOrder(0));
    for (const row of ranked) expect(row.turi).toBeCloseTo(publishedTuri.get(row.id as number)!, 5);
  });

  it('recomputes the top five with at least 20 posts', () => {
    const top = rankUnderrated(accounts, { minTweets: 20, limit: 5 });
    expect(top.map((r) => r.id)).toEqual(publishedOrder(20).slice(0, 5));
    expect(top.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const row of top) expect(row.tweetCount).toBeGreaterThanOrEqual(20);
  });

  it('gives every component in each row', () => {
    const [first] = rankUnderrated(accounts, { minTweets: 20, limit: 1 });
    const source = rows.find((r) => Number(r.row) === first?.id)!;
    expect(first).toMatchObject({
      rank: 1,
      followersCount: Number(source.followers_count),
      followingCount: Number(source.friends_count),
      tweetCount: Number(source.statuses_count),
      tweetCountUsed: Number(source.statuses_count),
      influence: Number(source.influence_of_followers),
      zeroTweets: 'as-one',
      influenceMethod: 'mean',
    });
    expect(first?.growth).toBeCloseTo(Number(source.growth), 5);
  });

  it('lists private accounts last, with the reason, unless asked to drop them', () => {
    const ranked = rankUnderrated(accounts);
    const privateCount = rows.filter((r) => r.influence_of_followers === '').length;
    expect(privateCount).toBeGreaterThan(0);
    const tail = ranked.slice(-privateCount);
    expect(tail.every((r) => r.missing === 'protected' && r.rank === undefined && r.turi === undefined)).toBe(true);
    expect(rankUnderrated(accounts, { excludeProtected: true })).toHaveLength(rows.length - privateCount);
  });

  it('filters by follower range, as the 2018 run kept at most 1,000 followers', () => {
    const ranked = rankUnderrated(accounts, { followers: { min: 100, max: 500 } });
    const expected = rows.filter((r) => Number(r.followers_count) >= 100 && Number(r.followers_count) <= 500).length;
    expect(ranked).toHaveLength(expected);
    expect(ranked.every((r) => r.followersCount >= 100 && r.followersCount <= 500)).toBe(true);
  });

  it('filters by following range', () => {
    const ranked = rankUnderrated(accounts, { following: { max: 100 } });
    expect(ranked.length).toBe(rows.filter((r) => Number(r.friends_count) <= 100).length);
  });

  it('ranks by the follow-back adjusted TURI when asked', () => {
    const ranked = rankUnderrated(accounts, { followBackAdjust: true, dropMissing: true });
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.turi!).toBeGreaterThanOrEqual(ranked[i]!.turi!);
    const first = ranked[0]!;
    expect(first.turi).toBeCloseTo(
      (first.influence! / first.tweetCountUsed!) * (first.followersCount / first.followingCount!),
      9,
    );
  });
});

describe('rankUnderrated filters and options', () => {
  const small: RankAccount[] = [
    { id: 'v', verified: true, followersCount: 10, tweetCount: 1, followerFollowerCounts: [100, 200] },
    { id: 'a', followersCount: 10, tweetCount: 2, followerFollowerCounts: [100, 200] },
    { id: 'b', followersCount: 10, tweetCount: 2, followerFollowerCounts: [100, 200] },
    { id: 'silent', followersCount: 10, tweetCount: 0, followerFollowerCounts: [10] },
    { id: 'alone', followersCount: 0, tweetCount: 5, followerFollowerCounts: [] },
  ];

  it('drops verified accounts under excludeVerified', () => {
    expect(rankUnderrated(small).map((r) => r.id)).toContain('v');
    expect(rankUnderrated(small, { excludeVerified: true }).map((r) => r.id)).not.toContain('v');
  });

  it('keeps the input order on ties', () => {
    const ids = rankUnderrated(small, { excludeVerified: true }).map((r) => r.id);
    expect(ids.indexOf('a')).toBeLessThan(ids.indexOf('b'));
  });

  it('gives the reason of a missing TURI under zeroTweets exclude', () => {
    const ranked = rankUnderrated(small, { zeroTweets: 'exclude' });
    expect(ranked.find((r) => r.id === 'silent')).toMatchObject({ rank: undefined, missing: 'no-tweets' });
    expect(ranked.find((r) => r.id === 'alone')).toMatchObject({ rank: undefined, missing: 'no-followers' });
  });

  it('shrinks toward the global mean of the kept accounts by default', () => {
    const ranked = rankUnderrated(small, { shrinkage: { strength: 3 } });
    const all = small.flatMap((a) => Array.from(a.followerFollowerCounts ?? []));
    const priorMean = all.reduce((s, x) => s + x, 0) / all.length;
    const a = ranked.find((r) => r.id === 'a')!;
    expect(a.influence).toBeCloseTo(turi(small[1]!, { shrinkage: { priorMean, strength: 3 } }).influence!, 12);
    expect(a.influenceRaw).toBe(150);
  });

  it('names the row of a bad count', () => {
    const bad = [...small, { id: 'x', followersCount: -1, tweetCount: 1, influence: 2 }];
    expect(() => rankUnderrated(bad)).toThrow(TuriError);
    expect(() => rankUnderrated(bad)).toThrow('accounts[5].followersCount must be a whole number ≥ 0, got -1');
  });

  it('names the row of a bad follower count inside an account', () => {
    const bad = [{ followersCount: 2, tweetCount: 1, followerFollowerCounts: [3, 1.5] }];
    expect(() => rankUnderrated(bad)).toThrow('accounts[0].followerFollowerCounts[1] must be a whole number ≥ 0, got 1.5');
  });

  it('refuses an empty follower range', () => {
    expect(() => rankUnderrated(small, { followers: { min: 10, max: 5 } })).toThrow(/followers.max/);
  });
});
