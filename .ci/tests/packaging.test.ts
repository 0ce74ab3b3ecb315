// publint --strict and arethetypeswrong on every package, as a user's tools would see them.
// Needs the packages built (`npm test` builds first).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, packages, root, sh } from '../lib/exec.js';

/** Exit code and everything printed, for the failure message. */
async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  const r = await sh(command, args);
  return { code: r.code, output: r.stdout + r.stderr };
}

describe.each(packages)('@ds/%s as published', (name) => {
  const dir = join(root, 'packages', name);

  it('is built', () => {
    expect(existsSync(join(dir, 'dist', 'index.js')), 'run `npm run build` first').toBe(true);
  });

  it('passes publint --strict', async () => {
    const { code, output } = await exitOf(bin('publint'), ['run', dir, '--strict']);
    expect(code, output).toBe(0);
    expect(output).toContain('All good!');
  });

  // A subpath without a `require` condition is ESM only on purpose (`@ds/testkit/vitest`: Vitest
  // cannot be required); it is checked with attw's esm-only profile, everything else strictly.
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const esmOnly = Object.entries(manifest.exports)
    .filter(([, value]) => typeof value === 'object' && value !== null && !('require' in value))
    .map(([key]) => key);

  it('passes arethetypeswrong on its packed tarball', async () => {
    const exclude = esmOnly.length > 0 ? ['--exclude-entrypoints', ...esmOnly] : [];
    const { code, output } = await exitOf(bin('attw'), ['--pack', dir, '--format', 'ascii', ...exclude]);
    expect(code, output).toBe(0);
    expect(output).toContain('No problems found');
  });

  if (esmOnly.length > 0) {
    it(`passes arethetypeswrong as ESM only on ${esmOnly.join(', ')}`, async () => {
      const args = ['--pack', dir, '--format', 'ascii', '--profile', 'esm-only', '--entrypoints', ...esmOnly];
      const { code, output } = await exitOf(bin('attw'), args);
      expect(code, output).toBe(0);
    });
  }
});
