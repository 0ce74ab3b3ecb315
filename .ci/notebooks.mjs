#!/usr/bin/env node
// Executes notebooks headless on tslab (TypeScript on Node) and on Deno's own kernel (`deno
// jupyter`), and fails on the first cell that throws, printing that cell's error.
//
//   node .ci/notebooks.mjs [--kernel tslab|deno|both] [--keep DIR] [docs/notebooks/x.ipynb ...]
//
// Default: every notebook in docs/notebooks, on both kernels. `--keep DIR` writes the executed
// notebooks (with their outputs) to DIR/<kernel>/<name>.ipynb, for the tests that assert the
// outputs' MIME types and for the docs site, which renders them.
//
// Both kernelspecs are written into a temporary JUPYTER_PATH (tslab's `tslab install` needs
// IPython; `deno jupyter --install` would write into the user's own Jupyter folder). tslab lives in
// docs/notebooks/node_modules (its own package.json: it bundles TypeScript 5.0 and a `tsc` that
// would shadow the workspace's). Deno is the workspace's `deno` devDependency: npm blocks its
// install script, so the binary is taken from its platform package as the package's own
// `install_api.cjs` does on first use. Notebooks import the built packages (`npm run build` first).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const notebooksDir = join(root, 'docs', 'notebooks');
const tslab = join(notebooksDir, 'node_modules', 'tslab', 'bin', 'tslab');
const kernels = ['tslab', 'deno'];

const args = process.argv.slice(2);
let chosen = kernels;
let keep = '';
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--kernel') {
    const k = args[++i];
    if (k !== 'both' && !kernels.includes(k)) fail(`--kernel must be tslab, deno or both, got ${JSON.stringify(k)}`);
    chosen = k === 'both' ? kernels : [k];
  } else if (args[i] === '--keep') {
    keep = resolve(args[++i] ?? fail('--keep needs a folder'));
  } else {
    files.push(resolve(args[i]));
  }
}

if (chosen.includes('tslab') && !existsSync(tslab)) {
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: notebooksDir, stdio: 'inherit' });
  if (install.status !== 0) fail('could not install tslab in docs/notebooks (npm ci)');
}
const version = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  fail('jupyter nbconvert not found: apt-get install jupyter-nbconvert python3-nbconvert jupyter-client python3-nbclient');
}

const jupyterPath = mkdtempSync(join(tmpdir(), 'ds-jupyter-'));
const spec = {
  tslab: () => ({
    argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (tslab)',
    language: 'typescript',
  }),
  deno: () => ({
    argv: [denoBinary(), 'jupyter', '--kernel', '--conn', '{connection_file}'],
    display_name: 'Deno',
    language: 'typescript',
    env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  }),
};
for (const kernel of chosen) {
  mkdirSync(join(jupyterPath, 'kernels', kernel), { recursive: true });
  writeFileSync(join(jupyterPath, 'kernels', kernel, 'kernel.json'), JSON.stringify(spec[kernel]()));
}

const notebooks =
  files.length > 0
    ? files
    : readdirSync(notebooksDir)
        .filter((f) => f.endsWith('.ipynb') && !f.startsWith('.'))
        .sort()
        .map((f) => join(notebooksDir, f));
if (notebooks.length === 0) fail('no notebooks found in docs/notebooks');

