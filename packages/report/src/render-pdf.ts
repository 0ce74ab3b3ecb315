// The PDF entry points: `renderPdf`, `createRenderer` (its `pdf` and `pdfTo`) and, for tests,
// `renderLayout`: each renders the template and hands the HTML to `htmlToPdf`. The rest of the PDF
// pipeline lives in `render/`: the options and their checks (`options.ts`), what a renderer keeps
// of them (`prepare.ts`: fonts, page geometry, header and footer), the HTML-to-PDF pass
// (`html-to-pdf.ts`), its stylesheet cache (`stylesheets.ts`), the writing of each page
// (`pages.ts`), the margins (`margin-boxes.ts`) and the document information (`metadata.ts`).
// This module re-exports what other modules import from it.

import type nunjucks from 'nunjucks';
import { isPlainObject } from './check.js';
import { describeValue, ReportError } from './errors.js';
import { type HtmlToPdfExtras, htmlToPdf, type RenderedPdf } from './render/html-to-pdf.js';
import { type RenderPdfOptions, withCheckedCallbacks } from './render/options.js';
import { type Prepared, prepare } from './render/prepare.js';
import { compileTemplate, createEnvironment, renderWith, templateName } from './render-html.js';
import type { RowStream } from './stream-rows.js';

export { type HtmlToPdfExtras, htmlToPdf, type RenderedPdf } from './render/html-to-pdf.js';
export { PAGE_SIZES, type PageOptions, type PdfMetadata, type RenderPdfOptions } from './render/options.js';

/** The template environment of a set of options: their templates, strictness, locale and filters. */
function environmentOf(options: RenderPdfOptions): nunjucks.Environment {
  return createEnvironment(options.templates ?? {}, options.strict ?? false, options.locale, options);
}

/**
 * Renders a nunjucks template to a PDF: the HTML subset it produces is laid out on pages (Unicode
 * line breaking, tables that size columns from content and repeat header rows, an outline from the
 * headings) and written with the given fonts, subset.
 *
 * @param template - the template source; only trusted templates (templates are code)
 * @param data - the variables; data is escaped, never executed
 * @throws {ReportError} `missing-glyph` listing every character no font has and where;
 *   `template-syntax`, `undefined-variable`, `invalid-font`, `invalid-image`, `out-of-range`
 *
 * @example
 * import { renderPdf } from '@ds/report';
 * import { dejaVuFonts } from '@ds/report/node';
 * const pdf = await renderPdf('<h1>{{ title }}</h1>', { title: 'Rates' }, { fonts: dejaVuFonts(), deterministic: true });
 * new TextDecoder().decode(pdf.subarray(0, 5)); // => '%PDF-'
 */
export async function renderPdf(template: string, data: Record<string, unknown>, given: RenderPdfOptions): Promise<Uint8Array> {
  if (typeof template !== 'string') throw new ReportError('invalid-type', 'template', template, 'a string (a template source)');
  const options = withCheckedCallbacks(given);
  const name = templateName(options.name);
  const env = environmentOf(options);
  const prepared = prepare(options, env);
  return (await templateToPdf(env, template, data ?? {}, name, prepared, options)).bytes;
}

/** Options of `createRenderer`: `renderPdf`'s, with the templates compiled once. */
export type RendererOptions = Omit<RenderPdfOptions, 'name'> & { templates: Record<string, string> };

/** A renderer for a batch: the same templates and fonts, many reports. */
export interface Renderer {
  /** The HTML of template `name` with `data`. */
  html(name: string, data: Record<string, unknown>): string;
  /** The PDF of template `name` with `data`. */
  pdf(name: string, data: Record<string, unknown>): Promise<Uint8Array>;
  /**
   * The PDF of template `name` with `data`, handed to `write` in pieces (blocks of up to 64 KB,
   * each a copy of its own) as pages are finished, rather than returned whole; resolves to the
   * number of bytes. With a `{% streamrows %}` block fed by a generator, memory then stays flat
   * however long the table. `write` sees every piece of a complete file or, if rendering fails,
   * pieces of an incomplete one: write to a temporary file and rename it at the end (as
   * `writeReports` in `@ds/report/node` does).
   */
  pdfTo(name: string, data: Record<string, unknown>, write: (bytes: Uint8Array) => void): Promise<number>;
}

