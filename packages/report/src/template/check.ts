// checkTemplate: every construct of a template that will not render as Python's Jinja2 renders
// it, found before rendering, with its line, column and the rewrite that will.
import { ReportError } from '../errors.js';
import { StreamRowsExtension } from '../stream-rows.js';
import { compileJinja } from './compile/index.js';
import { lexer } from './compile/nunjucks.js';
import { jinjaFilters } from './filters/index.js';
import { FORMAT_FILTERS } from './filters/intl.js';
import { jinjaTests } from './tests.js';

/** One construct that renders differently from Jinja2 (or not at all), and what to write instead. */
export interface TemplateIssue {
  /** 1-based line of the construct. */
  line: number;
  /** 1-based column of the construct. */
  column: number;
  /** What is wrong, as a sentence. */
  message: string;
  /** The construct as written. */
  construct: string;
  /** What to write instead, when there is a rewrite. */
  rewrite?: string;
  /** `'error'`: the template will not render; `'difference'`: it renders, unlike Jinja2. */
  severity: 'error' | 'difference';
}

export interface CheckTemplateOptions {
  /** Name used in messages. Default `'(template)'`. */
  name?: string;
}

/** Jinja2 tags this engine does not have, and the rewrite. */
const UNSUPPORTED_TAGS: Record<string, [string, string | undefined]> = {
  autoescape: [
    '{% autoescape %} blocks are not supported: output is always autoescaped',
    'mark trusted HTML with |safe, escape with |e',
  ],
  endautoescape: ['{% endautoescape %}: see {% autoescape %}', undefined],
  do: ['{% do %} needs Jinja2\'s "do" extension, which is not available', '{% set _ = expression %}'],
  break: [
    "{% break %} needs Jinja2's loopcontrols extension, which is not available",
    'filter the loop: {% for x in xs if condition %}',
  ],
  continue: [
    "{% continue %} needs Jinja2's loopcontrols extension, which is not available",
    'filter the loop: {% for x in xs if not condition %}',
  ],
  trans: ["{% trans %} needs Jinja2's i18n extension, which is not available", 'pass translated strings in the data'],
};

/** nunjucks-only tags: Jinja2 rejects them. */
const NUNJUCKS_TAGS: Record<string, string> = {
  elseif: '{% elif … %}',
  switch: '{% if x == a %}…{% elif x == b %}…{% endif %}',
  asyncEach: '{% for … %}',
  asyncAll: '{% for … %}',
  ifAsync: '{% if … %}',
  verbatim: '{% raw %}',
};

const EXTRA_FILTERS = new Set<string>(FORMAT_FILTERS);

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

function tokens(source: string): Token[] {
  const out: Token[] = [];
  const lex = lexer.lex(source, {});
  for (let t = lex.nextToken(); t; t = lex.nextToken()) if (t.type !== lexer.TOKEN_WHITESPACE) out.push(t as Token);
  return out;
}

