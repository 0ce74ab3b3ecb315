// Reading and writing GeoParquet and FlatGeobuf: @ds/geo against GeoPandas (Debian's 0.12 on
// Fiona/GDAL 3.6) and DuckDB 1.5 (npm, its Parquet reader and writer), on 1,000,000 random points
// and the Natural Earth countries, in one run. Each measurement is a fresh process (so its peak
// RSS is its own): one warm-up call, then one timed call.
//     npx turbo run build --filter=@ds/geo && node packages/geo/bench/formats.mjs
// GeoPandas cannot write or read GeoParquet here: Debian packages no pyarrow.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const work = process.env.BENCH_DIR ?? '/tmp/ds-geo-bench';
const N = Number(process.env.BENCH_POINTS ?? 1_000_000);
mkdirSync(work, { recursive: true });

async function load(data) {
  const geo = await import('../dist/index.js');
  if (data === 'countries')
    return geo.readShapefile(shapefile(join(here, '../test/fixtures/naturalearth_lowres/naturalearth_lowres')));
  // seeded LCG: the same points in every process
  let s = 17;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const features = new Array(N);
  for (let i = 0; i < N; i++)
    features[i] = {
      type: 'Feature',
      properties: { id: i, value: rand() },
      geometry: { type: 'Point', coordinates: [-180 + 360 * rand(), -90 + 180 * rand()] },
    };
  return { type: 'FeatureCollection', features };
}
function shapefile(base) {
  return {
    shp: readFileSync(`${base}.shp`),
    dbf: readFileSync(`${base}.dbf`),
    prj: readFileSync(`${base}.prj`, 'utf8'),
    cpg: readFileSync(`${base}.cpg`, 'utf8'),
  };
}
const file = (format, data) => join(work, `${data}.${format === 'geoparquet' ? 'parquet' : 'fgb'}`);

async function child(op, format, data) {
  const geo = await import('../dist/index.js');
  const path = file(format, data);
  let run;
  if (op === 'write') {
    const c = await load(data);
    // Hilbert-sorted GeoParquet, as a file meant for bbox reads should be (FlatGeobuf always is).
    run = async () =>
      writeFileSync(
        path,
        format === 'geoparquet'
          ? await geo.writeGeoParquet(c, {
              sort: 'hilbert',
              ...(process.env.BENCH_ROW_GROUP ? { rowGroupSize: Number(process.env.BENCH_ROW_GROUP) } : {}),
              ...(process.env.BENCH_PAGE ? { pageSize: Number(process.env.BENCH_PAGE) } : {}),
            })
          : await geo.writeFlatGeobuf(c),
      );
  } else if (op === 'read') {
    // the whole file (a Buffer is a Uint8Array: no copy)
    const read = format === 'geoparquet' ? geo.readGeoParquet : geo.readFlatGeobuf;
    run = async () => read(readFileSync(path));
  } else if (format === 'geoparquet') {
    // bbox: 1% of the area of the world (the points are uniform in lon/lat). GeoParquet through a
    // source of byte ranges (a file handle): the footer, then the chunks of the groups that meet it.
    const bbox = [0, 0, 36, 18];
    run = async () => {
      const handle = await open(path);
      try {
        const { size } = await handle.stat();
        const source = {
          byteLength: size,
          async slice(start, end = size) {
            const b = new Uint8Array(end - start);
            await handle.read(b, 0, end - start, start);
            return b.buffer;
          },
        };
        return await geo.readGeoParquet(source, { bbox });
      } finally {
        await handle.close();
      }
    };
  } else {
    const bbox = [0, 0, 36, 18];
    run = async () => geo.readFlatGeobuf(readFileSync(path), { bbox });
  }
  await run();
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await run();
  const seconds = (performance.now() - t) / 1000;
  // CPU time (user + system, all threads) of the timed call: steadier than wall time on a busy machine
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    JSON.stringify({ seconds, cpuSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024, rows: out?.features?.length }),
  );
}

function ours(op, format, data) {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', fileURLToPath(import.meta.url), 'child', op, format, data],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}
function geopandas(op, format, data) {
  const r = spawnSync('/usr/bin/python3', [join(here, 'geopandas_formats.py'), op, format, data, work, String(N)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) return { error: r.stderr.trim().split('\n').at(-1) };
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}
function duckdb(op, data) {
  const r = spawnSync(process.execPath, [join(here, 'duckdb_parquet.mjs'), op, data, work], { encoding: 'utf8' });
  if (r.status !== 0) return { error: r.stderr.trim().split('\n').at(-1) };
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

async function parent() {
  const rows = [];
  const fmt = (x) =>
    x?.error
      ? `(${x.error.slice(0, 60)})`
      : `${x.seconds.toFixed(3)} s${x.cpuSeconds === undefined ? '' : ` (CPU ${x.cpuSeconds.toFixed(3)} s)`}, ${Math.round(x.maxRssMB)} MB`;
  // BENCH_DATA=countries (or points) runs one data set only.
  for (const data of (process.env.BENCH_DATA ?? 'points,countries').split(',')) {
    // BENCH_FORMATS=geoparquet (or flatgeobuf) runs one format only.
    for (const format of (process.env.BENCH_FORMATS ?? 'geoparquet,flatgeobuf').split(',')) {
      for (const op of ['write', 'read', ...(data === 'points' ? ['bbox'] : [])]) {
        const a = ours(op, format, data);
        const b = format === 'flatgeobuf' ? geopandas(op, format, data) : duckdb(op, data);
        const peer = format === 'flatgeobuf' ? 'GeoPandas' : 'DuckDB';
        const ratio = b?.seconds ? (b.seconds / a.seconds).toFixed(2) : '–';
        const cpuRatio = b?.cpuSeconds ? `${(b.cpuSeconds / a.cpuSeconds).toFixed(2)}×` : '–';
        rows.push(`| ${data} | ${format} | ${op} | ${fmt(a)} | ${peer}: ${fmt(b)} | ${ratio}× | ${cpuRatio} | ${a.rows ?? ''} |`);
        console.log(rows.at(-1));
      }
    }
  }
  if (
    !(process.env.BENCH_DATA ?? 'points').includes('points') ||
    !(process.env.BENCH_FORMATS ?? 'geoparquet').includes('geoparquet')
  )
    return console.log(rows.join('\n'));
  const full = ours('read', 'geoparquet', 'points');
  const box = ours('bbox', 'geoparquet', 'points');
  console.log(
    `\nbbox read of 1% / full read (GeoParquet, ${N.toLocaleString()} rows): ${((box.seconds / full.seconds) * 100).toFixed(1)}% (CPU ${((box.cpuSeconds / full.cpuSeconds) * 100).toFixed(1)}%)`,
  );
  console.log(
    '\n| data | format | op | @ds/geo | peer | peer time / ours | peer CPU / ours | rows |\n|---|---|---|---|---|---|---|---|',
  );
  console.log(rows.join('\n'));
}

const [, , role, op, format, data] = process.argv;
if (role === 'child') await child(op, format, data);
else await parent();
