import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { Client } from 'pg';
import { checkOptions } from '../check.js';
import { TestkitError } from '../errors.js';
import { type FixtureEntry, setUp } from './fixture.js';

/** Rows a query returns. */
export interface QueryResult<T> {
  rows: T[];
}

/**
 * A database seen by one test: every statement runs inside the test's transaction, rolled back
 * after it. The same interface on PGlite and on PostgreSQL (through `pg`).
 */
export interface TestDatabase {
  /** `'pglite'` (embedded, the default) or `'postgres'` (a server, when `DATABASE_URL` is set). */
  readonly kind: 'pglite' | 'postgres';
  /** One statement with `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements, no parameters. */
  exec(sql: string): Promise<void>;
  /** The underlying `PGlite` instance or `pg.Client`, for what the interface above does not cover. */
  readonly client: PGlite | Client;
}

/** The per-file database the `database` fixture opens transactions on. */
export interface DatabaseFile extends TestDatabase {
  /** On PostgreSQL, the name of the database made for this file. */
  readonly name: string;
  /** Milliseconds this file waited for its copy of the template (the clone). */
  readonly cloneMs: number;
}

/** SQL text, a `.sql` file (a `URL` or `{ file }`), or a function given the database. */
export type SchemaSource = string | URL | { file: string } | ((db: TestDatabase) => unknown);

/** Options of `databaseFixture`. */
export interface DatabaseOptions {
  /** The schema: SQL text, `.sql` files or functions, applied in order. */
  schema?: SchemaSource | readonly SchemaSource[];
  /** Seed rows by table (`{ names: [{ name: 'Mark' }] }`), or a function given the database. */
  seed?: Readonly<Record<string, readonly Record<string, unknown>[]>> | ((db: TestDatabase) => unknown);
  /**
   * A PostgreSQL server to use instead of PGlite. Default `process.env.DATABASE_URL`. The role
   * needs CREATEDB: every test file gets a database of its own, dropped after the file.
   */
  url?: string | undefined;
  /**
   * Part of the template's cache key. Schema text and files are keyed by content; functions by
   * their source, so give a `key` when a function's behaviour depends on more than its source.
   */
  key?: string;
  /** Where PGlite templates are cached for the run. Default `os.tmpdir()/ds-testkit`. */
  cacheDir?: string;
}

/** The context `databaseFixture` adds: `database` per test, `databaseFile` per file. */
export interface DatabaseFixtures {
  database: TestDatabase;
  databaseFile: DatabaseFile;
}

/**
 * Fixtures for `test.extend`: `database`, a PostgreSQL database with your schema and seed rows
 * in which every test runs inside a transaction rolled back after it (so tests never see each
 * other's writes), and `databaseFile`, the per-file database under it.
 *
 * PGlite (PostgreSQL compiled to WASM, in process) is the default. A fresh PGlite costs seconds
 * and hundreds of MB, so an empty cluster is dumped once per PGlite build (and kept), the schema
 * and seed are applied once per test run to a copy of it, the template,
 * dumped (`dumpDataDir`) into a cache keyed by their content, and each test file loads its own
 * copy (`loadDataDir`). With `DATABASE_URL` set (or `url`), each file gets a fresh database on
 * that server instead, with the schema and seed applied, dropped after the file.
 * A setup failure (bad SQL, no server) fails with `fixture "database" failed in setup: …`.
 *
 * @example
 * import { databaseFixture } from '@ds/testkit/vitest';
 * Object.keys(databaseFixture({ schema: 'create table names (name text)' })); // => ['database', 'databaseFile']
 * // const test = base.extend<DatabaseFixtures>(databaseFixture({ schema, seed: { names: [{ name: 'Mark' }] } }));
 * // test('lists Mark', async ({ database }) => { (await database.query('select name from names')).rows; });
 */
export function databaseFixture(options: DatabaseOptions = {}): {
  database: FixtureEntry<{ databaseFile: DatabaseFile }, TestDatabase, 'test'>;
  databaseFile: FixtureEntry<object, DatabaseFile, 'file'>;
} {
  return {
    database: [
      async ({ databaseFile }: { databaseFile: DatabaseFile }, use: (db: TestDatabase) => Promise<void>) => {
        await setUp('database', () => databaseFile.exec('BEGIN'));
        try {
          await use(inTransaction(databaseFile));
        } finally {
          await databaseFile.exec('ROLLBACK');
        }
      },
      { scope: 'test' },
    ],
    databaseFile: [
      // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
      async ({}: object, use: (db: DatabaseFile) => Promise<void>) => {
        const file = await setUp('databaseFile', () => openDatabaseFile(options));
        try {
          await use(file);
        } finally {
          await file.close();
        }
      },
      { scope: 'file' },
    ],
  };
}

