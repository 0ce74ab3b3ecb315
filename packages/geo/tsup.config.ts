import { defineConfig } from 'tsup';

// ESM + CJS with .d.ts/.d.cts; one entry per public subpath of package.json's exports.
// flatbush (with flatqueue) and d3-geo (with d3-array, internmap) ship only as ES modules: they are
// bundled so that the CJS build does not depend on Node's require(esm), absent before 20.19, and
// whose default export arrives as a namespace object.
export default defineConfig({
  entry: { index: 'src/index.ts', notebook: 'src/notebook.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  noExternal: ['flatbush', 'flatqueue', 'd3-geo', 'd3-array', 'internmap'],
});
