// @ds/geo/notebook: maps and join checks shown in Jupyter (Deno's kernel and tslab) with one
// call. The main entry stays free of it; see `src/notebook/display.ts` for the convention.

export type { Display, MimeBundle } from './notebook/display.js';
export { showJoinCheck, showMap, showSvgMap } from './notebook/views.js';
