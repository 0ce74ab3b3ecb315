// @ds/turi/notebook: rankings shown in Jupyter (Deno's kernel and tslab) with one call. The main
// entry stays free of it; see `src/notebook/display.ts` for the convention.

export type { Display, MimeBundle } from './notebook/display.js';
export { type ShowRankingOptions, showRanking } from './notebook/views.js';
