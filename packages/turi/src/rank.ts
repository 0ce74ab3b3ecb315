import { checkOptions } from './check.js';
import { checkCount, TuriError } from './errors.js';
import { type TuriAccount, type TuriMissingReason, type TuriOptions, type TuriResult, turi } from './turi.js';

/** An account to rank: its counts, and what the filters read. */
export interface RankAccount extends TuriAccount {
  /** Carried through to the row (a handle, a row number, …). */
  id?: string | number;
  /** A verified account; `excludeVerified` drops it. */
  verified?: boolean;
}

/** An inclusive range; either end may be left out. */
export interface CountRange {
  min?: number;
  max?: number;
}

export interface RankOptions extends Omit<TuriOptions, 'shrinkage'> {
  /** Keep accounts whose follower count is in this range (the 2018 run: at most 1,000). Default: all. */
  followers?: CountRange;
  /** Keep accounts whose following count is in this range (needs `followingCount`). Default: all. */
  following?: CountRange;
  /** Keep accounts with at least this many posts (the 2018 second ranking: 20). Default 0. */
  minTweets?: number;
  /** Drop verified accounts. Default `false`. */
  excludeVerified?: boolean;
  /** Drop private accounts. Default `false`: they are kept at the end with the reason `'protected'`. */
  excludeProtected?: boolean;
  /** Drop accounts whose TURI is missing instead of listing them last. Default `false`. */
  dropMissing?: boolean;
  /** Keep only the first `limit` ranked rows. Default: all. */
  limit?: number;
  /**
   * Shrink each IF toward a prior mean with this strength (pseudo-followers). `priorMean` defaults
   * to the global mean: the mean follower count over every follower of the accounts kept by the
   * filters, Σ nᵢ·IFᵢ / Σ nᵢ.
   */
  shrinkage?: { strength: number; priorMean?: number };
}

/** One ranked account: every component of its TURI, and why it is missing when it is. */
export interface RankedRow extends TuriResult {
  /** 1 for the most underrated; `undefined` for an account whose TURI is missing. */
  rank: number | undefined;
  id: string | number | undefined;
  /** The position of the account in the input. */
  index: number;
  followingCount: number | undefined;
  verified: boolean | undefined;
  missing?: TuriMissingReason;
}

/**
 * Ranks accounts by TURI, most underrated first, after the filters of the 2018 run (follower
 * range, minimum posts, verified accounts out), each optional. Ties keep the input order.
 * Accounts whose TURI is missing come last with `rank: undefined` and the reason, unless
 * `dropMissing`.
 *
 * @example
 * import { rankUnderrated } from '@ds/turi';
 * const rows = rankUnderrated([
 *   { id: 'a', followersCount: 300, tweetCount: 200, influence: 10000 },
 *   { id: 'b', followersCount: 150, tweetCount: 10, influence: 15000 },
 *   { id: 'c', followersCount: 5000, tweetCount: 10, influence: 90000 },
 * ], { followers: { max: 1000 } });
 * rows.map((r) => r.id); // => ['b', 'a']
 * rows[0]; // => { rank: 1, turi: 1500, growth: 15 }
 */
