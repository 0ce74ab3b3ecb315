// Every notebook in docs/notebooks executes headless on the tslab kernel; a cell that throws
// fails the run (checked with a notebook made to fail).
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { must, root, sh } from '../lib/exec.js';

const dir = join(root, 'docs', 'notebooks');
const failing = join(dir, `.failing-${process.pid}.ipynb`);

function notebook(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 4,
  });
}

afterAll(() => rmSync(failing, { force: true }));

describe('notebooks', () => {
  const notebooks = readdirSync(dir).filter((f) => f.endsWith('.ipynb') && !f.startsWith('.'));

  it('there is one per package', () => {
    expect(notebooks.sort()).toEqual(['geo.ipynb', 'report.ipynb', 'sample-size.ipynb', 'testkit.ipynb', 'turi.ipynb']);
  });

  for (const name of notebooks) {
    it(`${name} executes on the tslab kernel`, async () => {
      const out = await must('node', [join(root, '.ci', 'notebooks.mjs'), join(dir, name)]);
      expect(out).toContain('1 passed, 0 failed');
    });
  }

  it('a cell that throws fails the run', async () => {
    writeFileSync(failing, notebook(["import { cohensH } from '@ds/sample-size';\ncohensH(0.5, 0.5)", 'cohensH(2, 0.5)']));
    const r = await sh('node', [join(root, '.ci', 'notebooks.mjs'), failing]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('p1 must be in [0, 1], got 2');
  });
});
