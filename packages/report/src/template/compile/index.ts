// Jinja2's grammar and semantics on nunjucks' parser and code generator: the pipeline. The
// source loses its last newline (Jinja2's keep_trailing_newline=False), parser.ts parses it with
// Jinja2's grammar, the compilers (statements.ts on expressions.ts on positions.ts) generate
// JavaScript whose every operator, lookup, call, `if`, `for` and `set` goes through the Python
// runtime (runtime.ts), and the result goes to nunjucks as a precompiled template, so nunjucks'
// inheritance, includes, macros and autoescape are used unchanged. Syntax errors, and templates
// nested too deeply to compile, are typed errors naming the template, line and column
// (error-mapping.ts).
import { syntaxError } from '../error-mapping.js';
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
    throw syntaxError(error, source, name);
  }
  // The generated functions take nunjucks' runtime as a parameter; give them the Python one.
  const body = code.replace(
    /function (root|b_\w+)\(env, context, frame, runtime, cb\)/g,
    'function $1(env, context, frame, _runtime, cb)',
  );
  return new Function('runtime', body)(pyRuntime) as CompiledTemplate;
}
