// Which Parquet library GeoParquet sits on: hyparquet + hyparquet-writer (pure JavaScript, what
// @ds/geo uses) against parquet-wasm 0.8 (Rust's parquet crate in WebAssembly, with apache-arrow
// for the columns), on the columns of a GeoParquet file of N random points: an int64 id, a double
// and the WKB geometry (21 bytes a row), snappy. Raw columns only: no GeoJSON is built.
//     node packages/geo/bench/parquet-libraries.mjs        (BENCH_POINTS, default 1,000,000)

import { Binary, Float64, Int64, makeTable, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { snappyCompressor } from 'hysnappy';
import * as wasm from 'parquet-wasm/node';

const N = Number(process.env.BENCH_POINTS ?? 1_000_000);
let s = 17;
const rand = () => {
  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
  return s / 4294967296;
};
const ids = new BigInt64Array(N);
const values = new Float64Array(N);
const wkb = new Array(N);
const all = new Uint8Array(21 * N);
const view = new DataView(all.buffer);
for (let i = 0; i < N; i++) {
  ids[i] = BigInt(i);
  values[i] = rand();
  const o = 21 * i;
  all[o] = 1;
  view.setUint32(o + 1, 1, true);
  view.setFloat64(o + 5, -180 + 360 * rand(), true);
  view.setFloat64(o + 13, -90 + 180 * rand(), true);
  wkb[i] = all.subarray(o, o + 21);
}

function time(fn) {
  fn();
  const t = performance.now();
  const out = fn();
  return { seconds: (performance.now() - t) / 1000, out };
}
async function timeAsync(fn) {
  await fn();
  const t = performance.now();
  const out = await fn();
  return { seconds: (performance.now() - t) / 1000, out };
}

const snappy = snappyCompressor();
const hyWrite = time(
  () =>
    new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'id', data: ids, type: 'INT64' },
          { name: 'value', data: values, type: 'DOUBLE' },
          { name: 'geometry', data: wkb, type: 'BYTE_ARRAY', statistics: false },
        ],
        compressors: { SNAPPY: snappy },
        rowGroupSize: 65536,
      }),
    ),
);
const wasmWrite = time(() => {
  const table = makeTable({
    id: vectorFromArray(ids, new Int64()).data[0],
    value: vectorFromArray(values, new Float64()).data[0],
    geometry: vectorFromArray(wkb, new Binary()).data[0],
  });
  const props = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression.SNAPPY).setMaxRowGroupSize(65536).build();
  return wasm.writeParquet(wasm.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
});
const file = hyWrite.out;
const hyRead = await timeAsync(async () => {
  const rows = await parquetReadObjects({ file: file.buffer, compressors, utf8: false });
  let n = 0;
  for (const r of rows) n += r.geometry.length;
  return n;
});
const wasmRead = time(() => {
  const table = tableFromIPC(wasm.readParquet(file).intoIPCStream());
  const g = table.getChild('geometry');
  let n = 0;
  for (let i = 0; i < table.numRows; i++) n += g.get(i).length;
  return n;
});
const f = (x) => `${x.seconds.toFixed(3)} s`;
console.log(`${N.toLocaleString()} rows (id, value, WKB point), snappy, row groups of 65,536; one warm call each`);
console.log(
  `write: hyparquet-writer ${f(hyWrite)}, parquet-wasm ${f(wasmWrite)} (${(wasmWrite.seconds / hyWrite.seconds).toFixed(2)}× the time); sizes ${hyWrite.out.length.toLocaleString()} / ${wasmWrite.out.length.toLocaleString()} bytes`,
);
console.log(
  `read:  hyparquet ${f(hyRead)}, parquet-wasm + apache-arrow ${f(wasmRead)} (${(wasmRead.seconds / hyRead.seconds).toFixed(2)}× the time); ${hyRead.out === wasmRead.out ? 'same bytes read' : 'DIFFERENT bytes read'}`,
);
