#!/usr/bin/env node
// `npm run demo`: runs each package's demo (docs/demo/<package>.mjs) against the built packages
// and writes what each produces into out/<package>/ (the report package's into out/reports/, as
// its issue asks), then the story that uses all five (docs/story.md) into out/story/.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packages = ['sample-size', 'turi', 'report', 'geo', 'testkit', 'story'];
const folders = { report: 'reports' };
const only = process.argv.slice(2);

let failed = 0;
for (const name of only.length > 0 ? only : packages) {
  const script = join(root, 'docs', 'demo', `${name}.mjs`);
  if (!existsSync(script)) {
    console.error(`${label(name)}: no demo at ${relative(root, script)}`);
    failed++;
    continue;
  }
  const outDir = join(root, 'out', folders[name] ?? name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  try {
    const { default: demo } = await import(pathToFileURL(script).href);
    const { files = [], summary = '' } = (await demo({ outDir })) ?? {};
    const ms = Math.round(performance.now() - started);
    console.log(`\n${label(name)} (${ms} ms)`);
    if (summary) console.log(summary.replace(/^/gm, '  '));
    for (const file of files) console.log(`  wrote ${relative(root, file)}`);
  } catch (error) {
    failed++;
    console.error(`\n${label(name)}: demo failed`);
    console.error(error);
  }
}
console.log(
  failed === 0
    ? `\nDone: everything is in ${relative(process.cwd(), join(root, 'out')) || 'out'}/`
    : `\n${failed} demo(s) failed`,
);
process.exit(failed === 0 ? 0 : 1);

function label(name) {
  return name === 'story' ? 'the story' : `@ds/${name}`;
}
