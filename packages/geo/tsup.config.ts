import { defineConfig } from 'tsup';

// ESM + CJS with .d.ts/.d.cts; one entry per public subpath of package.json's exports.
// flatbush (with flatqueue) and d3-geo (with d3-array, internmap) ship only as ES modules: they are
// bundled so that the CJS build does not depend on Node's require(esm), absent before 20.19, and
// whose default export arrives as a namespace object. The same holds for the Parquet and
// FlatGeobuf stacks (hyparquet, hyparquet-compressors with hysnappy and fzstd,
// flatgeobuf with flatbuffers and slice-source). hyparquet is taken through its browser entry
// (src/index.js) so the main bundle imports nothing from Node.
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', notebook: 'src/notebook.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  noExternal: [
    'flatbush',
    'flatqueue',
    'd3-geo',
    'd3-array',
    'internmap',
    /^hyparquet/,
    'hysnappy',
    'fzstd',
    /^flatgeobuf/,
    'flatbuffers',
    'slice-source',
    '@repeaterjs/repeater',
  ],
  esbuildOptions(options) {
    // hyparquet's "browser" export is the one without node:fs; everything here runs anywhere.
    options.conditions = ['browser', 'module', 'import'];
  },
});
