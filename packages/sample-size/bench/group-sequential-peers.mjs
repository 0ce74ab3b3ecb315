// Times groupSequentialDesign and sampleSizeGroupSequential against rpact on the same designs:
// one Node process and one R process, each warmed up first, median time per design, then the ratio.
// Run after a build: node packages/sample-size/bench/group-sequential-peers.mjs
import { execFileSync } from 'node:child_process';
import { groupSequentialDesign, sampleSizeGroupSequential } from '@ds/sample-size';

const cases = [
  {
    name: '5 looks, asOF, non-binding bsOF futility',
    ours: { looks: 5, design: 'lan-demets-obrien-fleming', futility: { betaSpending: 'lan-demets-obrien-fleming' } },
    r: 'kMax = 5, typeOfDesign = "asOF", typeBetaSpending = "bsOF", bindingFutility = FALSE',
  },
  {
    name: '5 looks, asOF, binding bsOF futility',
    ours: {
      looks: 5,
      design: 'lan-demets-obrien-fleming',
      futility: { betaSpending: 'lan-demets-obrien-fleming', binding: true },
    },
    r: 'kMax = 5, typeOfDesign = "asOF", typeBetaSpending = "bsOF", bindingFutility = TRUE',
  },
  { name: "5 looks, O'Brien-Fleming", ours: { looks: 5, design: 'obrien-fleming' }, r: 'kMax = 5, typeOfDesign = "OF"' },
  {
    name: '5 looks, Pocock, two-sided',
    ours: { looks: 5, design: 'pocock', alternative: 'two-sided', alpha: 0.05 },
    r: 'kMax = 5, typeOfDesign = "P", sided = 2, alpha = 0.05',
  },
  {
    name: '10 looks, asP, non-binding bsP futility',
    ours: { looks: 10, design: 'lan-demets-pocock', futility: { betaSpending: 'lan-demets-pocock' } },
    r: 'kMax = 10, typeOfDesign = "asP", typeBetaSpending = "bsP", bindingFutility = FALSE',
  },
];

// Median of the runs, each timed alone: on a shared machine a mean is dominated by the moments
// another process takes the core.
function timeIt(fn, reps) {
  for (let i = 0; i < 3; i++) fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(reps / 2)];
}

const REPS = Number(process.env.REPS ?? 30);
// rpact takes up to seconds per design: fewer runs, the median again.
const R_REPS = Number(process.env.R_REPS ?? 5);
const rCode = cases
  .map(
    (c) => `
f <- function() { d <- getDesignGroupSequential(${c.r}); getDesignCharacteristics(d) }
g <- function() { d <- getDesignGroupSequential(${c.r}); getSampleSizeRates(d, pi1 = 0.15, pi2 = 0.1) }
invisible(f()); invisible(g())
a <- median(vapply(1:${R_REPS}, function(i) system.time(f())[["elapsed"]], 0)) * 1000
b <- median(vapply(1:${R_REPS}, function(i) system.time(g())[["elapsed"]], 0)) * 1000
cat("RESULT", a, b, "\\n")`,
  )
  .join('\n');
let rOut;
try {
  rOut = execFileSync('/usr/bin/Rscript', ['-e', `suppressMessages(library(rpact))\n${rCode}`], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith('RESULT'))
    .map((l) => l.trim().split(/\s+/).slice(1).map(Number));
} catch (error) {
  console.log(`rpact not available: ${String(error.message ?? error).split('\n')[0]}`);
}

console.log('design | ours: design ms, sample size ms | rpact: design ms, sample size ms | ratio');
cases.forEach((c, i) => {
  const a = timeIt(() => groupSequentialDesign(c.ours), REPS);
  const b = timeIt(() => sampleSizeGroupSequential({ design: c.ours, p1: 0.1, p2: 0.15 }), REPS);
  const r = rOut?.[i];
  const ratio = r ? `${(r[0] / a).toFixed(1)}x, ${(r[1] / b).toFixed(1)}x` : 'n/a';
  console.log(
    `${c.name} | ${a.toFixed(2)}, ${b.toFixed(2)} | ${r ? `${r[0].toFixed(2)}, ${r[1].toFixed(2)}` : 'n/a'} | ${ratio}`,
  );
});
