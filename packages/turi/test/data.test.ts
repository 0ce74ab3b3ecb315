import { describe, expect, it } from 'vitest';
import { candidates2018 } from '../src/index.js';
import { read2018 } from './helpers/csv.js';

describe('candidates2018', () => {
  it('holds the published table exactly (test/fixtures/turi-2018-candidates.csv)', () => {
    const rows = read2018();
    expect(candidates2018).toHaveLength(rows.length);
    rows.forEach((r, i) => {
      const c = candidates2018[i]!;
      expect([c.row, c.followersCount, c.followingCount, c.tweetCount]).toEqual(
        [r.row, r.followers_count, r.friends_count, r.statuses_count].map(Number),
      );
      expect(c.influence).toBe(r.influence_of_followers === '' ? undefined : Number(r.influence_of_followers));
      expect(c.growth).toBe(r.growth === '' ? undefined : Number(r.growth));
      expect(c.turi).toBe(r.turi === '' ? undefined : Number(r.turi));
    });
  });
});
