/**
 * Every runtime export of @ds/report, @ds/report/node and @ds/report/notebook, called with a valid
 * baseline and then with one field at a time broken (docs/contributing.md, "Fuzz tests"): a
 * ReportError naming the field, or a result whose documented invariants hold (an HTML string, a
 * chart's SVG with finite coordinates, a PDF that parses, finite ticks).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '@ds/testkit';
import { fuzzExport } from '@ds/testkit/arbitraries';
import { describeFuzz, type FuzzTable, type KnownGap } from '@ds/testkit/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import { createRenderer, ReportError, renderPdf } from '../src/index.js';
import * as node from '../src/node.js';
import { dejaVuFonts } from '../src/node.js';
import * as notebook from '../src/notebook.js';

/** One family of one face: parsing fonts is most of a small PDF's cost. */
const fonts = () => ({ 'DejaVu Sans': { regular: (dejaVuFonts()['DejaVu Sans'] as { regular: Uint8Array }).regular } });

/**
 * Longest a call that lays out and writes a PDF may take: about 10 ms on a quiet machine, but one
 * call went past 2 s with every suite running beside it on 2 cores. A hang is still caught.
 */
const PDF_CALL_MS = 5_000;

/** Every PDF a fuzzed call returned, parsed by pdf.js after the tables ran (the invariants are synchronous). */
const pdfs: Uint8Array[] = [];
/** A PDF's frame: header, trailer and the end marker; the whole file is parsed by pdf.js below. */
function pdfShaped(bytes: unknown): boolean {
  if (!(bytes instanceof Uint8Array) || bytes.length < 100) return false;
  const text = new TextDecoder('latin1');
  if (text.decode(bytes.subarray(0, 5)) !== '%PDF-' || !text.decode(bytes.subarray(-32)).includes('%%EOF')) return false;
  if (pdfs.length < 40) pdfs.push(bytes);
  return true;
}

/** An 8-pixel SVG image, handed out by the `loadImage` of the baseline. */
const dot = new TextEncoder().encode(
  '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="4"/></svg>',
);

