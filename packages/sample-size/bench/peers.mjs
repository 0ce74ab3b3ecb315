// Times @ds/sample-size against R's power.prop.test and statsmodels on the same 10,000 designs,
// each inside its own process after a warm-up (start-up excluded), and prints the ratios.
// Run after a build: node packages/sample-size/bench/peers.mjs
// A peer that is not installed is skipped with a message.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { powerTwoProportions, sampleSizeTwoProportions } from '@ds/sample-size';

const COUNT = 10_000;
// A fixed grid: p1 in (0.05, 0.95), p2 = p1 + d, d in ±(0.01 .. 0.2), n in 50 .. 5000.
const designs = [];
for (let i = 0; i < COUNT; i++) {
  const p1 = 0.05 + 0.9 * ((i * 0.6180339887) % 1);
  const d = (0.01 + 0.19 * ((i * 0.7548776662) % 1)) * (i % 2 ? 1 : -1);
  const p2 = Math.min(0.99, Math.max(0.01, p1 + d));
  designs.push({ p1, p2: p2 === p1 ? p1 + 0.01 : p2, n: 50 + ((i * 37) % 4951) });
}
const dir = mkdtempSync(join(tmpdir(), 'ss-peers-'));
const csv = join(dir, 'designs.csv');
writeFileSync(csv, `p1,p2,n\n${designs.map((d) => `${d.p1},${d.p2},${d.n}`).join('\n')}\n`);

function timeOurs(fn) {
  for (const d of designs.slice(0, 500)) fn(d);
  const t = process.hrtime.bigint();
  for (const d of designs) fn(d);
  return Number(process.hrtime.bigint() - t) / 1e9;
}
const ours = {
  power: timeOurs((d) => powerTwoProportions({ p1: d.p1, p2: d.p2, n1: d.n })),
  n: timeOurs((d) => sampleSizeTwoProportions({ p1: d.p1, p2: d.p2 })),
  arcsinePower: timeOurs((d) => powerTwoProportions({ p1: d.p1, p2: d.p2, n1: d.n, method: 'arcsine' })),
};

function run(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    return { error: String(error.message ?? error).split('\n')[0] };
  }
}

const rScript = `
d <- read.csv("${csv}")
f <- function(i) power.prop.test(n = d$n[i], p1 = d$p1[i], p2 = d$p2[i])$power
g <- function(i) power.prop.test(p1 = d$p1[i], p2 = d$p2[i], power = 0.8)$n
invisible(lapply(1:200, f)); invisible(lapply(1:200, g))
a <- system.time(lapply(seq_len(nrow(d)), f))[["elapsed"]]
b <- system.time(lapply(seq_len(nrow(d)), g))[["elapsed"]]
cat(a, b, "\\n")`;
const pyScript = `
import csv, time, warnings
warnings.simplefilter("ignore")
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize, power_proportions_2indep
rows = [(float(r["p1"]), float(r["p2"]), float(r["n"])) for r in csv.DictReader(open("${csv}"))]
nip = NormalIndPower()
for p1, p2, n in rows[:200]:
    nip.power(proportion_effectsize(p1, p2), n, 0.05)
t = time.perf_counter()
for p1, p2, n in rows:
    power_proportions_2indep(p1 - p2, p2, n, return_results=False)
a = time.perf_counter() - t
t = time.perf_counter()
for p1, p2, n in rows:
    nip.power(proportion_effectsize(p1, p2), n, 0.05)
b = time.perf_counter() - t
print(a, b)`;

const us = (s) => `${((s / COUNT) * 1e6).toFixed(2)} µs`;
console.log(
  `@ds/sample-size on ${COUNT} designs: pooled power ${us(ours.power)}, pooled sample size ${us(ours.n)}, arcsine power ${us(ours.arcsinePower)} per call`,
);

const r = run('Rscript', ['-e', rScript]);
if (typeof r === 'string') {
  const [power, n] = r.trim().split(/\s+/).map(Number);
  console.log(
    `R power.prop.test: power ${us(power)} (${(power / ours.power).toFixed(0)}× ours), n ${us(n)} (${(n / ours.n).toFixed(0)}× ours)`,
  );
} else console.log(`R skipped: Rscript not available (${r.error})`);

const python = ['/usr/bin/python3', 'python3'].find((p) => typeof run(p, ['-c', 'import statsmodels']) === 'string');
if (python) {
  const out = run(python, ['-c', pyScript]);
  if (typeof out === 'string') {
    const [pooled, arcsine] = out.trim().split(/\s+/).map(Number);
    console.log(
      `statsmodels: power_proportions_2indep ${us(pooled)} (${(pooled / ours.power).toFixed(0)}× ours), NormalIndPower.power ${us(arcsine)} (${(arcsine / ours.arcsinePower).toFixed(0)}× ours)`,
    );
  } else console.log(`statsmodels skipped: ${out.error}`);
} else console.log('statsmodels skipped: no python3 with statsmodels found');
