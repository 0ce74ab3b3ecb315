// Load a graph into PGlite or DuckDB as edges(follower_id, followee_id) and
// profiles(id, tweet_count, followers_count), run turiSql, and read TURI back indexed by node.
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';

export interface SqlGraph {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  tweetCount: ArrayLike<number>;
  followersCount?: ArrayLike<number>;
}

const SCHEMA = [
  'CREATE TABLE edges (follower_id INTEGER NOT NULL, followee_id INTEGER NOT NULL)',
  'CREATE TABLE profiles (id INTEGER PRIMARY KEY, tweet_count INTEGER NOT NULL, followers_count INTEGER)',
];

function csv(graph: SqlGraph): { edges: string; profiles: string } {
  const edges: string[] = [];
  for (let k = 0; k < graph.from.length; k++) edges.push(`${graph.from[k]},${graph.to[k]}\n`);
  const profiles: string[] = [];
  for (let i = 0; i < graph.tweetCount.length; i++) {
    profiles.push(`${i},${graph.tweetCount[i]},${graph.followersCount === undefined ? '' : graph.followersCount[i]}\n`);
  }
  return { edges: edges.join(''), profiles: profiles.join('') };
}

/** Rows (id, turi) → a Float64Array by node, NaN for NULL. */
function byNode(n: number, rows: { id: unknown; turi: unknown }[]): Float64Array {
  const out = new Float64Array(n).fill(Number.NaN);
  for (const row of rows) out[Number(row.id)] = row.turi === null ? Number.NaN : Number(row.turi);
  return out;
}

export async function openPglite(): Promise<PGlite> {
  return PGlite.create();
}

export async function loadPglite(db: PGlite, graph: SqlGraph): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS edges; DROP TABLE IF EXISTS profiles;');
  for (const statement of SCHEMA) await db.exec(statement);
  const { edges, profiles } = csv(graph);
  await db.query("COPY edges FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([edges]) });
  await db.query("COPY profiles FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([profiles]) });
}

export async function runPglite(db: PGlite, n: number, sql: string): Promise<Float64Array> {
  const result = await db.query<{ id: number; turi: number | null }>(sql);
  return byNode(n, result.rows);
}

export async function openDuckdb() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return { instance, connection };
}

export type Duck = Awaited<ReturnType<typeof openDuckdb>>;

export async function loadDuckdb({ connection }: Duck, graph: SqlGraph): Promise<void> {
  await connection.run('DROP TABLE IF EXISTS edges; DROP TABLE IF EXISTS profiles;');
  for (const statement of SCHEMA) await connection.run(statement);
  const edges = await connection.createAppender('edges');
  for (let k = 0; k < graph.from.length; k++) {
    edges.appendInteger(graph.from[k]!);
    edges.appendInteger(graph.to[k]!);
    edges.endRow();
  }
  edges.closeSync();
  const profiles = await connection.createAppender('profiles');
  for (let i = 0; i < graph.tweetCount.length; i++) {
    profiles.appendInteger(i);
    profiles.appendInteger(graph.tweetCount[i]!);
    if (graph.followersCount === undefined) profiles.appendNull();
    else profiles.appendInteger(graph.followersCount[i]!);
    profiles.endRow();
  }
  profiles.closeSync();
}

export async function runDuckdb({ connection }: Duck, n: number, sql: string): Promise<Float64Array> {
  const reader = await connection.runAndReadAll(sql);
  return byNode(n, reader.getRowObjectsJS() as { id: unknown; turi: unknown }[]);
}