export function rankUnderrated(accounts: readonly RankAccount[], options: RankOptions = {}): RankedRow[] {
  if (!Array.isArray(accounts)) throw new TuriError('invalid-type', 'accounts', accounts, 'an array of accounts');
  checkOptions('options', options);
  const followers = checkRange('followers', options.followers);
  const following = checkRange('following', options.following);
  const minTweets = checkCount('minTweets', options.minTweets ?? 0);
  if (options.limit !== undefined) checkCount('limit', options.limit);
  const kept: { account: RankAccount; index: number }[] = [];
  accounts.forEach((account, index) => {
    if (account === null || typeof account !== 'object') {
      throw new TuriError('invalid-type', `accounts[${index}]`, account, 'an object with followersCount and tweetCount');
    }
    const id: unknown = account.id;
    if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
      throw new TuriError('invalid-type', `accounts[${index}].id`, id, 'a string, a finite number or undefined');
    }
    const nf = checkCount(`accounts[${index}].followersCount`, account.followersCount);
    const t = checkCount(`accounts[${index}].tweetCount`, account.tweetCount);
    if (nf < followers.min || nf > followers.max) return;
    if (following.min > 0 || following.max < Number.POSITIVE_INFINITY) {
      const nfo = checkCount(`accounts[${index}].followingCount`, account.followingCount);
      if (nfo < following.min || nfo > following.max) return;
    }
    if (t < minTweets) return;
    if (options.excludeVerified === true && account.verified === true) return;
    if (options.excludeProtected === true && account.protected === true) return;
    kept.push({ account, index });
  });
  const shrinkage = options.shrinkage === undefined ? undefined : resolveShrinkage(options.shrinkage, kept);
  const {
    followers: _f,
    following: _g,
    minTweets: _m,
    excludeVerified,
    excludeProtected,
    dropMissing,
    limit,
    ...turiOptions
  } = options;
  const rows: RankedRow[] = kept.map(({ account, index }) => {
    let result: TuriResult;
    try {
      result = turi(account, { ...turiOptions, shrinkage });
    } catch (error) {
      if (error instanceof TuriError) {
        // turi's own options keep their names; the account's fields get the row.
        const own = ['zeroTweets', 'followBackAdjust', 'influenceMethod', 'trim', 'shrinkage', 'options'];
        const argument = own.some((k) => error.argument === k || error.argument.startsWith(`${k}.`))
          ? error.argument
          : `accounts[${index}].${error.argument}`;
        throw new TuriError(error.code, argument, error.value, error.expected, undefined, { cause: error });
      }
      throw error;
    }
    return {
      ...result,
      rank: undefined,
      id: account.id,
      index,
      followingCount: account.followingCount,
      verified: account.verified,
    };
  });
  const ranked = rows.filter((r) => r.turi !== undefined).sort((a, b) => b.turi! - a.turi! || a.index - b.index);
  ranked.forEach((row, i) => {
    row.rank = i + 1;
  });
  const all = dropMissing === true ? ranked : [...ranked, ...rows.filter((r) => r.turi === undefined)];
  return limit === undefined ? all : all.slice(0, limit);
}

function checkRange(argument: string, range: CountRange | undefined): { min: number; max: number } {
  if (range === undefined) return { min: 0, max: Number.POSITIVE_INFINITY };
  if (range === null || typeof range !== 'object')
    throw new TuriError('invalid-type', argument, range, 'an object { min?, max? }');
  const min = range.min === undefined ? 0 : checkCount(`${argument}.min`, range.min);
  const max = range.max === undefined ? Number.POSITIVE_INFINITY : checkCount(`${argument}.max`, range.max);
  if (min > max) throw new TuriError('out-of-range', `${argument}.max`, max, `≥ ${argument}.min (${min})`);
  return { min, max };
}

function resolveShrinkage(
  shrinkage: { strength: number; priorMean?: number },
  kept: { account: RankAccount; index: number }[],
): { strength: number; priorMean: number } {
  if (shrinkage.priorMean !== undefined) return { strength: shrinkage.strength, priorMean: shrinkage.priorMean };
  let total = 0;
  let n = 0;
  for (const { account } of kept) {
    if (account.followerFollowerCounts !== undefined) {
      for (let i = 0; i < account.followerFollowerCounts.length; i++) total += account.followerFollowerCounts[i]!;
      n += account.followerFollowerCounts.length;
    } else if (account.influence !== undefined) {
      total += account.influence * account.followersCount;
      n += account.followersCount;
    }
  }
  if (n === 0) throw new TuriError('out-of-range', 'shrinkage.priorMean', undefined, 'given when no account kept has followers');
  return { strength: shrinkage.strength, priorMean: total / n };
}
