// @ds/report: reports from templates. Pure functions; file-system helpers live in @ds/report/node.

// Errors
export { ReportError, type ReportErrorCode } from './errors.js';
// Templates to HTML
export { type RenderHtmlOptions, renderHtml } from './render-html.js';
