import nunjucks from 'nunjucks';
import { ReportError } from './errors.js';
import { formatFilters } from './filters.js';
import { collectRowStreams, type RowStream, StreamRowsExtension, takeThrown } from './stream-rows.js';

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
}

/**
 * Renders a nunjucks (Jinja2) template to HTML with autoescape on, so markup in the data stays
 * text. Templates are code: render only templates you trust; data never executes.
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
 */
export function renderHtml(template: string, data: Record<string, unknown> = {}, options: RenderHtmlOptions = {}): string {
  if (typeof template !== 'string') throw new ReportError('invalid-type', 'template', typeof template, 'a string');
  const name = options.name ?? '(template)';
  const env = createEnvironment(options.templates ?? {}, options.strict ?? false, options.locale);
  return renderWith(env, template, data, name);
}

const sources = new WeakMap<nunjucks.Template, string>();

/**
 * Renders a template source in an environment, turning nunjucks errors into typed ones. With
 * `streams`, the `{% streamrows %}` blocks are collected there for the PDF layout to pull.
 */
export function renderWith(
  env: nunjucks.Environment,
  template: string | nunjucks.Template,
  data: Record<string, unknown>,
  name: string,
  streams?: RowStream[],
): string {
  if (data === null || typeof data !== 'object')
    throw new ReportError('invalid-type', 'data', data, 'an object of template variables');
  const source = typeof template === 'string' ? template : sources.get(template);
  const render = () => (typeof template === 'string' ? env.renderString(template, data) : template.render(data));
  try {
    if (streams === undefined) return render();
    return collectRowStreams(streams, (error) => toReportError(error, name, source), render);
  } catch (error) {
    throw takeThrown() ?? toReportError(error, name, source);
  }
}

/** Compiles a template once, for a batch; syntax errors name the template, line and column. */
export function compileTemplate(env: nunjucks.Environment, source: string, name: string): nunjucks.Template {
  if (typeof source !== 'string') throw new ReportError('invalid-type', `templates.${name}`, typeof source, 'a string');
  try {
    const compiled = new nunjucks.Template(source, env, name, true);
    sources.set(compiled, source);
    return compiled;
  } catch (error) {
    throw takeThrown() ?? toReportError(error, name, source);
  }
}

/** A nunjucks environment whose loader reads only the given object of strings. */
export function createEnvironment(templates: Record<string, string>, strict: boolean, locale = 'en-US'): nunjucks.Environment {
  const loader = {
    getSource(name: string) {
      if (!Object.hasOwn(templates, name)) {
        throw new ReportError(
          'template-not-found',
          'templates',
          name,
          `one of: ${Object.keys(templates).join(', ') || '(none given)'}`,
          `template not found: ${name}`,
        );
      }
      return { src: templates[name] as string, path: name, noCache: false };
    },
  };
  const env = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: true, throwOnUndefined: strict });
  env.addExtension('streamrows', new StreamRowsExtension());
  for (const [name, filter] of Object.entries(formatFilters(locale)))
    env.addFilter(name, filter as (...args: unknown[]) => unknown);
  return env;
}

/** Turns a nunjucks error into a typed error naming the template, line and column. */
function toReportError(error: unknown, name: string, source?: string): ReportError {
  if (error instanceof ReportError) return error;
  const inner = findCause(error);
  if (inner) return inner;
  const message = error instanceof Error ? error.message : String(error);
  const where = /\[Line (\d+), Column (\d+)\]/.exec(message);
  const location = where ? `${name}:${where[1]}:${where[2]}` : name;
  const detail = message
    .replace(/^\([^)]*\)\s*(\[Line \d+, Column \d+\])?\s*/, '')
    .replace(/^(Template render error:\s*)?(\([^)]*\)\s*)?(\[Line \d+, Column \d+\])?\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (/attempted to output null or undefined value/.test(message)) {
    const variable = source && where ? outputAt(source, Number(where[1]), Number(where[2])) : undefined;
    const what = variable ? `undefined variable ${variable}` : 'undefined variable';
    return new ReportError(
      'undefined-variable',
      'data',
      variable ?? location,
      'every variable the template uses (strict mode)',
      `${location}: ${what} (strict mode)`,
    );
  }
  if (/filter needs/.test(message))
    return new ReportError('invalid-type', 'data', location, 'values the filters can format', `${location}: ${detail}`);
  return new ReportError('template-syntax', 'template', location, 'a valid template', `${location}: ${detail}`);
}

/** The `{{ expression }}` nearest the position nunjucks reports (its line numbers vary by node). */
function outputAt(source: string, line: number, column: number): string | undefined {
  const lines = source.split('\n');
  for (const index of [line - 1, line, line - 2]) {
    const text = lines[index];
    if (text === undefined) continue;
    let best: { d: number; expr: string } | undefined;
    for (const m of text.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)) {
      const d = Math.abs((m.index ?? 0) - column);
      const expr = (m[1] as string).split('|')[0]?.trim() ?? '';
      if (expr && (!best || d < best.d)) best = { d, expr };
    }
    if (best) return best.expr;
  }
  return undefined;
}

function findCause(error: unknown): ReportError | undefined {
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    if (e instanceof ReportError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
