import { fileURLToPath } from 'node:url';
import type { TestProjectConfiguration } from 'vitest/config';

/**
 * The one list of test projects. `vitest.config.ts` reads it (Vitest 4 takes projects from the
 * root config). Package tests import `@ds/*` from source, so they run without a build; the
 * packaging and integration projects test the built and packed packages.
 */
const packages = ['sample-size', 'turi', 'report', 'geo', 'testkit'] as const;

// Absolute roots, so the projects are the same whichever folder Vitest is started from.
const root = fileURLToPath(new URL('./', import.meta.url));

// `@ds/x` → packages/x/src/index.ts and `@ds/x/sub` → packages/x/src/sub.ts (each subpath export
// has its entry file of the same name).
const fromSource = packages.flatMap((name) => {
  const src = fileURLToPath(new URL(`./packages/${name}/src/`, import.meta.url));
  return [
    { find: new RegExp(`^@ds/${name}$`), replacement: `${src}index.ts` },
    { find: new RegExp(`^@ds/${name}/(?!package\\.json$)(.+)$`), replacement: `${src}$1.ts` },
  ];
});

export const projects: TestProjectConfiguration[] = [
  ...packages.map((name) => ({
    resolve: { alias: fromSource },
    test: {
      name,
      root: `${root}packages/${name}`,
      include: ['test/**/*.test.ts'],
      exclude: ['test/**/*.system.test.ts', '**/node_modules/**'],
      benchmark: { include: ['bench/**/*.bench.ts'] },
    },
  })),
  {
    // Doc comments' @example blocks and the guides' code blocks, executed.
    resolve: { alias: fromSource },
    test: { name: 'docs', root, include: ['docs/test/**/*.test.ts'] },
  },
  {
    // publint and attw on every package: fast, part of `npm test`.
    test: {
      name: 'packaging',
      root,
      include: ['.ci/tests/packaging.test.ts', '.ci/tests/manifests.test.ts'],
      testTimeout: 120_000,
    },
  },
  {
    // Tests that need what `.ci/run` installs: Chromium, a PostgreSQL server, qpdf, poppler (the
    // packages', and the docs site's in .ci/tests).
    resolve: { alias: fromSource },
    test: {
      name: 'system',
      root,
      include: ['packages/*/test/**/*.system.test.ts', '.ci/tests/*.system.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  },
  {
    // Slow tests of the built packages: consumer installs, notebooks, the local registry.
    // `.ci/run` runs them after the unit suite.
    test: {
      name: 'integration',
      root,
      include: ['.ci/tests/*.integration.test.ts'],
      testTimeout: 600_000,
      hookTimeout: 600_000,
      fileParallelism: false,
    },
  },
];
