// `npm run demo` for @ds/sample-size: answers the store problem (detect a rise of 2 points from
// 50% women walking in, one-sided, 95% confidence) and writes the curves as CSV into outDir; then
// plans it with three looks and writes the group-sequential boundaries as CSV and as an SVG chart
// (drawn by @ds/report's lineChart: the demo composes packages, the package does not import it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineChart } from '@ds/report';
import {
  collectionTime,
  explain,
  groupSequentialDesign,
  powerCurve,
  sampleSizeCurve,
  sampleSizeGroupSequential,
  sampleSizeTwoProportions,
} from '@ds/sample-size';

function toCsv(curve) {
  const header = [curve.x, ...curve.series.map((s) => `${curve.y}_alpha${s.alpha}${s.power === null ? '' : `_power${s.power}`}`)];
  const rows = curve.values.map((x, i) => [x, ...curve.series.map((s) => s.y[i] ?? '')]);
  return `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`;
}

export default async function demo({ outDir }) {
  const design = { p1: 0.5, p2: 0.52, alternative: 'one-sided' };
  const blog = sampleSizeTwoProportions({ ...design, power: 0.5 });
  const store = sampleSizeTwoProportions(design);
  const exact = sampleSizeTwoProportions({ ...design, method: 'exact-z' });
  const time = collectionTime({ n1: store.n1, arrivalsPerHour: 150, hoursPerDay: 10 });

  const differences = Array.from({ length: 19 }, (_, i) => Number((0.01 + i * 0.005).toFixed(3)));
  const baselines = Array.from({ length: 17 }, (_, i) => Number((0.1 + i * 0.05).toFixed(2)));
  const sizes = Array.from({ length: 40 }, (_, i) => 250 * (i + 1));
  const curves = {
    'n-vs-difference.csv': sampleSizeCurve({
      vary: 'difference',
      values: differences,
      p1: 0.5,
      alternative: 'one-sided',
      alphas: [0.05, 0.01],
      powers: [0.5, 0.8, 0.9],
    }),
    'n-vs-baseline.csv': sampleSizeCurve({
      vary: 'p1',
      values: baselines,
      difference: 0.02,
      alternative: 'one-sided',
      alphas: [0.05, 0.01],
      powers: [0.5, 0.8],
    }),
    'power-vs-n.csv': powerCurve({ ...design, values: sizes, alphas: [0.05, 0.01] }),
  };
  const files = [];
  for (const [name, curve] of Object.entries(curves)) {
    const file = join(outDir, name);
    writeFileSync(file, toCsv(curve));
    files.push(file);
  }
  const answer = join(outDir, 'store-answer.json');
  writeFileSync(answer, `${JSON.stringify({ blog, store, exact, time, explain: explain(store) }, null, 2)}\n`);
  files.push(answer);

  // Three looks: Lan–DeMets O'Brien–Fleming bounds with a non-binding beta-spending futility bound.
  const sequential = groupSequentialDesign({
    looks: 3,
    design: 'lan-demets-obrien-fleming',
    alpha: 0.05,
    futility: { betaSpending: 'lan-demets-obrien-fleming' },
  });
  const plan = sampleSizeGroupSequential({ design: sequential, p1: 0.5, p2: 0.52 });
  const boundaries = join(outDir, 'group-sequential-boundaries.csv');
  writeFileSync(
    boundaries,
    `look,information,total,efficacy_z,futility_z,alpha_spent\n${sequential.informationRates
      .map((t, k) =>
        [
          k + 1,
          t,
          Math.ceil(plan.totalPerLook[k]),
          sequential.criticalValues[k],
          k < sequential.looks - 1 ? sequential.futilityBounds[k] : sequential.criticalValues[k],
          sequential.alphaSpent[k],
        ].join(','),
      )
      .join('\n')}\n`,
  );
  files.push(boundaries);
  const chart = join(outDir, 'group-sequential-boundaries.svg');
  writeFileSync(
    chart,
    lineChart({
      title: 'Store survey, three looks: stop when z leaves the band',
      xLabel: 'people counted (both periods)',
      yLabel: 'z statistic',
      x: plan.totalPerLook.map((n) => Math.ceil(n)),
      series: [
        { name: 'efficacy bound (reject: signage works)', values: sequential.criticalValues },
        {
          name: 'futility bound (stop: no rise)',
          values: sequential.informationRates.map((_, k) =>
            k < sequential.looks - 1 ? sequential.futilityBounds[k] : sequential.criticalValues[k],
          ),
        },
      ],
    }),
  );
  files.push(chart);

  const summary = [
    'Store: detect 50% -> 52% women walking in, one-sided, 95% confidence.',
    `  80% power: ${store.n1.toLocaleString('en')} people before and ${store.n2.toLocaleString('en')} after (exact z test: ${exact.n1.toLocaleString('en')}).`,
    `  The blog's ${blog.n1.toLocaleString('en')} per period is a 50%-power design.`,
    `  At 150 people an hour, 10 hours a day: ${time.hours} hours, ${time.days} days.`,
    `  ${explain(store)}`,
    `Three looks (Lan-DeMets OF + futility): at most ${plan.totalMax.toLocaleString('en')} in all, expected ${Math.round(plan.expectedTotal.h1).toLocaleString('en')} if the rise is real and ${Math.round(plan.expectedTotal.h0).toLocaleString('en')} if not.`,
  ].join('\n');
  return { files, summary };
}
