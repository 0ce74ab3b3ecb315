// The packed tarballs, installed into a fresh project, imported from Node ESM, Node CJS,
// TypeScript (nodenext, with TypeScript 5.9 and 5.0: tslab bundles 5.0.4) and Deno.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cjsScript, esmScript, expectedOutput, typescriptModule } from '../lib/consumer.js';
import { bin, must, sh } from '../lib/exec.js';
import { packAll } from '../lib/pack.js';

const project = mkdtempSync(join(tmpdir(), 'ds-consumer-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

beforeAll(async () => {
  const tarballs = await packAll(join(project, 'tarballs'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  await must(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      ...tarballs,
      'typescript@5.9.3',
      'typescript-5.0@npm:typescript@5.0.4',
      '@types/node@20',
    ],
    {
      cwd: project,
      timeout: 600_000,
    },
  );
  writeFileSync(join(project, 'esm.mjs'), esmScript());
  writeFileSync(join(project, 'cjs.cjs'), cjsScript());
  writeFileSync(join(project, 'consumer.mts'), typescriptModule('import'));
  writeFileSync(join(project, 'consumer.cts'), typescriptModule('require'));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        // Other packages' types (PGlite's) use WebAssembly, declared by the DOM library.
        lib: ['es2022', 'dom'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ['consumer.mts', 'consumer.cts'],
    }),
  );
}, 600_000);

describe('a fresh project that installs the packed packages', () => {
  it('imports every entry from Node ESM', async () => {
    const out = await must('node', ['esm.mjs'], { cwd: project });
    expect(out.trim()).toBe(expectedOutput);
  });

  it('requires every entry from Node CJS', async () => {
    const out = await must('node', ['cjs.cjs'], { cwd: project });
    expect(out.trim()).toBe(expectedOutput);
  });

  // Only our declarations and the consumer are judged: other packages' own types have errors of
  // their own under skipLibCheck: false (PGlite's refer to an Emscripten namespace it does not
  // depend on), which users see whatever they import PGlite through.
  const ours = (r: { code: number; stdout: string; stderr: string }) => {
    // tsc ran and either passed or reported type errors (not a crash or a missing compiler).
    expect(r.code === 0 || /error TS\d+/.test(r.stdout), r.stdout + r.stderr).toBe(true);
    return (r.stdout + r.stderr).split('\n').filter((line) => /^(node_modules\/@ds\/|consumer\.)/.test(line));
  };

  it('type-checks with TypeScript 5.9, moduleResolution nodenext, ESM and CJS files', async () => {
    const r = await sh('node', [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
      cwd: project,
    });
    expect(ours(r)).toEqual([]);
  });

  it('has declaration files that TypeScript 5.0 (tslab) compiles', async () => {
    const r = await sh('node', [join(project, 'node_modules', 'typescript-5.0', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
      cwd: project,
    });
    expect(ours(r)).toEqual([]);
  });

  it('imports every entry from Deno', async () => {
    const out = await must(
      bin('deno'),
      ['run', '--allow-read', '--allow-env', '--allow-sys', '--minimum-dependency-age=0', 'esm.mjs'],
      {
        cwd: project,
        env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      },
    );
    expect(out.trim()).toBe(expectedOutput);
  });
});
