#!/usr/bin/env node
// The unit suite timed twice: once alone, once beside a CPU-heavy job (one busy loop per core),
// as on a shared CI machine. Prints both wall times, the slowest tests of each run, every test
// past 2 s in the quiet run, and every failure. Exits 1 when a run fails.
//
//   node bench/suite-under-load.mjs                      the five package projects and docs
//   node bench/suite-under-load.mjs --projects geo,turi  some projects only
//   node bench/suite-under-load.mjs --top 15 --busy 4    15 slowest tests, 4 busy loops
//   node bench/suite-under-load.mjs --loaded-only        skip the quiet run
//
// Read the figures relative to each other when other work shares the machine: the quiet run is
// only as quiet as the machine is.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: 'sample-size,turi,report,geo,testkit,docs' },
    top: { type: 'string', default: '10' },
    busy: { type: 'string', default: String(availableParallelism()) },
    'loaded-only': { type: 'boolean', default: false },
  },
});
const projects = values.projects.split(',').filter(Boolean);
const top = Number(values.top);
const busy = Number(values.busy);
if (projects.length === 0 || !Number.isInteger(top) || top < 0 || !Number.isInteger(busy) || busy < 1 || busy > 64) {
  console.error('usage: node bench/suite-under-load.mjs [--projects a,b] [--top N ≥ 0] [--busy 1–64] [--loaded-only]');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'ds-suite-under-load-'));
const loops = [];
function stopLoops() {
  for (const loop of loops.splice(0)) if (loop.exitCode === null) loop.kill('SIGKILL');
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopLoops();
    rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}

/** One Vitest run of the projects; resolves with its wall time and the JSON report. */
function runSuite(name) {
  const report = join(scratch, `${name}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=json', `--outputFile=${report}`];
  const started = performance.now();
  const load = loadavg()[0];
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      let json;
      try {
        json = JSON.parse(readFileSync(report, 'utf8'));
      } catch {
        reject(new Error(`vitest wrote no report (exit ${code}): ${stderr}`));
        return;
      }
      resolve({ name, seconds, code, load, json });
    });
  });
}

function tests(json) {
  return json.testResults.flatMap((file) =>
    file.assertionResults.map((t) => ({
      file: relative(root, file.name),
      name: t.fullName,
      status: t.status,
      ms: t.duration ?? 0,
      failure: (t.failureMessages ?? [])[0]?.split('\n')[0],
    })),
  );
}

function print(run) {
  const all = tests(run.json);
  const failed = all.filter((t) => t.status === 'failed');
  console.log(
    `\n${run.name}: ${run.seconds.toFixed(0)} s wall, ${all.length} tests, ${failed.length} failed ` +
      `(load average ${run.load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end)`,
  );
  const slowest = [...all].sort((a, b) => b.ms - a.ms).slice(0, top);
  for (const t of slowest) console.log(`  ${(t.ms / 1000).toFixed(2).padStart(6)} s  ${t.file} › ${t.name.slice(0, 100)}`);
  for (const t of failed) console.log(`  FAILED ${t.file} › ${t.name}: ${t.failure ?? ''}`);
  return all;
}

let exit = 0;
try {
  console.log(`projects: ${projects.join(', ')}; ${availableParallelism()} cores; load average ${loadavg()[0].toFixed(1)}`);
  if (!values['loaded-only']) {
    const quiet = await runSuite('alone');
    const all = print(quiet);
    const over = all.filter((t) => t.ms > 2000).sort((a, b) => b.ms - a.ms);
    console.log(`  tests past 2 s alone: ${over.length}`);
    for (const t of over.slice(top))
      console.log(`  ${(t.ms / 1000).toFixed(2).padStart(6)} s  ${t.file} › ${t.name.slice(0, 100)}`);
    if (quiet.code !== 0) exit = 1;
  }
  for (let i = 0; i < busy; i++) {
    loops.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  }
  const loaded = await runSuite(`beside ${busy} busy loops`);
  stopLoops();
  print(loaded);
  if (loaded.code !== 0) exit = 1;
} finally {
  stopLoops();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exit);
