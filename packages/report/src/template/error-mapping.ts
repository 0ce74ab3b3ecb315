// How template errors become ReportErrors naming the template, line and column: at compile time
// (syntaxError: nunjucks' parse errors, and templates nested past the stack, a too-large), and
// at render time (toReportError: positioned TemplateFaults from the Python runtime, nunjucks' own
// errors, strict mode's undefined output, whatever JavaScript threw from inside).
import { ReportError } from '../errors.js';
import { isStackOverflow, TemplateFault } from './runtime.js';

/** nunjucks' message without its prefixes: the template name in brackets and `[Line n, Column m]`. */
function withoutPosition(message: string): string {
  return message.replace(/^\([^)]*\)\s*/, '').replace(/\[Line \d+, Column \d+\]\s*/, '');
}

/** The cap on nesting: a template nested thousands deep overflows the stack of the parser or the generated code. */
function nestedTooDeep(where: string, doing: string, cause: unknown): ReportError {
  return new ReportError(
    'too-large',
    'template',
    where,
    'a template whose tags and expressions nest at most a few hundred deep',
    `${where}: the template nests too deeply to ${doing} (tags or parentheses inside each other thousands of times)`,
    { cause },
  );
}

/** A compile-time error of a Jinja2 template as a `template-syntax` (or `too-large`) ReportError. */
export function syntaxError(error: unknown, source: string, name: string): ReportError {
  if (error instanceof ReportError) return error;
  const e = error as { lineno?: number; colno?: number; message?: string };
  const message = withoutPosition(String(e.message ?? error)).replace(/^parse\w*: /, '');
  // An error at the end of the template (an unclosed tag) comes without a position: the end it is.
  const lines = source.split('\n');
  const line = e.lineno ?? lines.length;
  const column = e.lineno ? (e.colno ?? 1) : (lines[lines.length - 1]?.length ?? 0) + 1;
  const where = `${name}:${line}:${column}`;
  if (error instanceof RangeError && isStackOverflow(error)) return nestedTooDeep(where, 'compile', error);
  return new ReportError('template-syntax', 'template', where, 'a valid Jinja2 template', `${where}: ${message.trim()}`);
}

/** Turns a nunjucks or Python-runtime error into a typed error naming the template, line and column. */
export function toReportError(error: unknown, name: string, source?: string): ReportError {
  if (error instanceof ReportError) return error;
  if (error instanceof TemplateFault) return faultToReportError(error);
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
  if (/Maximum call stack size exceeded/.test(message)) return nestedTooDeep(location, 'compile or render', error);
  if (/filter needs/.test(message))
    return new ReportError('invalid-type', 'data', location, 'values the filters can format', `${location}: ${detail}`);
  return new ReportError('template-syntax', 'template', location, 'a valid template', `${location}: ${detail}`);
}

function faultToReportError(fault: TemplateFault): ReportError {
  let cause: unknown = fault.cause;
  // A fault around a fault: the innermost knows where it happened.
  while (cause instanceof TemplateFault) {
    fault = cause;
    cause = cause.cause;
  }
  const location = `${fault.template}:${fault.lineno + 1}:${fault.colno + 1}`;
  if (cause instanceof ReportError) {
    if (/^[^\s:]+:\d+:\d+: /.test(cause.message)) return cause;
    return new ReportError(cause.code, cause.argument, cause.value, cause.expected, `${location}: ${cause.message}`);
  }
  const inner = cause instanceof Error ? findCause(cause) : undefined;
  if (inner) return inner;
  const message = cause instanceof Error ? withoutPosition(cause.message).trim() : String(cause);
  // Whatever JavaScript threw from inside (a TypeError from a data object's method, say) is
  // reported as a typed error at the template position, never passed on as it is. The template
  // compiled, so what it met at run time is a value of the data it cannot use.
  return new ReportError('invalid-type', 'data', location, 'values the template can use', `${location}: ${message}`);
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
    if (e instanceof TemplateFault) return faultToReportError(e);
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