/**
 * Compiles the templates and parses the fonts once, for rendering many reports.
 *
 * @example
 * import { createRenderer } from '@ds/report';
 * import { dejaVuFonts } from '@ds/report/node';
 * const renderer = createRenderer({ templates: { 'rate.html': '<p>{{ rate | percent(1) }}</p>' }, fonts: dejaVuFonts() });
 * renderer.html('rate.html', { rate: 0.05 }); // => '<p>5.0%</p>'
 * (await renderer.pdf('rate.html', { rate: 0.05 })).length > 1000; // => true
 * // The same PDF in pieces, as a file is written, rather than whole:
 * const pieces: Uint8Array[] = [];
 * const size = await renderer.pdfTo('rate.html', { rate: 0.05 }, (bytes) => pieces.push(bytes));
 * size === pieces.reduce((n, bytes) => n + bytes.length, 0); // => true
 */
export function createRenderer(given: RendererOptions): Renderer {
  const options = withCheckedCallbacks(given);
  if (!isPlainObject(options.templates)) {
    throw new ReportError('invalid-type', 'templates', options.templates, 'an object of template sources by name');
  }
  const env = environmentOf(options);
  const compiled = new Map<string, nunjucks.Template>();
  for (const [name, source] of Object.entries(options.templates)) compiled.set(name, compileTemplate(env, source, name));
  const prepared = prepare(options, env);
  const get = (name: string) => {
    const t = typeof name === 'string' ? compiled.get(name) : undefined;
    if (!t) {
      const known = [...compiled.keys()];
      const shown = `${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`;
      if (typeof name !== 'string') throw new ReportError('invalid-type', 'name', name, `the name of a template: ${shown}`);
      throw new ReportError(
        'template-not-found',
        'name',
        name,
        `one of: ${shown}`,
        `template not found: ${describeValue(name)} (the templates are: ${shown})`,
      );
    }
    return t;
  };
  return {
    html: (name, data) => renderWith(env, get(name), data ?? {}, name),
    pdf: async (name, data) => {
      return (await templateToPdf(env, get(name), data ?? {}, name, prepared, options)).bytes;
    },
    pdfTo: async (name, data, write) => {
      if (typeof write !== 'function') throw new ReportError('invalid-type', 'write', typeof write, 'a function taking bytes');
      let n = 0;
      await templateToPdf(env, get(name), data ?? {}, name, prepared, options, {
        sink: (bytes) => {
          n += bytes.length;
          write(bytes);
        },
      });
      return n;
    },
  };
}

/** Renders a template and lays its HTML out as a PDF, its `{% streamrows %}` blocks pulled during layout. */
async function templateToPdf(
  env: nunjucks.Environment,
  template: string | nunjucks.Template,
  data: Record<string, unknown>,
  name: string,
  prepared: Prepared,
  options: RenderPdfOptions,
  extras: Omit<HtmlToPdfExtras, 'streams'> = {},
): Promise<RenderedPdf> {
  const streams: RowStream[] = [];
  const html = renderWith(env, template, data, name, streams);
  try {
    return await htmlToPdf(html, data, prepared, options, { ...extras, streams });
  } catch (error) {
    // The one error no check before layout can rule out: CSS nested thousands deep (`:not(` or
    // `calc(` inside each other) runs the parsers past the stack. HTML nesting is bounded (512).
    if (error instanceof RangeError && !(error instanceof ReportError) && /Maximum call stack/.test(error.message))
      throw new ReportError(
        'too-large',
        'template',
        name,
        'HTML and CSS nested at most a few hundred deep',
        `${name}: the document nests too deeply to lay out (a selector or value with functions inside each other thousands of times)`,
        { cause: error },
      );
    throw error;
  }
}

/**
 * Renders like `renderPdf` and keeps every page's layout (boxes and draws), for tests that check
 * where things went (`test/boxes.ts`). Not part of the public entry point.
 */
export async function renderLayout(
  template: string,
  data: Record<string, unknown>,
  options: RenderPdfOptions,
  streamTablesAfter?: number,
): Promise<RenderedPdf> {
  const env = environmentOf(options);
  const prepared = prepare(options, env);
  const rendered = await templateToPdf(env, template, data, options.name ?? '(template)', prepared, options, {
    keepPages: true,
    ...(streamTablesAfter !== undefined ? { streamTablesAfter } : {}),
  });
  return rendered;
}
