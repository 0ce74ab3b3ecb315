// publint --strict and arethetypeswrong on every package, as a user's tools would see them.
// Needs the packages built (`npm test` builds first).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const packages = readdirSync(join(root, 'packages')).sort();
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
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
