// @ds/report/node: what needs the file system. The renderers themselves are in @ds/report.

// Templates from a folder; batches to a folder
export { type ReportJob, readTemplates, type WriteReportsOptions, type WriteReportsResult, writeReports } from './node/files.js';
// Fonts shipped with the package
// The system's fonts, for @font-face local() names
export { dejaVuFonts, type SystemFontsOptions, systemFonts } from './node/fonts.js';
