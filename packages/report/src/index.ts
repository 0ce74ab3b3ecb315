// @ds/report: reports from templates. Pure functions; file-system helpers live in @ds/report/node.

// Charts as SVG, for the HTML and (as vector graphics) the PDF
export {
  type BarChartOptions,
  barChart,
  type ChartOptions,
  type LineChartOptions,
  lineChart,
  niceTicks,
  type PointSeries,
  type ScatterChartOptions,
  scatterChart,
  type ValueSeries,
} from './charts.js';
// Errors
export { ReportError, type ReportErrorCode } from './errors.js';
// Templates to HTML
export { type RenderHtmlOptions, renderHtml } from './render-html.js';
// Templates to PDF
export {
  createRenderer,
  PAGE_SIZES,
  type PageOptions,
  type PdfMetadata,
  type Renderer,
  type RendererOptions,
  type RenderPdfOptions,
  renderPdf,
} from './render-pdf.js';
// Jinja2 templates: what will not render as Python's Jinja2 renders it, found before rendering
export { type CheckTemplateOptions, checkTemplate, type TemplateIssue } from './template/check.js';
export type { TemplateSyntax } from './template/environment.js';
export { formatFilters, type ReportFilters } from './template/filters/intl.js';
export type { FontFaces, FontFamilies } from './text/fonts.js';