function inTransaction(file: DatabaseFile): TestDatabase {
  return { kind: file.kind, client: file.client, query: (sql, params) => file.query(sql, params), exec: (sql) => file.exec(sql) };
}

type OpenFile = DatabaseFile & { close(): Promise<void> };

/**
 * Opens the per-file database the fixture uses, outside Vitest (a script, a benchmark): a
 * PGlite copy of the cached template, or a fresh database on the PostgreSQL server at `url`.
 * Call `close()` when done.
 *
 * @example
 * import { openDatabaseFile } from '@ds/testkit/vitest';
 * typeof openDatabaseFile; // => 'function'
 * // A fresh PGlite takes seconds, so this runs in the guide (docs/testkit.md), not here:
 * // const db = await openDatabaseFile({ url: undefined, schema: 'create table t (x int)', seed: { t: [{ x: 1 }] } });
 * // (await db.query('select x from t')).rows; // [{ x: 1 }]
 * // await db.close();
 */
export async function openDatabaseFile(options: DatabaseOptions = {}): Promise<OpenFile> {
  checkOptions('options', options);
  if (options.url !== undefined && (typeof options.url !== 'string' || !/^postgres(ql)?:\/\//.test(options.url))) {
    throw new TestkitError('invalid-type', 'url', options.url, 'a PostgreSQL URL (postgres://…) or undefined for PGlite');
  }
  for (const name of ['key', 'cacheDir'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string')
      throw new TestkitError('invalid-type', name, options[name], 'a string');
  }
  if (options.seed !== undefined && typeof options.seed !== 'function' && !isPlainRecord(options.seed)) {
    throw new TestkitError('invalid-type', 'seed', options.seed, 'rows by table ({ names: [{ name: "Mark" }] }) or a function');
  }
  const url = 'url' in options ? options.url : process.env.DATABASE_URL;
  const sources = await readSchema(options.schema);
  return url ? openPostgres(url, sources, options) : openPglite(sources, options);
}

type ReadSource = { sql: string } | { fn: (db: TestDatabase) => unknown };

function isPlainRecord(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

async function readSchema(schema: DatabaseOptions['schema']): Promise<ReadSource[]> {
  const list = schema === undefined ? [] : Array.isArray(schema) ? schema : [schema as SchemaSource];
  const out: ReadSource[] = [];
  for (const [i, s] of list.entries()) {
    if (typeof s === 'string') out.push({ sql: s });
    else if (typeof s === 'function') out.push({ fn: s });
    else if (s instanceof URL || (typeof s === 'object' && s !== null && typeof (s as { file?: unknown }).file === 'string')) {
      const path = s instanceof URL ? fileURLToPath(s) : (s as { file: string }).file;
      try {
        out.push({ sql: await readFile(path, 'utf8') });
      } catch (e) {
        throw new TestkitError(
          'invalid-file',
          `schema[${i}]`,
          path,
          'a readable .sql file',
          `cannot read schema file ${path}: ${(e as Error).message}`,
        );
      }
    } else throw new TestkitError('invalid-type', `schema[${i}]`, s, 'SQL text, a URL, { file } or a function');
  }
  return out;
}

async function apply(db: TestDatabase, sources: ReadSource[], seed: DatabaseOptions['seed']) {
  for (const s of sources) {
    if ('sql' in s) await db.exec(s.sql);
    else await s.fn(db);
  }
  if (typeof seed === 'function') await seed(db);
  else if (seed !== undefined) {
    for (const [table, rows] of Object.entries(seed)) {
      for (const row of rows) {
        const columns = Object.keys(row);
        const sql =
          columns.length === 0
            ? `INSERT INTO ${quoteName(table)} DEFAULT VALUES`
            : `INSERT INTO ${quoteName(table)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
        await db.query(sql, Object.values(row));
      }
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteName(name: string): string {
  return name.split('.').map(quoteIdent).join('.');
}

function templateKey(sources: ReadSource[], options: DatabaseOptions): string {
  const parts = sources.map((s) => ('sql' in s ? `sql:${s.sql}` : `fn:${String(s.fn)}`));
  const seed = typeof options.seed === 'function' ? `fn:${String(options.seed)}` : JSON.stringify(options.seed ?? null);
  return createHash('sha256')
    .update(JSON.stringify([parts, seed, options.key ?? '']))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The run this process belongs to: Vitest's forked workers share their parent, thread workers
 * share the process. Templates live in a directory per run, so none outlives its schema.
 */
function runId(): number {
  return isMainThread && process.env.VITEST_WORKER_ID !== undefined ? process.ppid : process.pid;
}

async function openPglite(sources: ReadSource[], options: DatabaseOptions): Promise<OpenFile> {
  const { PGlite } = await import('@electric-sql/pglite');
  const root = options.cacheDir ?? join(tmpdir(), 'ds-testkit');
  const dir = join(root, `run-${runId()}`);
  await mkdir(dir, { recursive: true });
  const tar = join(dir, `pglite-${templateKey(sources, options)}.tar`);
  const started = performance.now();

  let pg: PGlite | undefined = await loadTemplate(PGlite, tar);
  if (pg === undefined) {
    const lock = `${tar}.lock`;
    const handle = await open(lock, 'wx').catch(() => undefined);
    if (handle === undefined) {
      // Another worker is building this template: wait for it rather than build it twice.
      pg = await waitForTemplate(PGlite, tar, lock);
    }
    if (pg === undefined) {
      try {
        pg = await emptyCluster(PGlite);
        await apply(wrapPglite(pg), sources, options.seed);
        const dump = await pg.dumpDataDir('none');
        const partial = `${tar}.${process.pid}.partial`;
        await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
        await rename(partial, tar);
        void sweepOldRuns(root);
      } catch (e) {
        await pg?.close().catch(() => undefined);
        throw e;
      } finally {
        await handle?.close();
        await rm(lock, { force: true });
      }
    }
  }
  const cloneMs = performance.now() - started;
  const db = pg;
  return { ...wrapPglite(db), name: 'pglite', cloneMs, close: () => db.close() };
}

/**
 * A PGlite with an empty cluster. `PGlite.create()` runs initdb, about five times as long as
 * loading a dump (10 s against 2 s on a loaded 2-core machine), so the empty cluster is dumped
 * once per PGlite build into `os.tmpdir()/ds-testkit/pglite-base-<build>.tar` (whatever `cacheDir`
 * says, so that every cache shares it; kept across runs: it holds no schema) and every template
 * starts from a copy of it. A base that no longer loads is rebuilt.
 */
async function emptyCluster(PGliteClass: typeof PGlite): Promise<PGlite> {
  const root = join(tmpdir(), 'ds-testkit');
  const base = join(root, `pglite-base-${await pgliteBuild()}.tar`);
  const loaded = await loadTemplate(PGliteClass, base).catch(() => undefined);
  if (loaded !== undefined) return loaded;
  const pg = await PGliteClass.create();
  try {
    await mkdir(root, { recursive: true });
    const dump = await pg.dumpDataDir('none');
    const partial = `${base}.${process.pid}.partial`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, base);
  } catch {
    // No base written (a read-only or full disk): this run builds its templates from scratch.
  }
  return pg;
}

/** The installed PGlite's WebAssembly build, by size and time: a new build gets a new base. */
async function pgliteBuild(): Promise<string> {
  try {
    const wasm = await stat(createRequire(import.meta.url).resolve('@electric-sql/pglite/pglite.wasm'));
    return `${wasm.size}-${Math.round(wasm.mtimeMs)}`;
  } catch {
    return 'unknown';
  }
}

async function loadTemplate(PGliteClass: typeof PGlite, tar: string): Promise<PGlite | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(tar);
  } catch {
    return undefined;
  }
  return PGliteClass.create({ loadDataDir: new Blob([new Uint8Array(bytes)]) });
}

async function waitForTemplate(PGliteClass: typeof PGlite, tar: string, lock: string): Promise<PGlite | undefined> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const loaded = await loadTemplate(PGliteClass, tar);
    if (loaded) return loaded;
    // The builder failed or died without a template: build it here instead.
    if (!(await stat(lock).catch(() => undefined))) return undefined;
  }
  return undefined;
}

/** Removes the template directories of runs whose process has ended. */
async function sweepOldRuns(root: string) {
  const entries = await readdir(root).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === runId()) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') await rm(join(root, name), { recursive: true, force: true });
    }
  }
}

function wrapPglite(pg: PGlite): TestDatabase {
  return {
    kind: 'pglite',
    client: pg,
    query: async <T>(sql: string, params?: readonly unknown[]) => ({ rows: (await pg.query<T>(sql, params as unknown[])).rows }),
    exec: async (sql: string) => {
      await pg.exec(sql);
    },
  };
}

function wrapPg(client: Client): TestDatabase {
  return {
    kind: 'postgres',
    client,
    query: async <T>(sql: string, params?: readonly unknown[]) => ({
      rows: (await client.query(sql, params as unknown[])).rows as T[],
    }),
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

async function openPostgres(url: string, sources: ReadSource[], options: DatabaseOptions): Promise<OpenFile> {
  const { default: pg } = await import('pg');
  const started = performance.now();
  const name = `ds_testkit_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch (e) {
    await admin.end();
    throw new Error(
      `cannot create a database for this test file on ${redact(url)} (the role needs CREATEDB): ${(e as Error).message}`,
    );
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  const drop = async () => {
    await client.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    await admin.end();
  };
  try {
    await client.connect();
    await apply(wrapPg(client), sources, options.seed);
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
  return { ...wrapPg(client), name, cloneMs: performance.now() - started, close: drop };
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
