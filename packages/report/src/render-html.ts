import nunjucks from 'nunjucks';
import { ReportError } from './errors.js';

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
  const env = createEnvironment(options.templates ?? {}, options.strict ?? false);
  try {
    return env.renderString(template, data);
  } catch (error) {
    throw toReportError(error, name);
  }
}

/** A nunjucks environment whose loader reads only the given object of strings. */
export function createEnvironment(templates: Record<string, string>, strict: boolean): nunjucks.Environment {
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
  return new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: true, throwOnUndefined: strict });
}

/** Turns nunjucks' Template render error into a typed error with line and column. */
function toReportError(error: unknown, name: string): ReportError {
  if (error instanceof ReportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const inner = findCause(error);
  if (inner) return inner;
  const where = /\[Line (\d+), Column (\d+)\]/.exec(message);
  const location = where ? `${name}:${where[1]}:${where[2]}` : name;
  const undefinedVar =
    /attempted to output null or undefined value|undefined/i.test(message) && !/expected|unexpected|unknown block/i.test(message);
  const detail = message
    .replace(/^\(unknown path\)\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const code = undefinedVar ? 'undefined-variable' : 'template-syntax';
  const err = new ReportError(
    code,
    'template',
    location,
    code === 'undefined-variable' ? 'every variable defined (strict mode)' : 'a valid template',
    `${location}: ${detail}`,
  );
  return err;
}

function findCause(error: unknown): ReportError | undefined {
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    if (e instanceof ReportError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
