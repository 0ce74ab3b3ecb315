import { defineConfig } from 'tsup';

// ESM + CJS with .d.ts/.d.cts; one entry per public subpath of package.json's exports.
export default defineConfig({
  entry: { index: 'src/index.ts', notebook: 'src/notebook.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
