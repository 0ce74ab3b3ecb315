// @ds/sample-size/notebook: results shown in Jupyter (Deno's kernel and tslab) with one call.
// The main entry stays free of it; see `src/notebook/display.ts` for the convention.

export type { Display, MimeBundle } from './notebook/display.js';
export { type BoundaryDesign, type ChartViewOptions, showBoundaries, showCurve } from './notebook/views.js';
