// The DuckDB side of bench/formats.mjs for GeoParquet: DuckDB 1.5 (npm @duckdb/node-api) reads
// the file written by @ds/geo into a table (its GEOMETRY type from the geo metadata) and writes
// the same table back as GeoParquet. One warm-up, one timed run (wall and CPU time), then the peak RSS.
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [, , op, data, work] = process.argv;
const ours = join(work, `${data}.parquet`);
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
let run;
if (op === 'write') {
  await c.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${ours}')`);
  run = () => c.run(`COPY t TO '${join(work, `${data}-duckdb.parquet`)}' (FORMAT parquet, COMPRESSION snappy)`);
} else if (op === 'read') {
  run = async () => {
    await c.run('DROP TABLE IF EXISTS r');
    await c.run(`CREATE TABLE r AS SELECT * FROM read_parquet('${ours}')`);
  };
} else {
  run = async () => {
    await c.run('DROP TABLE IF EXISTS r');
    await c.run(
      `CREATE TABLE r AS SELECT * FROM read_parquet('${ours}') WHERE bbox.xmax >= 0 AND bbox.xmin <= 36 AND bbox.ymax >= 0 AND bbox.ymin <= 18`,
    );
  };
}
await run();
const t = performance.now();
const cpu0 = process.cpuUsage();
await run();
const seconds = (performance.now() - t) / 1000;
// CPU time of the process (DuckDB's threads included)
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024 }),
);
