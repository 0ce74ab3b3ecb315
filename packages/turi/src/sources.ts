// @ds/turi/sources: followers and counts from Bluesky, Mastodon and X, behind one interface.
// Every source takes its `fetch` (and clock, sleep) as options, so tests replay recorded responses.

export { type BlueskySourceOptions, blueskySource } from './sources/bluesky.js';
export { type HttpOptions, type HttpStats, parseReset } from './sources/http.js';
export { type MastodonSourceOptions, mastodonSource, nextLink } from './sources/mastodon.js';
export {
  type Source,
  type SourcePage,
  type SourceProfile,
  UnavailableAccountError,
  type UnavailableReason,
} from './sources/types.js';
export { type XSourceOptions, xSource } from './sources/x.js';
