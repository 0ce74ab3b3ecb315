import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/testkit.md shows the example app and its test file; the copies there must be these files,
// so what the guide shows is what runs here (on PGlite, and on PostgreSQL in CI).
const root = new URL('../../../', import.meta.url);
const guide = readFileSync(new URL('docs/testkit.md', root), 'utf8');

function shownFile(path: string): string | undefined {
  const m = new RegExp(`<!-- file: ${path.replaceAll('.', '\\.')} -->\\n\`\`\`ts[^\\n]*\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(guide);
  return m?.[1];
}

describe('docs/testkit.md', () => {
  for (const path of ['packages/testkit/test/fixtures/names-app.ts', 'packages/testkit/test/names-app.test.ts']) {
    it(`shows ${path} as it is`, () => {
      expect(shownFile(path)).toBe(readFileSync(new URL(path, root), 'utf8').replace(/\n$/, ''));
    });
  }
});
