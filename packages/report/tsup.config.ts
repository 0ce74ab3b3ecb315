import { defineConfig } from 'tsup';

// ESM + CJS with .d.ts/.d.cts; one entry per public subpath of package.json's exports.
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', notebook: 'src/notebook.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // import.meta.url in the CJS build of @ds/report/node (it locates the DejaVu fonts).
  shims: true,
});
