// @ds/geo/node: what needs Node (a database connection). Re-exports only.

// PostgreSQL/PostGIS: load a collection with COPY, read a query's rows back (issue #17)
export {
  type FromPostgresOptions,
  fromPostgres,
  type PgClient,
  type ToPostgresOptions,
  type ToPostgresResult,
  toPostgres,
} from './node/postgres.js';
