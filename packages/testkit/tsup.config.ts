import { defineConfig } from 'tsup';

// ESM + CJS with .d.ts/.d.cts; one entry per public subpath of package.json's exports. The test
// runner and the heavy optional engines stay external: users bring their own vitest.
export default defineConfig({
  entry: { index: 'src/index.ts', vitest: 'src/vitest.ts', arbitraries: 'src/arbitraries.ts', notebook: 'src/notebook.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Shared chunks in CJS too, so every entry throws the one TestkitError class users catch.
  splitting: true,
  external: ['vitest', '@electric-sql/pglite', 'pdfjs-dist', 'pg', 'playwright-core', 'fast-check'],
});
