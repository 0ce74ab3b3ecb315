// One shape for every package.json (Turf keeps its manifests consistent with a lint; so do we).
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packages, root } from '../lib/exec.js';

interface Conditions {
  import: { types: string; default: string };
  require: { types: string; default: string };
}

describe.each(packages)('packages/%s/package.json', (name) => {
  const dir = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const tsup = readFileSync(join(dir, 'tsup.config.ts'), 'utf8');

  it('names, licenses and publishes the package the same way as the others', () => {
    expect(manifest).toMatchObject({
      name: `@ds/${name}`,
      license: 'MIT',
      type: 'module',
      publishConfig: { access: 'public' },
      repository: { type: 'git', directory: `packages/${name}` },
      engines: { node: '>=20' },
    });
    // The main entry is pure; a subpath that registers something on import (testkit's matchers)
    // may be listed.
    if (manifest.sideEffects !== false) {
      expect(Array.isArray(manifest.sideEffects)).toBe(true);
      expect(manifest.sideEffects.filter((f: string) => /(^|\/)index\.(c?js|ts)$/.test(f))).toEqual([]);
    }
    expect(manifest.description.length).toBeGreaterThan(20);
    expect(manifest.files).toContain('dist');
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
  });

  it('exports every subpath as import/require with types first, and ./package.json', () => {
    expect(manifest.exports['./package.json']).toBe('./package.json');
    for (const [subpath, value] of Object.entries(manifest.exports)) {
      if (subpath === './package.json') continue;
      const base = subpath === '.' ? 'index' : subpath.slice(2);
      const conditions = value as Conditions;
      // ESM only is allowed for a subpath whose peer is ESM only (`@ds/testkit/vitest`, as Vitest
      // cannot be required), never for the main entry.
      const esmOnly = !('require' in conditions);
      expect(subpath === '.' && esmOnly).toBe(false);
      expect(Object.keys(conditions)).toEqual(esmOnly ? ['import'] : ['import', 'require']);
      expect(conditions.import).toEqual({ types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` });
      if (!esmOnly) expect(conditions.require).toEqual({ types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` });
      expect(Object.keys(conditions.import)[0]).toBe('types');
      expect(existsSync(join(dir, 'src', `${base}.ts`)), `src/${base}.ts is the entry of ${subpath}`).toBe(true);
      expect(tsup, `tsup.config.ts builds ${subpath}`).toMatch(new RegExp(`['"]?${base}['"]?\\s*:\\s*['"]src/${base}\\.ts['"]`));
    }
  });

  it("maps every subpath in typesVersions for TypeScript's node10 resolution (node .ci/sync-manifests.mjs)", () => {
    const subpaths = Object.keys(manifest.exports).filter((key) => key !== '.' && key !== './package.json');
    const expected =
      subpaths.length === 0
        ? undefined
        : { '*': Object.fromEntries(subpaths.map((s) => [s.slice(2), [`./dist/${s.slice(2)}.d.ts`]])) };
    expect(manifest.typesVersions).toEqual(expected);
  });

  it('keeps the main entry free of Node built-ins so it runs in browsers and Deno', () => {
    // The built ESM bundle holds every file the entry reaches; its imports are what remains.
    const built = join(dir, 'dist', 'index.js');
    expect(existsSync(built), 'run `npm run build` first').toBe(true);
    const specifiers = [...readFileSync(built, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    const builtins = specifiers.filter((s) => s?.startsWith('node:') || builtinModules.includes(s ?? ''));
    expect(builtins).toEqual([]);
  });

  it('has a changeset-friendly version and no install scripts', () => {
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.scripts?.postinstall).toBeUndefined();
    expect(manifest.scripts?.install).toBeUndefined();
  });
});

// The notebook display convention is decided once: every package's `/notebook` subpath carries
// the same `src/notebook/display.ts` (packages do not import each other at run time).
describe('the notebook display convention', () => {
  const copies = packages.map((name) => readFileSync(join(root, 'packages', name, 'src', 'notebook', 'display.ts'), 'utf8'));

  it('is one file, the same in every package', () => {
    for (const [i, copy] of copies.entries()) expect(copy, `packages/${packages[i]}/src/notebook/display.ts`).toBe(copies[0]);
  });

  it('is a ./notebook subpath of every package', () => {
    for (const name of packages) {
      const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
      expect(Object.keys(manifest.exports), name).toContain('./notebook');
    }
  });
});
