import { checkOptions } from './check.js';
import { checkCount, TuriError } from './errors.js';

/** The SQL engines `turiSql` writes for. */
export type SqlDialect = 'postgres' | 'duckdb' | 'bigquery' | 'spark';

export interface TuriSqlOptions {
  dialect: SqlDialect;
  /** The edges table, `(follower_id, followee_id)`; may be qualified (`dataset.edges`). Default `'edges'`. */
  edges?: string;
  /** The profiles table, `(id, tweet_count, followers_count?)`. Default `'profiles'`. */
  profiles?: string;
  /** Column names, when they differ from the defaults. */
  columns?: {
    followerId?: string;
    followeeId?: string;
    id?: string;
    tweetCount?: string;
    followersCount?: string;
  };
  /** `'in-degree'` (default): NF counted from `edges`; `'profile'`: read from `profiles.followers_count`. */
  followersCount?: 'in-degree' | 'profile';
  /** As in {@link turiForGraph}. Default `'as-one'`. */
  zeroTweets?: 'as-one' | 'exclude';
  /** As in {@link turiForGraph}: NULL below this many posts. Default 0. */
  minTweets?: number;
}

const DOUBLE: Record<SqlDialect, string> = {
  postgres: 'DOUBLE PRECISION',
  duckdb: 'DOUBLE',
  bigquery: 'FLOAT64',
  spark: 'DOUBLE',
};
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * One SQL statement computing TURI for every profile, for PostgreSQL, DuckDB, BigQuery or Spark
 * SQL, over `edges(follower_id, followee_id)` and `profiles(id, tweet_count, followers_count?)`.
 * It returns rows `(id, followers_count, influence, turi)` ordered by id, with the values of
 * {@link turiForGraph} (NULL where it gives NaN). Every id in `edges` must have a row in
 * `profiles`. The followers' counts are summed as integers and divided once, in double
 * precision, so the engines agree with `turiForGraph` to the last bit or nearly.
 *
 * @throws {TuriError} for an unknown dialect or a table or column name that is not a plain identifier
 *
 * @example
 * import { turiSql } from '@ds/turi';
 * const sql = turiSql({ dialect: 'bigquery', edges: 'social.edges', profiles: 'social.profiles' });
 * sql.includes('FROM `social`.`edges`'); // => true
 * sql.includes('CAST(SUM(f.`followers_count`) AS FLOAT64)'); // => true
 */
export function turiSql(options: TuriSqlOptions): string {
  checkOptions('options', options, true);
  const { dialect } = options;
  // An own key only: 'constructor' or '__proto__' must not find Object.prototype's members.
  if (!(typeof dialect === 'string' && Object.hasOwn(DOUBLE, dialect))) {
    throw new TuriError('invalid-type', 'dialect', dialect, "'postgres', 'duckdb', 'bigquery' or 'spark'");
  }
  const mode = options.followersCount ?? 'in-degree';
  if (mode !== 'in-degree' && mode !== 'profile')
    throw new TuriError('invalid-type', 'followersCount', mode, "'in-degree' or 'profile'");
  const zeroTweets = options.zeroTweets ?? 'as-one';
  if (zeroTweets !== 'as-one' && zeroTweets !== 'exclude')
    throw new TuriError('invalid-type', 'zeroTweets', zeroTweets, "'as-one' or 'exclude'");
  const minTweets = checkCount('minTweets', options.minTweets ?? 0);
  const quote = (argument: string, name: string, qualified: boolean): string => {
    const parts = typeof name === 'string' ? (qualified ? name.split('.') : [name]) : [];
    if (parts.length === 0 || !parts.every((p) => NAME.test(p))) {
      throw new TuriError(
        'invalid-type',
        argument,
        name,
        qualified ? 'a table name (letters, digits, _ and -, parts joined by .)' : 'a column name (letters, digits, _)',
      );
    }
    const q = dialect === 'bigquery' || dialect === 'spark' ? '`' : '"';
    return parts.map((p) => `${q}${p}${q}`).join('.');
  };
  const c = checkOptions<NonNullable<TuriSqlOptions['columns']>>('columns', options.columns);
  const edges = quote('edges', options.edges ?? 'edges', true);
  const profiles = quote('profiles', options.profiles ?? 'profiles', true);
  const followerId = quote('columns.followerId', c.followerId ?? 'follower_id', false);
  const followeeId = quote('columns.followeeId', c.followeeId ?? 'followee_id', false);
  const id = quote('columns.id', c.id ?? 'id', false);
  const tweetCount = quote('columns.tweetCount', c.tweetCount ?? 'tweet_count', false);
  const profileFollowers = quote('columns.followersCount', c.followersCount ?? 'followers_count', false);
  const out = (name: string) => quote('column', name, false);
  const double = DOUBLE[dialect];

  const nodes =
    mode === 'in-degree'
      ? [
          `in_degree AS (`,
          `  SELECT e.${followeeId} AS ${out('id')}, COUNT(*) AS ${out('followers_count')}`,
          `  FROM ${edges} AS e`,
          `  GROUP BY e.${followeeId}`,
          `),`,
          `node_counts AS (`,
          `  SELECT p.${id} AS ${out('id')}, p.${tweetCount} AS ${out('tweet_count')}, COALESCE(d.${out('followers_count')}, 0) AS ${out('followers_count')}`,
          `  FROM ${profiles} AS p`,
          `  LEFT JOIN in_degree AS d ON d.${out('id')} = p.${id}`,
          `),`,
        ]
      : [
          `node_counts AS (`,
          `  SELECT p.${id} AS ${out('id')}, p.${tweetCount} AS ${out('tweet_count')}, p.${profileFollowers} AS ${out('followers_count')}`,
          `  FROM ${profiles} AS p`,
          `),`,
        ];
  const silent = zeroTweets === 'as-one' ? `i.${out('influence')}` : 'NULL';
  const belowMin = minTweets > 0 ? ` OR n.${out('tweet_count')} < ${minTweets}` : '';
  return [
    `-- TURI = IF / T, IF = mean follower count of the followers (@ds/turi, ${dialect}; followers counted by ${mode}, zeroTweets ${zeroTweets}).`,
    `WITH`,
    ...nodes,
    `follower_influence AS (`,
    `  SELECT e.${followeeId} AS ${out('id')}, CAST(SUM(f.${out('followers_count')}) AS ${double}) / COUNT(*) AS ${out('influence')}`,
    `  FROM ${edges} AS e`,
    `  JOIN node_counts AS f ON f.${out('id')} = e.${followerId}`,
    `  GROUP BY e.${followeeId}`,
    `)`,
    `SELECT`,
    `  n.${out('id')},`,
    `  n.${out('followers_count')},`,
    `  i.${out('influence')},`,
    `  CASE`,
    `    WHEN i.${out('influence')} IS NULL${belowMin} THEN NULL`,
    `    WHEN n.${out('tweet_count')} = 0 THEN ${silent}`,
    `    ELSE i.${out('influence')} / n.${out('tweet_count')}`,
    `  END AS ${out('turi')}`,
    `FROM node_counts AS n`,
    `LEFT JOIN follower_influence AS i ON i.${out('id')} = n.${out('id')}`,
    `ORDER BY n.${out('id')}`,
  ].join('\n');
}
