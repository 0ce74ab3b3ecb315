// Every notebook in docs/notebooks executes headless on tslab and on Deno's kernel, and the cells
// that should show a chart, a map, a table or an image produce that MIME type (a display_data on
// tslab, the cell's execute_result on Deno). A cell that throws fails the run on both kernels
// (checked with a notebook made to fail).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, root, sh } from '../lib/exec.js';

const dir = join(root, 'docs', 'notebooks');
const failing = join(dir, `.failing-${process.pid}.ipynb`);
const kept = mkdtempSync(join(tmpdir(), 'ds-notebooks-kept-'));
const kernels = ['tslab', 'deno'] as const;

/**
 * What each notebook must show, in order: the MIME type of each rich output (a chart is SVG, a
 * table or a Leaflet map HTML, a PDF page PNG). Both kernels send `text/plain` beside Deno's.
 */
const shows: Record<string, string[]> = {
  'geo.ipynb': ['text/html', 'image/svg+xml', 'text/html'],
  'report.ipynb': ['text/html', 'image/png'],
  'sample-size.ipynb': ['image/svg+xml', 'image/svg+xml'],
  'story.ipynb': ['image/svg+xml', 'image/svg+xml', 'image/svg+xml', 'text/html', 'text/html', 'image/png', 'text/html'],
  'testkit.ipynb': ['text/html', 'text/html'],
  'turi.ipynb': ['text/html'],
};

interface Output {
  output_type: string;
  data?: Record<string, string | string[]>;
}
interface Notebook {
  cells: { cell_type: string; source: string | string[]; outputs?: Output[] }[];
}

function notebook(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 4,
  });
}

/** The rich outputs, in order: each output's first MIME type other than text/plain. */
function richOutputs(nb: Notebook): { mime: string; data: string }[] {
  return nb.cells
    .flatMap((cell) => cell.outputs ?? [])
    .filter((o) => o.output_type === 'display_data' || o.output_type === 'execute_result')
    .flatMap((o) => {
      const mime = Object.keys(o.data ?? {}).find((m) => m !== 'text/plain');
      if (mime === undefined) return [];
      const data = o.data?.[mime] ?? '';
      return [{ mime, data: Array.isArray(data) ? data.join('') : data }];
    });
}

let run = '';
beforeAll(async () => {
  // One run of everything, as CI runs it: the timing is part of the test.
  // The shell's `times` adds the CPU time of the run (kernels, nbconvert) to what it printed.
  run = await must('bash', ['-c', `node .ci/notebooks.mjs --keep '${kept}' && times`], { timeout: 600_000 });
  console.log(run);
  // The executed notebooks stay for the docs site (`npm run docs` renders them with their outputs).
  cpSync(kept, join(root, 'out', 'notebooks'), { recursive: true });
}, 600_000);

afterAll(() => {
  rmSync(failing, { force: true });
  rmSync(kept, { recursive: true, force: true });
});

describe('notebooks', () => {
  const notebooks = readdirSync(dir).filter((f) => f.endsWith('.ipynb') && !f.startsWith('.'));

  it('there is one per package and the story', () => {
    expect(notebooks.sort()).toEqual(Object.keys(shows).sort());
  });

  it('all of them run on both kernels in under 3 minutes of CPU', () => {
    expect(run).toContain(`${notebooks.length * 2} passed, 0 failed`);
    // The budget is held on CPU time (user + system of every process the run started): on a
    // machine of its own with two cores, the two kernels side by side take no longer than that in
    // wall time, and on a shared, busy machine the wall time says little.
    const children = run.trim().split('\n').at(-1) ?? '';
    const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + 60 * Number(m[1]) + Number(m[2]), 0);
    console.log(`notebooks: ${/^wall time: ([\d.]+) s$/m.exec(run)?.[1]} s wall, ${cpu.toFixed(1)} s CPU`);
    expect(cpu).toBeGreaterThan(0);
    expect(cpu).toBeLessThan(180);
  });

  for (const kernel of kernels) {
    for (const name of notebooks) {
      it(`${name} shows ${shows[name]?.join(', ')} on ${kernel}`, async () => {
        let nb = JSON.parse(readFileSync(join(kept, kernel, name), 'utf8')) as Notebook;
        // Deno's kernel (2.x) can report a cell idle before its display messages have left, and
        // nbclient then drops them; on a loaded machine it happens to about one cell in twenty. A
        // notebook that lost an output is run again (twice at most) before it counts as failing.
        for (let retry = 0; kernel === 'deno' && retry < 2; retry++) {
          if (JSON.stringify(richOutputs(nb).map((o) => o.mime)) === JSON.stringify(shows[name])) break;
          const again = mkdtempSync(join(tmpdir(), 'ds-notebooks-again-'));
          await must('node', [join(root, '.ci', 'notebooks.mjs'), '--kernel', 'deno', '--keep', again, join(dir, name)]);
          nb = JSON.parse(readFileSync(join(again, 'deno', name), 'utf8')) as Notebook;
          rmSync(again, { recursive: true, force: true });
        }
        const outputs = richOutputs(nb);
        expect(outputs.map((o) => o.mime)).toEqual(shows[name]);
        for (const o of outputs) {
          if (o.mime === 'image/svg+xml') expect(o.data).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
          // PNG's signature, base64: \x89PNG\r\n\x1a\n
          if (o.mime === 'image/png') expect(o.data.startsWith('iVBORw0KGgo')).toBe(true);
          // Offline: a map or report page in an iframe fetches no script.
          if (o.mime === 'text/html') expect(o.data).not.toMatch(/<script src=/);
        }
        // No cell wrote to stderr (tslab prints compile errors there).
        const stderr = nb.cells
          .flatMap((c) => c.outputs ?? [])
          .filter((o) => o.output_type === 'stream' && (o as { name?: string }).name === 'stderr');
        expect(stderr).toEqual([]);
      });
    }
  }

  it('a cell that throws fails the run on both kernels, with its error', async () => {
    writeFileSync(failing, notebook(["import { cohensH } from '@ds/sample-size';\ncohensH(0.5, 0.5)", 'cohensH(2, 0.5)']));
    const r = await sh('node', [join(root, '.ci', 'notebooks.mjs'), failing]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('0 passed, 2 failed');
    expect(r.stdout.match(/p1 must be in \[0, 1\], got 2/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
