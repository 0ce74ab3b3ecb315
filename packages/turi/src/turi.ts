import { checkOptions } from './check.js';
import { checkCount, TuriError } from './errors.js';
import { type InfluenceMethod, influenceOf } from './influence.js';

/** One account's counts. Give either the follower counts of its followers or their mean. */
export interface TuriAccount {
  /** NF: how many accounts follow this one. */
  followersCount: number;
  /** T: how many posts the account has made. */
  tweetCount: number;
  /** The follower count of each follower; IF is their mean (or the robust summary chosen). */
  followerFollowerCounts?: ArrayLike<number>;
  /** IF given directly (for example from a published table); only the mean can be used then. */
  influence?: number;
  /** How many accounts this one follows; needed by `followBackAdjust`. */
  followingCount?: number;
  /** A private account whose followers could not be read: with no follower data, TURI is missing. */
  protected?: boolean;
}

/** Shrink IF toward a prior mean, so an account with few followers is not ranked by luck. */
export interface TuriShrinkage {
  /** The mean IF is pulled toward, typically the mean follower count over all followers seen. */
  priorMean: number;
  /**
   * How many pseudo-followers the prior is worth, k ≥ 0: IF′ = (n·IF + k·priorMean) / (n + k),
   * with n the number of followers observed (empirical-Bayes style credibility weighting).
   */
  strength: number;
}

export interface TuriOptions {
  /**
   * What to do with an account that has never posted: `'as-one'` counts T as 1, so TURI = IF (the
   * 2018 original); `'exclude'` leaves TURI missing. Default `'as-one'`.
   */
  zeroTweets?: 'as-one' | 'exclude';
  /** Multiply by followers / following to penalise follow-back strategies. Default `false`. */
  followBackAdjust?: boolean;
  /** How IF summarises the followers' counts. Default `'mean'`; the others need `followerFollowerCounts`. */
  influenceMethod?: InfluenceMethod;
  /** The fraction cut from each end by `influenceMethod: 'trimmed-mean'`. Default 0.1. */
  trim?: number;
  /** Shrinkage of IF toward a prior mean. Default none. */
  shrinkage?: TuriShrinkage;
}

/** Why a TURI value is missing. */
export type TuriMissingReason = 'no-followers' | 'no-tweets' | 'no-following' | 'protected';

export interface TuriResult {
  /** TURI = IF / T (times NF / following when adjusted); `undefined` when it cannot be computed. */
  turi: number | undefined;
  /** IF: mean follower count of the followers (after the robust method and shrinkage, if any). */
  influence: number | undefined;
  /** IF before shrinkage (equal to `influence` without shrinkage). */
  influenceRaw: number | undefined;
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
  influenceMethod: InfluenceMethod;
}

/**
 * The Twitter Underrated Index of one account: TURI = G · IF / NF = IF / T, the influence of its
 * followers per post. Every component is returned, and a missing TURI says why.
 *
 * @example
 * import { turi } from '@ds/turi';
 * turi({ followersCount: 3, tweetCount: 10, followerFollowerCounts: [120, 40, 5000] }).turi; // => 172
 * turi({ followersCount: 3, tweetCount: 10, followerFollowerCounts: [120, 40, 5000] }, { influenceMethod: 'median' }).turi; // => 12
 * turi({ followersCount: 2, tweetCount: 1, influence: 100 }, { shrinkage: { priorMean: 40, strength: 2 } }).influence; // => 70
 * turi({ followersCount: 0, tweetCount: 10, followerFollowerCounts: [] }).missing; // => 'no-followers'
 */
export function turi(account: TuriAccount, options: TuriOptions = {}): TuriResult {
  checkOptions('options', options);
  const zeroTweets = options.zeroTweets ?? 'as-one';
  const followBackAdjust = options.followBackAdjust ?? false;
  const influenceMethod = options.influenceMethod ?? 'mean';
  if (zeroTweets !== 'as-one' && zeroTweets !== 'exclude') {
    throw new TuriError('invalid-type', 'zeroTweets', zeroTweets, "'as-one' or 'exclude'");
  }
  if (account === null || typeof account !== 'object') {
    throw new TuriError('invalid-type', 'account', account, 'an object with followersCount and tweetCount');
  }
  const followersCount = checkCount('followersCount', account.followersCount);
  const tweetCount = checkCount('tweetCount', account.tweetCount);
  let influenceRaw: number | undefined;
  let observed = 0;
  let isProtected = false;
  if (account.followerFollowerCounts !== undefined) {
    influenceRaw = influenceOf(account.followerFollowerCounts, influenceMethod, options.trim, {
      counts: 'followerFollowerCounts',
      method: 'influenceMethod',
      trim: 'trim',
    });
    observed = account.followerFollowerCounts.length;
  } else if (account.influence !== undefined) {
    if (typeof account.influence !== 'number' || !Number.isFinite(account.influence) || account.influence < 0) {
      throw new TuriError('out-of-range', 'influence', account.influence, 'a finite number ≥ 0');
    }
    if (influenceMethod !== 'mean') {
      throw new TuriError(
        'invalid-type',
        'followerFollowerCounts',
        undefined,
        `the follower counts (influenceMethod '${influenceMethod}' cannot use a given mean)`,
      );
    }
    influenceRaw = followersCount === 0 ? undefined : account.influence;
    observed = followersCount;
  } else if (account.protected === true) {
    isProtected = true;
  } else {
    throw new TuriError('invalid-type', 'followerFollowerCounts', undefined, 'an array of counts (or give influence)');
  }
  const influence = influenceRaw === undefined ? undefined : shrink(influenceRaw, observed, options.shrinkage);
  const tweetCountUsed = tweetCount === 0 ? (zeroTweets === 'as-one' ? 1 : undefined) : tweetCount;
  const growth = tweetCountUsed === undefined ? undefined : followersCount / tweetCountUsed;
  const base = {
    influence,
    influenceRaw,
    growth,
    followersCount,
    tweetCount,
    tweetCountUsed,
    zeroTweets,
    followBackAdjust,
    influenceMethod,
  };
  if (isProtected) return { ...base, turi: undefined, missing: 'protected' };
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

function shrink(influence: number, observed: number, shrinkage: TuriShrinkage | undefined): number {
  if (shrinkage === undefined) return influence;
  const { priorMean, strength } = shrinkage;
  if (typeof priorMean !== 'number' || !Number.isFinite(priorMean) || priorMean < 0) {
    throw new TuriError('out-of-range', 'shrinkage.priorMean', priorMean, 'a finite number ≥ 0');
  }
  if (typeof strength !== 'number' || !Number.isFinite(strength) || strength < 0) {
    throw new TuriError('out-of-range', 'shrinkage.strength', strength, 'a finite number ≥ 0');
  }
  return (observed * influence + strength * priorMean) / (observed + strength);
}
