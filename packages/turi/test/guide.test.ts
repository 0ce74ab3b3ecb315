// Runs docs/turi.md the way the repository's docs test does: its ```ts blocks, in order, as one
// module, checking every `// =>` line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 120_000 });

it('docs/turi.md runs and gives what it says', async () => {
  const guide = readFileSync(new URL('../../../docs/turi.md', import.meta.url), 'utf8');
  const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThan(5);
  const checkPath = fileURLToPath(new URL('./helpers/check.ts', import.meta.url));
  let checks = 0;
  const code = blocks
    .join('\n')
    .split('\n')
    .map((line, n) => {
      const arrow = line.match(/^(\s*)(.*?);?\s*\/\/ => (.*)$/);
      if (!arrow) return line;
      checks++;
      return `${arrow[1]}__check((${arrow[2]}), (${arrow[3]}), ${JSON.stringify(arrow[3])}, ${JSON.stringify(`guide line ${n + 1}: ${arrow[2]}`)});`;
    })
    .join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'turi-guide-'));
  try {
    const file = join(dir, 'guide.ts');
    writeFileSync(file, `import { check as __check } from '${checkPath}';\n${code}\nexport {};\n`);
    await import(/* @vite-ignore */ file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(checks).toBeGreaterThan(20);
});
