/**
 * GeoParquet 1.1 (https://geoparquet.org/releases/v1.1.0/): a Parquet file whose `geo` key-value
 * metadata names the geometry column(s), their encoding (WKB here), CRS (PROJJSON) and an optional
 * bbox covering column whose statistics let a reader skip row groups. The public entry points;
 * the work is split by concern:
 * - read.ts: `readGeoParquet`, row group by row group;
 * - prune.ts: the bbox filter pushdown (group statistics, page indexes, covering values);
 * - decode.ts: a group's values (WKB geometries, flat columns from their pages);
 * - source.ts: bytes in memory or a {@link ParquetSource} of byte ranges;
 * - metadata.ts: the `geo` metadata, read and checked, and written;
 * - write.ts: `writeGeoParquet`; columns.ts: its property columns;
 * - parquet-read.ts, parquet-write.ts: the package's own Parquet pages and Thrift footer;
 * - ../hilbert.ts: the Hilbert row order (shared with FlatGeobuf).
 */
export { type GeoParquetReadInfo, type ReadGeoParquetOptions, readGeoParquet } from './read.js';
export type { ParquetSource } from './source.js';
export { type WriteGeoParquetOptions, writeGeoParquet } from './write.js';
