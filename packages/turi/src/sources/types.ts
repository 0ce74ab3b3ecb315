import { TuriError } from '../errors.js';

/** One account as a source reports it, mapped to the index's vocabulary. */
export interface SourceProfile {
  /** The source's stable id (a Bluesky DID, a Mastodon account id, an X user id). */
  id: string;
  /** The handle people type (`alice.bsky.social`, `alice@mastodon.social`, `alice`). */
  handle: string;
  /** NF; `undefined` when this listing does not carry counts (Bluesky follower pages). */
  followersCount?: number;
  followingCount?: number;
  /** T: posts (statuses, tweets). */
  tweetCount?: number;
  /** Verified by the network; `undefined` where it has no such flag (Mastodon). */
  verified?: boolean;
  /** A private (locked, protected) account. */
  protected?: boolean;
}

/** One page of followers (or of followed accounts) and the cursor of the next, if any. */
export interface SourcePage {
  accounts: SourceProfile[];
  cursor: string | undefined;
}

/** The one interface every network implements; the crawl needs nothing else. */
export interface Source {
  readonly name: 'bluesky' | 'mastodon' | 'x';
  /** How many ids one `profiles` call takes. */
  readonly profileBatchSize: number;
  /** One account by handle or id; throws {@link UnavailableAccountError} when it cannot be read. */
  profile(account: string, signal?: AbortSignal): Promise<SourceProfile>;
  /** One page of the followers of an account (by id), from `cursor` (the first page without). */
  followers(id: string, cursor?: string, signal?: AbortSignal): Promise<SourcePage>;
  /** One page of the accounts an account (by id) follows. */
  following(id: string, cursor?: string, signal?: AbortSignal): Promise<SourcePage>;
  /** Profiles with counts for up to `profileBatchSize` ids; unknown ids are left out. */
  profiles(ids: readonly string[], signal?: AbortSignal): Promise<SourceProfile[]>;
}

/** Why an account could not be read. */
export type UnavailableReason = 'private' | 'not-found' | 'suspended';

/**
 * An account the source will not show: private, missing or suspended. The crawl records it with
 * its reason and goes on; `retryUnavailable` tries it again later. It is a {@link TuriError} with
 * code `'unavailable-account'` (argument `'account'`), like every error of the package.
 *
 * @example
 * import { UnavailableAccountError } from '@ds/turi/sources';
 * new UnavailableAccountError('alice', 'private').message; // => 'alice is unavailable: private'
 * new UnavailableAccountError('alice', 'private').code; // => 'unavailable-account'
 */
export class UnavailableAccountError extends TuriError {
  readonly account: string;
  readonly reason: UnavailableReason;
  readonly detail: string | undefined;

  constructor(account: string, reason: UnavailableReason, detail?: string) {
    if (typeof account !== 'string') throw new TuriError('invalid-type', 'account', account, 'a handle or id (a string)');
    if (reason !== 'private' && reason !== 'not-found' && reason !== 'suspended') {
      throw new TuriError('invalid-type', 'reason', reason, "'private', 'not-found' or 'suspended'");
    }
    if (detail !== undefined && typeof detail !== 'string')
      throw new TuriError('invalid-type', 'detail', detail, 'a string or undefined');
    super(
      'unavailable-account',
      'account',
      account,
      'an account the source shows',
      `${account} is unavailable: ${reason}${detail ? ` (${detail})` : ''}`,
    );
    this.name = 'UnavailableAccountError';
    this.account = account;
    this.reason = reason;
    this.detail = detail;
  }
}
