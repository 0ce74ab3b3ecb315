// Jinja2's grammar and semantics on nunjucks' parser and code generator: the pipeline. The
// source loses its last newline (Jinja2's keep_trailing_newline=False), parser.ts parses it with
// Jinja2's grammar, the compilers (statements.ts on expressions.ts on positions.ts) generate
// JavaScript whose every operator, lookup, call, `if`, `for` and `set` goes through the Python
// runtime (runtime.ts), and the result goes to nunjucks as a precompiled template, so nunjucks'
// inheritance, includes, macros and autoescape are used unchanged. Syntax errors, and templates
// nested too deeply to compile, are typed errors naming the template, line and column.
import { ReportError } from '../../errors.js';
import { pyRuntime } from '../runtime.js';
import type { Difference } from './expressions.js';
import { parseJinja } from './parser.js';
import { JinjaCompiler } from './statements.js';

/** What a template compiles to: the code nunjucks runs (root and block functions). */
export type CompiledTemplate = Record<string, (...args: unknown[]) => unknown>;
export interface CompileNames {
  filters: Set<string>;
  tests: Set<string>;
  /** Told of each construct that renders, but not as Jinja2 renders it (1-based line and column). */
  difference?: Difference;
}

/** Whether the template's last newline is dropped, as Jinja2 does by default (`keep_trailing_newline=False`). */
function dropTrailingNewline(source: string): string {
  if (source.endsWith('\r\n')) return source.slice(0, -2);
  if (source.endsWith('\n') || source.endsWith('\r')) return source.slice(0, -1);
  return source;
}

/**
 * Compiles Jinja2 source to nunjucks' precompiled form. Syntax errors are a `template-syntax`
 * ReportError naming the template, line and column.
 */
export function compileJinja(
  source: string,
  name: string,
  names: CompileNames,
  extensions: unknown[],
  strict: boolean,
): CompiledTemplate {
  let code: string;
  try {
    const ast = parseJinja(dropTrailingNewline(source), extensions);
    // biome-ignore lint/suspicious/noExplicitAny: nunjucks' compiler is untyped
    const compiler = new (JinjaCompiler as any)(name, strict);
    compiler.loopDepth = 0;
    compiler.filters = names.filters;
    compiler.tests = names.tests;
    compiler.difference = names.difference;
    compiler.compile(ast);
    code = compiler.getCode();
  } catch (error) {
    if (error instanceof ReportError) throw error;
    const e = error as { lineno?: number; colno?: number; message?: string };
    const message = String(e.message ?? error)
      .replace(/^\([^)]*\)\s*/, '')
      .replace(/\[Line \d+, Column \d+\]\s*/, '')
      .replace(/^parse\w*: /, '');
    // An error at the end of the template (an unclosed tag) comes without a position: the end it is.
    const lines = source.split('\n');
    const line = e.lineno ?? lines.length;
    const column = e.lineno ? (e.colno ?? 1) : (lines[lines.length - 1]?.length ?? 0) + 1;
    const where = `${name}:${line}:${column}`;
    if (error instanceof RangeError && /Maximum call stack/.test(message))
      throw new ReportError(
        'too-large',
        'template',
        where,
        'a template whose tags and expressions nest at most a few hundred deep',
        `${where}: the template nests too deeply to compile (tags or parentheses inside each other thousands of times)`,
        { cause: error },
      );
    throw new ReportError('template-syntax', 'template', where, 'a valid Jinja2 template', `${where}: ${message.trim()}`);
  }
  // The generated functions take nunjucks' runtime as a parameter; give them the Python one.
  const body = code.replace(
    /function (root|b_\w+)\(env, context, frame, runtime, cb\)/g,
    'function $1(env, context, frame, _runtime, cb)',
  );
  return new Function('runtime', body)(pyRuntime) as CompiledTemplate;
}
