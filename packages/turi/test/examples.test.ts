// Runs every @example of the package's doc comments and checks each `// =>` line, the way the
// repository's docs test does, so an example cannot rot between docs runs.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it, vi } from 'vitest';

// PGlite and DuckDB start in a second or two, more on a busy machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

import * as crawlModule from '../src/crawl.js';
import * as turiModule from '../src/index.js';
import * as sourcesModule from '../src/sources.js';
import { check } from './helpers/check.js';

const srcDir = new URL('../src/', import.meta.url);
const modules: Record<string, unknown> = {
  '@ds/turi': turiModule,
  '@ds/turi/sources': sourcesModule,
  '@ds/turi/crawl': crawlModule,
};

function sourceFiles(dir: URL): URL[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(new URL(`${entry.name}/`, dir))
      : entry.name.endsWith('.ts')
        ? [new URL(entry.name, dir)]
        : [],
  );
}

function examples(text: string): string[] {
  const out: string[] = [];
  for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = comment.split('\n').map((l) => l.replace(/^\s*\*\s?/, '').replace(/^\/\*\*\s?/, ''));
    const start = lines.findIndex((l) => l.startsWith('@example'));
    if (start < 0) continue;
    const body: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line.startsWith('@') || line.trim() === '/') break;
      body.push(line);
    }
    out.push(body.join('\n'));
  }
  return out;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...a: unknown[]) => Promise<void>;

for (const file of sourceFiles(srcDir)) {
  const blocks = examples(readFileSync(file, 'utf8'));
  if (blocks.length === 0) continue;
  describe(`@example in ${file.pathname.split('/src/')[1]}`, () => {
    blocks.forEach((block, b) => {
      if (!block.includes("from '@ds/turi")) return;
      it(`example ${b + 1} gives what it says`, async () => {
        const code = block
          .split('\n')
          .map((line) => {
            const imported = line.match(/^import \{([^}]+)\} from '([^']+)';$/);
            if (imported) return `const {${imported[1]}} = __modules['${imported[2]}'];`;
            const arrow = line.match(/^(.*?);?\s*\/\/ => (.*)$/);
            if (arrow) return `__check((${arrow[1]}), (${arrow[2]}), ${JSON.stringify(arrow[2])});`;
            return line;
          })
          .join('\n');
        await new AsyncFunction('__modules', '__check', code)(modules, check);
      });
    });
  });
}