const htmlString = (html: unknown) => typeof html === 'string' && !/\[object |undefined|NaN/.test(html);

/** A chart: one SVG element, every coordinate finite, no leaked `[object …]`, `undefined` or `NaN`. */
function chartSvg(svg: unknown): boolean {
  if (typeof svg !== 'string' || !svg.startsWith('<svg') || !svg.endsWith('</svg>')) return false;
  if (/NaN|Infinity|undefined|\[object /.test(svg.replace(/<text[^>]*>[^<]*<\/text>|<title>[^<]*<\/title>/g, ''))) return false;
  return [...svg.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"/g)].every((m) => Number.isFinite(Number(m[1])));
}

const series = () => [
  { name: 'a', values: [1, 4, 2] },
  { name: 'b', values: [2, 3, 5] },
];

const mainTable: FuzzTable = {
  PAGE_SIZES: { value: (v) => Object.values(v as object).every((s) => Array.isArray(s) && s.length === 2) },
  ReportError: {
    construct: true,
    params: ['code', 'argument', 'value', 'expected', 'message', 'options'],
    args: () => ['out-of-range', 'page.size', 'A7', "'A4' or 'Letter'"],
    invariant: (e) => e instanceof ReportError && e.message.length > 0,
  },
  niceTicks: {
    params: ['lo', 'hi', 'count'],
    args: () => [0, 97, 5],
    invariant: (ticks, args) => {
      const t = ticks as number[];
      const [lo, hi] = (args as number[]).map(Number) as [number, number];
      const slack = 1e-9 * Math.abs(hi - lo);
      return (
        Array.isArray(t) &&
        t.length >= 2 &&
        t.length <= 102 &&
        t.every((v, i) => Number.isFinite(v) && (i === 0 || v > (t[i - 1] as number))) &&
        (t[0] as number) <= Math.min(lo, hi) + slack &&
        (t[t.length - 1] as number) >= Math.max(lo, hi) - slack
      );
    },
  },
  lineChart: {
    params: ['options'],
    args: () => [{ x: [0, 1, 2], series: series(), width: 400, height: 200, title: 'T', format: (v: number) => `${v}` }],
    invariant: chartSvg,
  },
  barChart: {
    params: ['options'],
    args: () => [{ categories: ['x', 'y', 'z'], series: series(), colors: ['#0072B2', '#E69F00'], yLabel: 'y' }],
    invariant: chartSvg,
  },
  scatterChart: {
    params: ['options'],
    args: () => [
      {
        series: [
          { name: 'a', points: [[1, 2] as [number, number], [2, 3] as [number, number]] },
          { name: 'b', points: [[1, 1] as [number, number]] },
        ],
        xLabel: 'x',
      },
    ],
    invariant: chartSvg,
  },
  formatFilters: {
    params: ['locale'],
    args: () => ['de-DE'],
    invariant: (f) => typeof (f as { number?: unknown }).number === 'function',
  },
  renderHtml: {
    params: ['template', 'data', 'options'],
    args: () => [
      '{% extends "base.html" %}{% block b %}{{ x | number(1) }} {{ items | join(", ") }}{% endblock %}',
      { x: 1234.5, items: ['a', 'b'] },
      { templates: { 'base.html': '<p>{% block b %}{% endblock %}</p>' }, strict: true, name: 't', locale: 'en-GB' },
    ],
    invariant: htmlString,
    // Each call compiles two templates (a few ms); room for a machine busy with other suites.
    timeoutMs: 1_000,
    // Templates that would allocate without bound or nest past the stack.
    extra: () => [
      ['template', '{{ ([1] * 1000000000) | length }}'],
      ['template', "{{ 'x' * 100000000 }}"],
      ['template', '{{ [1, 2] | slice(1000000000) | list }}'],
      ['template', "{{ '%.1000000000f' % 1.5 }}"],
      ['template', "{{ '{:>1000000000}'.format(1) }}"],
      ['template', '{% for i in range(1000000000) %}{% endfor %}'],
      ['template', '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}'],
      ['template', `${'{% if true %}'.repeat(3_000)}x${'{% endif %}'.repeat(3_000)}`],
      ['template', `{{ ${'('.repeat(5_000)}1${')'.repeat(5_000)} }}`],
    ],
    // The range error names `range`, the slice error `|slice`: what in the template is refused.
    names: { template: ['range', '|slice'] },
  },
  checkTemplate: {
    params: ['source', 'options'],
    args: () => ['{{ x | round(2) }}{% for i in xs %}{{ loop.index }}{% endfor %}', { name: 't.html' }],
    invariant: (issues) => Array.isArray(issues),
    // Each call compiles a template (a few ms); room for a machine busy with other suites.
    timeoutMs: 1_000,
  },
  renderPdf: {
    params: ['template', 'data', 'options'],
    args: () => [
      '<h1>{{ title }}</h1><table><tr><td colspan="2">{{ n }}</td></tr></table><img src="dot.svg" width="8">',
      { title: 'Rates', n: 3 },
      {
        fonts: fonts(),
        loadImage: () => dot,
        deterministic: true,
        page: { size: 'A5', margin: 40 },
        footer: '{{ page }}/{{ pages }}',
        metadata: { title: 'R', keywords: ['a'] },
      },
    ],
    invariant: pdfShaped,
    // The fonts are valid bytes; breaking the font table's inner bytes is tried by hand below.
    skip: ['fonts.DejaVu Sans.regular'],
    // Left out: a 100,000-character title or value, valid but seconds of line breaking; and the
    // data fields beyond `data` itself and one value, which renderHtml's entry covers (each
    // accepted call here lays out and writes a PDF, about 10 ms: this keeps the entry near 1 s).
    filter: (path, label) =>
      !(path.startsWith('data') && label.startsWith('a 100,000')) &&
      !(path === 'data.n') &&
      !(/^(metadata\.|page\.)/.test(path) && /^'(0\.5|__proto__|constructor|toString)'$/.test(label)),
    // Without loadImage the image is not found: the error names where images come from.
    names: { loadImage: ['images'] },
    // Hostile documents: nesting past the stack, a span that would allocate gigabytes, callbacks
    // that return or throw the wrong thing.
    extra: () => [
      ['template', `${'<div>'.repeat(5_000)}x${'</div>'.repeat(5_000)}`],
      ['template', `<svg width="9" height="9">${'<g>'.repeat(5_000)}${'</g>'.repeat(5_000)}</svg>`],
      ['template', '<table><tr><td colspan="1000000000">x</td><td colspan="-3">y</td><td rowspan="1e9">z</td></tr></table>'],
      ['template', `<style>${':not('.repeat(5_000)}p${')'.repeat(5_000)} { color: red }</style><p>x</p>`],
      ['template', `<p style="width: ${'calc('.repeat(5_000)}1px${')'.repeat(5_000)}">x</p>`],
      ['loadImage', () => Promise.resolve('not bytes')],
      [
        'loadImage',
        () => {
          throw new TypeError('offline');
        },
      ],
      ['metadata.date', new Date(Number.NaN)],
      ['page.size', [10n, 5]],
    ],
    timeoutMs: PDF_CALL_MS,
    randomRuns: 12,
  },
  createRenderer: {
    params: ['options'],
    args: () => [{ templates: { 'a.html': '<p>{{ x }}</p>' }, fonts: fonts(), strict: true, page: { size: 'Letter' } }],
    invariant: (r) => {
      const renderer = r as { html?: unknown; pdf?: unknown; pdfTo?: unknown };
      return typeof renderer.html === 'function' && typeof renderer.pdf === 'function' && typeof renderer.pdfTo === 'function';
    },
    skip: ['fonts.DejaVu Sans.regular'],
    timeoutMs: 1_000,
    randomRuns: 20,
  },
};

let scratch: string;
const folder = () => {
  scratch ??= mkdtempSync(join(tmpdir(), 'report-fuzz-'));
  return scratch;
};
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A folder of templates, made once. */
const templatesDir = () => {
  const dir = join(folder(), 'templates');
  mkdirSync(join(dir, 'partials'), { recursive: true });
  writeFileSync(join(dir, 'a.html'), '<p>{% include "partials/b.html" %}</p>');
  writeFileSync(join(dir, 'partials', 'b.html'), '{{ x }}');
  return dir;
};

/** A folder holding a FIFO named `t.html` (where the system has mkfifo), and a regular template. */
const fifoDir = () => {
  const dir = join(folder(), 'fifo');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.html'), '<p>a</p>');
  if (!existsSync(join(dir, 't.html'))) spawnSync('mkfifo', [join(dir, 't.html')]);
  return dir;
};

let runs = 0;
const nodeTable: FuzzTable = {
  dejaVuFonts: { params: [], args: () => [], invariant: (f) => Object.keys(f as object).length === 3 },
  // Folders to index are read on the first lookup, not here: the call itself only checks.
  systemFonts: { params: ['options'], args: () => [{ dirs: [folder()] }], invariant: (f) => typeof f === 'function' },
  readTemplates: {
    params: ['dir'],
    args: () => [templatesDir()],
    // Each call reads a folder: room for a disk shared with other suites.
    timeoutMs: 1_000,
    // A FIFO named like a template (reading it would block for ever), a file, a missing folder.
    extra: () => [
      ['dir', fifoDir()],
      ['dir', join(templatesDir(), 'a.html')],
      ['dir', join(folder(), 'missing')],
      ['dir', 'a\0b'],
    ],
    invariant: (t) => Object.values(t as object).every((s) => typeof s === 'string'),
  },
  writeReports: {
    params: ['options'],
    args: () => [
      {
        renderer: createRenderer({ templates: { 'a.html': '<p>{{ x }}</p>' }, fonts: fonts() }),
        reports: [{ template: 'a.html', data: { x: 1 }, file: 'one' }],
        outDir: join(folder(), `out-${runs++}`),
        html: true,
        concurrency: 2,
        onProgress: () => undefined,
        signal: new AbortController().signal,
      },
    ],
    invariant: (r) => {
      const result = r as { files?: unknown; bytes?: unknown };
      return Array.isArray(result.files) && typeof result.bytes === 'number' && Number.isFinite(result.bytes);
    },
    // The renderer is a valid one; its own methods are fuzzed below.
    skip: ['renderer'],
    // A string for outDir is a folder to create (relative to the working directory): only the
    // strings that must be refused are tried ('' and the 100,000-character name), and a folder
    // inside the scratch folder by hand below.
    filter: (path, label) => !(path === 'outDir' && label.startsWith("'") && label !== "''") || label.includes('characters)'),
    // An output folder that is a file, a signal already aborted, a template the renderer lacks.
    extra: () => [
      ['outDir', join(templatesDir(), 'a.html')],
      ['outDir', join(folder(), 'made', 'deeper')],
      ['signal', AbortSignal.abort(new Error('stop'))],
      ['reports[0].template', 'missing.html'],
      ['reports[0].file', '../escape'],
    ],
    timeoutMs: PDF_CALL_MS,
    randomRuns: 20,
  },
};

let shown: Uint8Array | undefined;
/** A small PDF whose catalog points at object 2, with `objects` as its body. */
const brokenPdf = (objects: string) =>
  new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n${objects}trailer\n<< /Root 1 0 R /Size 3 >>\n%%EOF\n`,
  );
const notebookTable: FuzzTable = {
  showHtml: {
    params: ['html', 'options'],
    args: () => ['<h1>Q3</h1>', { height: 200 }],
    invariant: (d) => typeof (d as { bundle?: Record<string, unknown> }).bundle?.['text/html'] === 'string',
  },
  showPdf: {
    params: ['pdf', 'options'],
    args: () => [shown as Uint8Array, { page: 1, scale: 0.2 }],
    // Broken files: a page tree that refers to itself, no pages, three bytes.
    extra: () => [
      ['pdf', brokenPdf('2 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 >>\nendobj\n')],
      ['pdf', brokenPdf('')],
      ['pdf', new Uint8Array([1, 2, 3])],
    ],
    invariant: (d) => typeof (d as { bundle?: Record<string, unknown> }).bundle?.['image/png'] === 'string',
    timeoutMs: PDF_CALL_MS,
    randomRuns: 20,
  },
};

/** Failures in code another engineer is changing (see the issue); this list must shrink to zero. */
const knownGaps: KnownGap[] = [];

describe('a PDF for the notebook table', () => {
  it('renders', async () => {
    shown = await renderPdf('<p>x</p>', {}, { fonts: fonts(), page: { size: [200, 200], margin: 10 } });
  });
});
describeFuzz('@ds/report', main as Record<string, unknown>, mainTable, { errorClass: ReportError, knownGaps, timeout: 60_000 });
describeFuzz('@ds/report/node', node as Record<string, unknown>, nodeTable, {
  errorClass: ReportError,
  knownGaps,
  timeout: 60_000,
});
describeFuzz('@ds/report/notebook', notebook as Record<string, unknown>, notebookTable, {
  errorClass: ReportError,
  knownGaps,
  timeout: 60_000,
});

// The functions the exports return: a renderer's methods and the template filters.
describe('fuzz: what the exports return answers bad input with a typed error or a valid result', () => {
  const renderer = () => createRenderer({ templates: { 'a.html': '<p>{{ x }}</p>' }, fonts: fonts() });
  const filters = main.formatFilters('en-US');
  const cases: [string, () => unknown, Parameters<typeof fuzzExport>[1]][] = [
    [
      'renderer.html',
      () => renderer().html,
      { params: ['name', 'data'], args: () => ['a.html', { x: 1 }], invariant: htmlString },
    ],
    [
      'renderer.pdf',
      () => renderer().pdf,
      {
        params: ['name', 'data'],
        args: () => ['a.html', { x: 1 }],
        invariant: pdfShaped,
        timeoutMs: PDF_CALL_MS,
        randomRuns: 20,
      },
    ],
    [
      'renderer.pdfTo',
      () => renderer().pdfTo,
      {
        params: ['name', 'data', 'write'],
        args: () => ['a.html', { x: 1 }, () => undefined],
        invariant: (n) => typeof n === 'number' && n > 0,
        timeoutMs: PDF_CALL_MS,
        randomRuns: 20,
      },
    ],
    ['filters.number', () => filters.number, { params: ['value', 'digits'], args: () => [1234.5, 2], invariant: htmlString }],
    [
      'filters.currency',
      () => filters.currency,
      { params: ['value', 'currency', 'digits'], args: () => [1234.5, 'EUR', 2], invariant: htmlString },
    ],
    ['filters.percent', () => filters.percent, { params: ['value', 'digits'], args: () => [0.05, 1], invariant: htmlString }],
    [
      'filters.date',
      () => filters.date,
      { params: ['value', 'style'], args: () => ['2024-03-01', 'long'], invariant: htmlString },
    ],
  ];
  for (const [name, fn, fuzzCase] of cases) {
    it(name, async () => {
      const report = await fuzzExport(fn(), fuzzCase, { errorClass: ReportError });
      const file = process.env.FUZZ_REPORT;
      if (file)
        for (const f of report.failures)
          appendFileSync(file, `${JSON.stringify({ entry: 'returned', export: name, known: false, ...f })}\n`);
      console.log(
        `fuzz ${name}: ${report.calls} calls, ${report.typed} typed errors, ${report.accepted} accepted results, ${report.failures.length} failures`,
      );
      expect(report.failures, `${name}: calls answered outside the contract`).toEqual([]);
    }, 60_000);
  }
  it('every PDF the fuzzed calls returned parses with pdf.js', async () => {
    expect(pdfs.length).toBeGreaterThan(0);
    for (const pdf of pdfs) expect(typeof (await pdfText(pdf))).toBe('string');
  }, 30_000);
});
