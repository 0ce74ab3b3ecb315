// @ds/report/node: what needs the file system. The renderers themselves are in @ds/report.

// Templates from a folder; batches to a folder
export { type ReportJob, readTemplates, type WriteReportsOptions, type WriteReportsResult, writeReports } from './node/files.js';
// Fonts shipped with the package
export { dejaVuFonts } from './node/fonts.js';
