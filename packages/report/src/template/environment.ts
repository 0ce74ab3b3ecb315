// The template environment every renderer uses: nunjucks with Jinja2's semantics (the default)
// or nunjucks' own (`syntax: 'nunjucks'`), its loader reading only the given object of strings,
// and errors turned into ReportErrors naming the template, line and column (error-mapping.ts).
import nunjucks from 'nunjucks';
import { isPlainObject, optionalBoolean, optionalFunction } from '../check.js';
import { ReportError } from '../errors.js';
import { collectRowStreams, type RowStream, StreamRowsExtension, takeThrown } from '../stream-rows.js';
import { nunjucksOnly } from './check.js';
import { compileJinja } from './compile/index.js';
import { toReportError } from './error-mapping.js';
import { jinjaFilters } from './filters/index.js';
import { templateFormatFilters } from './filters/intl.js';
import { jinjaGlobals } from './globals.js';
import { jinjaTests } from './tests.js';

/** Which template language: Jinja2 as Python renders it (default), or nunjucks' own semantics. */
export type TemplateSyntax = 'jinja2' | 'nunjucks';

export interface EnvironmentOptions {
  /** `'jinja2'` (default) or `'nunjucks'`. */
  syntax?: TemplateSyntax;
  /** Called with each construct that renders differently from Python's Jinja2 (once per template). */
  onWarning?: (message: string) => void;
}

interface EnvInfo {
  jinja: boolean;
  strict: boolean;
  warn: ((message: string) => void) | undefined;
}

const infos = new WeakMap<nunjucks.Environment, EnvInfo>();
const sources = new WeakMap<nunjucks.Template, string>();

function checkSyntax(syntax: unknown): boolean {
  if (syntax === undefined || syntax === 'jinja2') return true;
  if (syntax === 'nunjucks') return false;
  throw new ReportError(typeof syntax === 'string' ? 'out-of-range' : 'invalid-type', 'syntax', syntax, "'jinja2' or 'nunjucks'");
}

/** Most templates one environment holds, and the longest name: a bound on what a loader is handed. */
const MAX_TEMPLATES = 10_000;

/**
 * A nunjucks environment whose loader reads only the given object of strings; with Jinja2
 * semantics unless `options.syntax` is `'nunjucks'`.
 */
export function createEnvironment(
  templates: Record<string, string>,
  strict: boolean,
  locale = 'en-US',
  options: EnvironmentOptions = {},
): nunjucks.Environment {
  if (!isPlainObject(templates))
    throw new ReportError('invalid-type', 'templates', templates, 'an object of template sources by name');
  const names = Object.keys(templates);
  if (names.length > MAX_TEMPLATES)
    throw new ReportError('too-large', 'templates', `${names.length} templates`, `at most ${MAX_TEMPLATES} templates`);
  for (const name of names) {
    if (typeof templates[name] !== 'string')
      throw new ReportError('invalid-type', `templates.${name}`, templates[name], 'a string (a template source)');
  }
  if (!isPlainObject(options)) throw new ReportError('invalid-type', 'options', options, 'an options object');
  const jinja = checkSyntax(options.syntax);
  const warn = optionalFunction<(message: string) => void>('onWarning', options.onWarning);
  optionalBoolean('strict', strict, false);
  let env: nunjucks.Environment;
  const loader = {
    getSource(name: string) {
      if (typeof name !== 'string' || !Object.hasOwn(templates, name)) {
        throw new ReportError(
          'template-not-found',
          'templates',
          name,
          `one of: ${Object.keys(templates).join(', ') || '(none given)'}`,
          `template not found: ${String(name)} (the templates given are: ${Object.keys(templates).join(', ') || 'none'})`,
        );
      }
      const source = templates[name];
      if (typeof source !== 'string')
        throw new ReportError(
          'invalid-type',
          `templates.${name}`,
          typeof source,
          'a string',
          `templates.${name} must be a string, got ${typeof source}`,
        );
      if (!jinja) return { src: source, path: name, noCache: false };
      return { src: { type: 'code', obj: compileFor(env, source, name) }, path: name, noCache: false };
    },
  };
  env = new nunjucks.Environment(
    loader as unknown as nunjucks.ILoader,
    { autoescape: true, throwOnUndefined: strict, dev: true } as nunjucks.ConfigureOptions,
  );
  env.addExtension('streamrows', new StreamRowsExtension());
  if (jinja) {
    for (const [name, filter] of Object.entries(jinjaFilters)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
    const withTests = env as unknown as { addTest(name: string, test: unknown): void };
    for (const [name, test] of Object.entries(jinjaTests)) withTests.addTest(name, test);
    for (const [name, fn] of Object.entries(jinjaGlobals)) env.addGlobal(name, fn);
  }
  for (const [name, filter] of Object.entries(templateFormatFilters(locale))) env.addFilter(name, filter);
  infos.set(env, { jinja, strict, warn });
  return env;
}

function compileFor(env: nunjucks.Environment, source: string, name: string) {
  const info = infos.get(env) as EnvInfo;
  const e = env as unknown as { filters: Record<string, unknown>; tests: Record<string, unknown>; extensionsList: unknown[] };
  if (info.warn) for (const w of nunjucksOnly(source)) info.warn(`${name}:${w.line}:${w.column}: ${w.message}`);
  const warn = info.warn;
  const difference = warn
    ? (line: number, column: number, _construct: string, message: string, rewrite: string) =>
        warn(`${name}:${line}:${column}: ${message} (write ${rewrite} for the same output in both)`)
    : undefined;
  return compileJinja(
    source,
    name,
    { filters: new Set(Object.keys(e.filters)), tests: new Set(Object.keys(e.tests)), ...(difference ? { difference } : {}) },
    e.extensionsList,
    info.strict,
  );
}

/** Compiles a template once, for a batch; syntax errors name the template, line and column. */
export function compileTemplate(env: nunjucks.Environment, source: string, name: string): nunjucks.Template {
  if (typeof source !== 'string') throw new ReportError('invalid-type', `templates.${name}`, typeof source, 'a string');
  const info = infos.get(env);
  try {
    const compiled = info?.jinja
      ? new nunjucks.Template({ type: 'code', obj: compileFor(env, source, name) } as unknown as string, env, name)
      : new nunjucks.Template(source, env, name, true);
    sources.set(compiled, source);
    return compiled;
  } catch (error) {
    throw takeThrown() ?? toReportError(error, name, source);
  }
}

/**
 * Renders a template (a source or compiled) in an environment, turning errors into typed ones.
 * With `streams`, the `{% streamrows %}` blocks are collected there for the PDF layout to pull.
 */
export function renderWith(
  env: nunjucks.Environment,
  template: string | nunjucks.Template,
  data: Record<string, unknown>,
  name: string,
  streams?: RowStream[],
): string {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new ReportError(
      'invalid-type',
      'data',
      data,
      'an object of template variables',
      `data must be an object of template variables, got ${Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data}`,
    );
  const compiled = typeof template === 'string' ? compileTemplate(env, template, name) : template;
  const source = sources.get(compiled);
  // Data is read through lookups only, never evaluated: a prototype-less copy keeps keys such as
  // __proto__ or constructor plain data.
  const vars = Object.assign(Object.create(null), data) as Record<string, unknown>;
  const render = () => compiled.render(vars);
  try {
    if (streams === undefined) return render();
    return collectRowStreams(streams, (error) => toReportError(error, name, source), render);
  } catch (error) {
    throw takeThrown() ?? toReportError(error, name, source);
  }
}
