// Times groupSequentialDesign and sampleSizeGroupSequential against rpact on the same designs:
// one Node process and one R process, each warmed up first, CPU time per design, then the ratio.
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

// CPU time (user + system) per call, over all the runs: on a shared machine wall time mostly
// measures the moments another process holds the core, CPU time what the call costs. R is timed
// the same way (proc.time's user.self + sys.self).
function timeIt(fn, reps) {
  for (let i = 0; i < 3; i++) fn();
  const start = process.cpuUsage();
  for (let i = 0; i < reps; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / reps;
}

const REPS = Number(process.env.REPS ?? 30);
// rpact takes up to seconds per design: fewer runs.
const R_REPS = Number(process.env.R_REPS ?? 5);
const rCode = cases
  .map(
    (c) => `
f <- function() { d <- getDesignGroupSequential(${c.r}); getDesignCharacteristics(d) }
g <- function() { d <- getDesignGroupSequential(${c.r}); getSampleSizeRates(d, pi1 = 0.15, pi2 = 0.1) }
invisible(f()); invisible(g())
cpu <- function(s) s[["user.self"]] + s[["sys.self"]]
a <- cpu(system.time(for (i in 1:${R_REPS}) f())) / ${R_REPS} * 1000
b <- cpu(system.time(for (i in 1:${R_REPS}) g())) / ${R_REPS} * 1000
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
