#!/usr/bin/env node
// Executes notebooks headless on the tslab (TypeScript) kernel and fails on the first cell that
// throws. Usage: node .ci/notebooks.mjs [docs/notebooks/x.ipynb ...] (default: all of them).
//
// tslab's own `tslab install` needs IPython, so the kernelspec is written here into a temporary
// JUPYTER_PATH. tslab lives in docs/notebooks/node_modules (its own package.json: it bundles
// TypeScript 5.0 and a `tsc` that would shadow the workspace's). Notebooks import the built
// packages (run `npm run build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const notebooksDir = join(root, 'docs', 'notebooks');
const tslab = join(notebooksDir, 'node_modules', 'tslab', 'bin', 'tslab');

if (!existsSync(tslab)) {
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: notebooksDir, stdio: 'inherit' });
  if (install.status !== 0) fail('could not install tslab in docs/notebooks (npm ci)');
}
const nbconvert = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
if (nbconvert.status !== 0) {
  fail('jupyter nbconvert not found: apt-get install jupyter-nbconvert python3-nbconvert jupyter-client python3-nbclient');
}

const jupyterPath = mkdtempSync(join(tmpdir(), 'ds-jupyter-'));
const kernelDir = join(jupyterPath, 'kernels', 'tslab');
mkdirSync(kernelDir, { recursive: true });
writeFileSync(
  join(kernelDir, 'kernel.json'),
  JSON.stringify({
    argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript',
    language: 'typescript',
  }),
);

const args = process.argv.slice(2);
const notebooks =
  args.length > 0
    ? args.map((f) => resolve(f))
    : readdirSync(notebooksDir)
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => join(notebooksDir, f));
if (notebooks.length === 0) fail('no notebooks found in docs/notebooks');

const outDir = mkdtempSync(join(tmpdir(), 'ds-notebooks-out-'));
let failed = 0;
for (const notebook of notebooks) {
  const started = Date.now();
  const name = relative(root, notebook);
  // nbconvert exits non-zero when a cell fails; tslab writes the error's message to the cell's
  // stderr stream rather than to the reply, so the failing notebook is run once more with
  // --allow-errors to show what the cell printed.
  const nbconvert = (extra) =>
    spawnSync(
      'jupyter',
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        ...extra,
        '--ExecutePreprocessor.kernel_name=tslab',
        '--ExecutePreprocessor.timeout=300',
        '--output-dir',
        outDir,
        notebook,
      ],
      // The notebook's folder as cwd, so `@ds/*` resolve through the workspace's node_modules.
      { cwd: dirname(notebook), encoding: 'utf8', env: { ...process.env, JUPYTER_PATH: jupyterPath } },
    );
  const run = nbconvert([]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let problem = '';
  if (run.status !== 0) {
    const at = run.stderr.indexOf('CellExecutionError');
    problem = (at >= 0 ? run.stderr.slice(at) : run.stderr).slice(0, 3000);
    const again = nbconvert(['--allow-errors']);
    const executed = join(outDir, basename(notebook));
    if (again.status === 0 && existsSync(executed)) {
      const cells = JSON.parse(readFileSync(executed, 'utf8')).cells ?? [];
      const printed = cells
        .flatMap((cell) => cell.outputs ?? [])
        .filter((o) => o.output_type === 'stream' && o.name === 'stderr')
        .map((o) => join_(o.text))
        .join('\n');
      if (printed) problem += `\n--- what the cells wrote to stderr\n${printed.slice(0, 4000)}`;
    }
  }
  if (problem === '') {
    console.log(`notebook ok    ${name} (${seconds} s)`);
  } else {
    failed++;
    console.log(`notebook FAIL  ${name} (${seconds} s)\n${problem}`);
  }
}
rmSync(jupyterPath, { recursive: true, force: true });
rmSync(outDir, { recursive: true, force: true });
console.log(`${notebooks.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** nbformat stores text as a string or a list of lines. */
function join_(text) {
  return Array.isArray(text) ? text.join('') : String(text ?? '');
}

function fail(message) {
  console.error(`notebooks: ${message}`);
  process.exit(1);
}
