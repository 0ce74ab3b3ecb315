import { checkCount, TuriError } from './errors.js';
import { influenceOfFollowers } from './influence.js';

/** One account's counts. Give either the follower counts of its followers or their mean. */
export interface TuriAccount {
  /** NF: how many accounts follow this one. */
  followersCount: number;
  /** T: how many posts the account has made. */
  tweetCount: number;
  /** The follower count of each follower; IF is their mean. */
  followerFollowerCounts?: ArrayLike<number>;
  /** IF given directly (for example from a published table). */
  influence?: number;
  /** How many accounts this one follows; needed by `followBackAdjust`. */
  followingCount?: number;
}

export interface TuriOptions {
  /**
   * What to do with an account that has never posted: `'as-one'` counts T as 1, so TURI = IF (the
   * 2018 original); `'exclude'` leaves TURI missing. Default `'as-one'`.
   */
  zeroTweets?: 'as-one' | 'exclude';
  /** Multiply by followers / following to penalise follow-back strategies. Default `false`. */
  followBackAdjust?: boolean;
}

/** Why a TURI value is missing. */
export type TuriMissingReason = 'no-followers' | 'no-tweets' | 'no-following';

export interface TuriResult {
  /** TURI = IF / T (times NF / following when adjusted); `undefined` when it cannot be computed. */
  turi: number | undefined;
  /** IF: mean follower count of the followers. */
  influence: number | undefined;
  /** G = NF / T: followers per post. */
  growth: number | undefined;
  followersCount: number;
  tweetCount: number;
  /** The post count used in the division (1 for a silent account under `'as-one'`). */
  tweetCountUsed: number | undefined;
  /** Why `turi` is missing, when it is. */
  missing?: TuriMissingReason;
  zeroTweets: 'as-one' | 'exclude';
  followBackAdjust: boolean;
}

/**
 * The Twitter Underrated Index of one account: TURI = G · IF / NF = IF / T, the influence of its
 * followers per post. Every component is returned, and a missing TURI says why.
 *
 * @example
 * import { turi } from '@ds/turi';
 * turi({ followersCount: 3, tweetCount: 10, followerFollowerCounts: [120, 40, 5000] }).turi; // => 172
 * turi({ followersCount: 0, tweetCount: 10, followerFollowerCounts: [] }).missing; // => 'no-followers'
 */
export function turi(account: TuriAccount, options: TuriOptions = {}): TuriResult {
  const zeroTweets = options.zeroTweets ?? 'as-one';
  const followBackAdjust = options.followBackAdjust ?? false;
  if (zeroTweets !== 'as-one' && zeroTweets !== 'exclude') {
    throw new TuriError('invalid-type', 'zeroTweets', zeroTweets, "'as-one' or 'exclude'");
  }
  const followersCount = checkCount('followersCount', account.followersCount);
  const tweetCount = checkCount('tweetCount', account.tweetCount);
  let influence: number | undefined;
  if (account.followerFollowerCounts !== undefined) {
    influence = influenceOfFollowers(account.followerFollowerCounts);
  } else if (account.influence !== undefined) {
    if (!Number.isFinite(account.influence) || account.influence < 0) {
      throw new TuriError('out-of-range', 'influence', account.influence, 'a finite number ≥ 0');
    }
    influence = followersCount === 0 ? undefined : account.influence;
  } else {
    throw new TuriError('invalid-type', 'followerFollowerCounts', undefined, 'an array of counts (or give influence)');
  }
  const tweetCountUsed = tweetCount === 0 ? (zeroTweets === 'as-one' ? 1 : undefined) : tweetCount;
  const growth = tweetCountUsed === undefined ? undefined : followersCount / tweetCountUsed;
  const base = { influence, growth, followersCount, tweetCount, tweetCountUsed, zeroTweets, followBackAdjust };
  if (influence === undefined) return { ...base, turi: undefined, missing: 'no-followers' };
  if (tweetCountUsed === undefined) return { ...base, turi: undefined, missing: 'no-tweets' };
  let value = influence / tweetCountUsed;
  if (followBackAdjust) {
    const following = checkCount('followingCount', account.followingCount);
    if (following === 0) return { ...base, turi: undefined, missing: 'no-following' };
    value *= followersCount / following;
  }
  return { ...base, turi: value };
}
