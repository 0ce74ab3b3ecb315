// turiSql on the ego-Twitter-sized graph in DuckDB (@duckdb/node-api) and PGlite (PostgreSQL in
// WASM), loaded once; the timing is the query. turiForGraph's timing is in graph.bench.ts.
import { bench, describe } from 'vitest';
import { generateFollowerGraph, turiSql } from '../src/index.js';
import { loadDuckdb, loadPglite, openDuckdb, openPglite, runDuckdb, runPglite } from '../test/helpers/sql-engines.js';

const graph = generateFollowerGraph();
const duck = await openDuckdb();
await loadDuckdb(duck, graph);
const pg = await openPglite();
await loadPglite(pg, graph);

let _sink = 0;
describe(`turiSql, ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.from.length.toLocaleString('en')} edges`, () => {
  bench(
    'DuckDB',
    async () => {
      _sink += (await runDuckdb(duck, graph.nodeCount, turiSql({ dialect: 'duckdb' })))[0]!;
    },
    { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 },
  );
  bench(
    'PGlite',
    async () => {
      _sink += (await runPglite(pg, graph.nodeCount, turiSql({ dialect: 'postgres' })))[0]!;
    },
    { iterations: 2, time: 0, warmupIterations: 1, warmupTime: 0 },
  );
});