const scratch = mkdtempSync(join(tmpdir(), 'ds-notebooks-out-'));
let failed = 0;
const totals = Object.fromEntries(chosen.map((k) => [k, 0]));
const started = Date.now();
// The kernels run side by side (each its notebooks in turn): the wall time is the slower kernel's.
await Promise.all(
  chosen.map(async (kernel) => {
    const outDir = keep ? join(keep, kernel) : join(scratch, kernel);
    mkdirSync(outDir, { recursive: true });
    for (const notebook of notebooks) {
      const t0 = Date.now();
      const name = relative(root, notebook);
      let run = await nbconvert(notebook, kernel, outDir, []);
      // A cell that ends by showing something (`showMap(...)`, `await showPdf(...)`) must have shown
      // it. Deno's kernel now and then reports a cell idle before its display reaches Jupyter, and
      // nbclient then records the cell without outputs (seen in CI: the story's report frame and an
      // execute_result lost, the same notebook complete on the run before). Such a run is tried
      // again, at most twice; a display still missing after that fails the notebook.
      let missing = run.status === 0 ? missingDisplays(join(outDir, basename(notebook))) : [];
      for (let attempt = 1; run.status === 0 && missing.length > 0 && attempt <= 2; attempt++) {
        console.log(
          `notebook again ${kernel.padEnd(5)} ${name}: no display from cell(s) ${missing.join(', ')} (try ${attempt + 1})`,
        );
        run = await nbconvert(notebook, kernel, outDir, []);
        missing = run.status === 0 ? missingDisplays(join(outDir, basename(notebook))) : [];
      }
      const seconds = (Date.now() - t0) / 1000;
      totals[kernel] += seconds;
      if (run.status === 0 && missing.length === 0) {
        console.log(`notebook ok    ${kernel.padEnd(5)} ${name} (${seconds.toFixed(1)} s)`);
        continue;
      }
      if (run.status === 0) {
        failed++;
        console.log(`notebook FAIL  ${kernel.padEnd(5)} ${name}: cell(s) ${missing.join(', ')} showed nothing in three runs`);
        continue;
      }
      failed++;
      const at = run.stderr.indexOf('CellExecutionError');
      let problem = (at >= 0 ? run.stderr.slice(at) : run.stderr).slice(0, 3000);
      // tslab writes a cell's error to the cell's stderr stream rather than into the reply, so the
      // failing notebook runs once more with --allow-errors to show what the cells printed.
      const again = join(scratch, `again-${kernel}`);
      const rerun = await nbconvert(notebook, kernel, again, ['--allow-errors']);
      const executed = join(again, basename(notebook));
      if (rerun.status === 0 && existsSync(executed)) {
        const cells = JSON.parse(readFileSync(executed, 'utf8')).cells ?? [];
        const printed = cells
          .flatMap((cell) => cell.outputs ?? [])
          .flatMap((o) =>
            o.output_type === 'stream' && o.name === 'stderr'
              ? [text(o.text)]
              : o.output_type === 'error'
                ? [`${o.ename}: ${o.evalue}`]
                : [],
          )
          .join('\n');
        if (printed) problem += `\n--- what the cells wrote to stderr\n${printed.slice(0, 4000)}`;
      }
      console.log(`notebook FAIL  ${kernel.padEnd(5)} ${name} (${seconds.toFixed(1)} s)\n${problem}`);
    }
  }),
);
rmSync(jupyterPath, { recursive: true, force: true });
rmSync(scratch, { recursive: true, force: true });
for (const kernel of chosen) console.log(`${kernel}: ${notebooks.length} notebooks in ${totals[kernel].toFixed(1)} s`);
console.log(`wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${notebooks.length * chosen.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** Code cells (counted from 1) whose last line shows something but that have no rich output. */
function missingDisplays(executed) {
  if (!existsSync(executed)) return [];
  const cells = JSON.parse(readFileSync(executed, 'utf8')).cells ?? [];
  const missing = [];
  let n = 0;
  for (const cell of cells) {
    if (cell.cell_type !== 'code') continue;
    n++;
    const lines = text(cell.source)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('//'));
    if (!/^(await\s+)?show[A-Z]\w*\(/.test(lines.at(-1) ?? '')) continue;
    const rich = (cell.outputs ?? []).some((o) => Object.keys(o.data ?? {}).some((mime) => mime !== 'text/plain'));
    if (!rich) missing.push(n);
  }
  return missing;
}

function nbconvert(notebook, kernel, outDir, extra) {
  return new Promise((done) => {
    const child = spawn(
      'jupyter',
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        ...extra,
        `--ExecutePreprocessor.kernel_name=${kernel}`,
        '--ExecutePreprocessor.timeout=300',
        '--output-dir',
        outDir,
        notebook,
      ],
      // The notebook's folder as cwd, so `@ds/*` resolve through the workspace's node_modules (Deno
      // reads the same node_modules, as a package.json sits beside the notebooks).
      { cwd: dirname(notebook), env: { ...process.env, JUPYTER_PATH: jupyterPath }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) => done({ status, stderr }));
  });
}

/** The Deno executable of the `deno` devDependency (npm skipped its postinstall). */
function denoBinary() {
  const require = createRequire(join(root, 'package.json'));
  try {
    return require('deno/install_api.cjs').runInstall();
  } catch (error) {
    fail(`no deno binary (is the \`deno\` devDependency installed? npm ci): ${error.message}`);
  }
}

/** nbformat stores text as a string or a list of lines. */
function text(value) {
  return Array.isArray(value) ? value.join('') : String(value ?? '');
}

function fail(message) {
  console.error(`notebooks: ${message}`);
  process.exit(1);
}
