// @ds/report/notebook: a report's pages and HTML shown in Jupyter (Deno's kernel and tslab) with
// one call. The main entry stays free of it; see `src/notebook/display.ts` for the convention.

export type { Display, MimeBundle } from './notebook/display.js';
export { type ShowPdfOptions, showHtml, showPdf } from './notebook/views.js';