/** The nunjucks-only constructs of a template (also used to warn at render time). */
export function nunjucksOnly(source: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  let toks: Token[];
  try {
    toks = tokens(source);
  } catch {
    return issues;
  }
  const at = (t: Token, message: string, construct: string, rewrite: string | undefined, severity: TemplateIssue['severity']) =>
    issues.push({ line: t.lineno + 1, column: t.colno + 1, message, construct, ...(rewrite ? { rewrite } : {}), severity });
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    const prev = toks[i - 1];
    if (prev?.type === lexer.TOKEN_BLOCK_START && t.type === lexer.TOKEN_SYMBOL) {
      const tag = t.value;
      if (Object.hasOwn(NUNJUCKS_TAGS, tag))
        at(t, `{% ${tag} %} is nunjucks syntax; Jinja2 has no such tag`, `{% ${tag} %}`, NUNJUCKS_TAGS[tag], 'difference');
      if (Object.hasOwn(UNSUPPORTED_TAGS, tag)) {
        const [message, rewrite] = UNSUPPORTED_TAGS[tag] as [string, string | undefined];
        at(t, message, `{% ${tag} %}`, rewrite, 'error');
      }
    }
    if (t.type === lexer.TOKEN_REGEX)
      at(
        t,
        'regular expression literals are nunjucks syntax',
        `r/${String((t.value as unknown as { body: string }).body)}/`,
        'pass the value in the data',
        'difference',
      );
    if (t.type === lexer.TOKEN_OPERATOR && (t.value === '===' || t.value === '!=='))
      at(
        t,
        `${t.value} is nunjucks syntax; Jinja2 compares with == and !=`,
        t.value,
        t.value === '===' ? '==' : '!=',
        'difference',
      );
    if (t.type === lexer.TOKEN_INT && toks[i + 1]?.type === lexer.TOKEN_SYMBOL && /^e\d+$/i.test((toks[i + 1] as Token).value))
      at(
        t,
        'float literals with an exponent are not supported',
        `${t.value}${(toks[i + 1] as Token).value}`,
        String(Number(`${t.value}${(toks[i + 1] as Token).value}`)),
        'error',
      );
    if (t.type === lexer.TOKEN_PIPE && toks[i + 1]?.type === lexer.TOKEN_SYMBOL) {
      const name = (toks[i + 1] as Token).value;
      if (!Object.hasOwn(jinjaFilters, name) && !EXTRA_FILTERS.has(name))
        at(toks[i + 1] as Token, `no filter named '${name}' in Jinja2`, `|${name}`, undefined, 'error');
    }
    if (t.type === lexer.TOKEN_SYMBOL && t.value === 'is' && toks[i + 1]) {
      const next = toks[i + 1] as Token;
      const name = next.type === lexer.TOKEN_SYMBOL && next.value === 'not' ? toks[i + 2] : next;
      if (name && name.type === lexer.TOKEN_SYMBOL && !Object.hasOwn(jinjaTests, name.value))
        at(name, `no test named '${name.value}' in Jinja2`, `is ${name.value}`, undefined, 'error');
    }
    if (t.type === lexer.TOKEN_SYMBOL && (t.value === 'varargs' || t.value === 'kwargs'))
      at(t, `macro ${t.value} are not supported`, t.value, 'declare every argument of the macro, with defaults', 'error');
  }
  return issues;
}

/**
 * Lists, before rendering, every construct of a Jinja2 template that will not render as
 * Python's Jinja2 renders it: nunjucks-only syntax, Jinja2 extensions this engine lacks, unknown
 * filters and tests, and syntax errors, each with its line, column and the rewrite. An empty list
 * means the template uses only what renders as in Jinja2. Run it over a folder of templates to see
 * every problem at once.
 *
 * @param source - the template source
 * @throws {ReportError} `invalid-type` if `source` is not a string
 *
 * @example
 * import { checkTemplate } from '@ds/report';
 * checkTemplate('{{ "{:,.2f}".format(x) }} {% for r in rows if r.ok %}{{ loop.cycle("a", "b") }}{% endfor %}'); // => []
 * const [issue] = checkTemplate('{% if a %}x{% elseif b %}y{% endif %}');
 * issue.rewrite; // => '{% elif … %}'
 * issue.line; // => 1
 */
export function checkTemplate(source: string, options: CheckTemplateOptions = {}): TemplateIssue[] {
  if (typeof source !== 'string')
    throw new ReportError(
      'invalid-type',
      'source',
      typeof source,
      'a string',
      `source must be a template string, got ${source === null ? 'null' : typeof source}`,
    );
  if (options === null || typeof options !== 'object')
    throw new ReportError('invalid-type', 'options', options, 'an options object');
  const issues = nunjucksOnly(source);
  const filters = new Set([...Object.keys(jinjaFilters), ...EXTRA_FILTERS]);
  const tests = new Set(Object.keys(jinjaTests));
  try {
    const difference = (line: number, column: number, construct: string, message: string, rewrite: string) =>
      issues.push({ line, column, message, construct, rewrite, severity: 'difference' });
    compileJinja(source, options.name ?? '(template)', { filters, tests, difference }, [new StreamRowsExtension()], false);
  } catch (error) {
    const m = error instanceof ReportError ? /:(\d+):(\d+): (.*)$/s.exec(error.message) : null;
    const line = m ? Number(m[1]) : 1;
    const column = m ? Number(m[2]) : 1;
    if (!issues.some((i) => i.line === line && i.severity === 'error'))
      issues.push({
        line,
        column,
        message: m ? (m[3] as string) : String((error as Error).message),
        construct: 'syntax',
        severity: 'error',
      });
  }
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}
