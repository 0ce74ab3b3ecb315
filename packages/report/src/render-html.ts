import { checkOptions, checkString } from './check.js';
import { ReportError } from './errors.js';
import { createEnvironment, renderWith, type TemplateSyntax } from './template/environment.js';

export { compileTemplate, createEnvironment, renderWith } from './template/environment.js';

export interface RenderHtmlOptions {
  /**
   * Templates that `template` may extend, include or import, by name. Only these are reachable:
   * nothing is read from disk (use `@ds/report/node` for a folder). Default `{}`.
   */
  templates?: Record<string, string>;
  /** Throw on an undefined variable instead of printing nothing (Jinja2's `StrictUndefined`). Default `false`. */
  strict?: boolean;
  /** Name used for `template` in error messages. Default `'(template)'`. */
  name?: string;
  /** Locale of the `number`, `currency`, `percent` and `date` filters (BCP 47). Default `'en-US'`. */
  locale?: string;
  /**
   * `'jinja2'` (default): templates render as Python's Jinja2 3.1 renders them (its filters, tests
   * and globals, Python printing and truthiness, str methods, `%` and `format`).
   * `'nunjucks'`: nunjucks' own semantics, as before Jinja2 compatibility.
   */
  syntax?: TemplateSyntax;
  /** Called once per template with each construct that renders differently from Jinja2. Default: none. */
  onWarning?: (message: string) => void;
}

/**
 * Renders a Jinja2 template to HTML as Python's Jinja2 renders it, with autoescape on, so markup in
 * the data stays text. Templates are code: render only templates you trust; data never executes.
 *
 * @param template - the template source
 * @param data - the variables the template sees
 * @throws {ReportError} `template-syntax` naming the template, line and column;
 *   `undefined-variable` in strict mode; `template-not-found` for an include that is not in `templates`
 *
 * @example
 * import { renderHtml } from '@ds/report';
 * renderHtml('<h1>{{ title }}</h1>', { title: 'Rates & growth' }); // => '<h1>Rates &amp; growth</h1>'
 * renderHtml('<p>{{ x }}</p>', { x: '<script>' }); // => '<p>&lt;script&gt;</p>'
 * renderHtml('{{ "{:,.2f}".format(total) }} {{ rates[-1] }} {{ 194 / 2 }}', { total: 1234.5, rates: [4.1, 4.25] }); // => '1,234.50 4.25 97.0'
 */
export function renderHtml(template: string, data: Record<string, unknown> = {}, options: RenderHtmlOptions = {}): string {
  if (typeof template !== 'string') throw new ReportError('invalid-type', 'template', template, 'a string (a template source)');
  const o = checkOptions<RenderHtmlOptions>('options', options);
  const name = templateName(o.name);
  const env = createEnvironment(o.templates ?? {}, o.strict ?? false, o.locale, o);
  return renderWith(env, template, data ?? {}, name);
}

/** The name a template is called in messages: a short string. */
export function templateName(name: unknown): string {
  return name === undefined ? '(template)' : checkString('name', name, false, 1_000);
}
