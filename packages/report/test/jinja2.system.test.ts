// Generated filter chains over generated data, rendered here and by Python's Jinja2 (Debian's
// python3-jinja2, which .ci/run installs) in the same run: the output must be byte-identical, or
// both must fail (Python with an exception, here with a ReportError).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportError, renderHtml } from '../src/index.js';

const script = fileURLToPath(new URL('./reference/jinja2.py', import.meta.url));

/** Filters (with arguments) that take any value; Jinja2 and this engine must agree, error or not. */
const FILTERS = [
  'abs',
  'capitalize',
  'center(9)',
  'default("-")',
  'default("-", true)',
  'dictsort',
  'e',
  'first',
  'float',
  'int',
  'items|list',
  'join(", ")',
  'join',
  'last',
  'length',
  'list',
  'lower',
  'max',
  'min',
  'pprint',
  'reverse|list',
  'round',
  'round(2)',
  'round(1, "floor")',
  'sort',
  'sort(reverse=true)',
  'string',
  'sum',
  'title',
  'tojson',
  'trim',
  'truncate(12)',
  'unique|list',
  'upper',
  'wordcount',
  'batch(2)|list',
  'slice(2)|list',
  'select|list',
  'reject|list',
  'map("string")|list',
  'striptags',
  'urlencode',
  'filesizeformat',
  'indent(2)',
  'replace("a", "<")',
  'format',
  'count',
  'float|round(3)',
  'int|abs',
  'list|sort|first',
  'map(attribute="a")|list',
  'selectattr("a")|list',
  'rejectattr("b", "none")|list',
  'groupby("a")|list',
  'sum(attribute="a")',
  'sort(attribute="a")',
  'dictsort(by="value")',
  'tojson(2)',
  'xmlattr',
  'wordwrap(5)',
  'truncate(5, true)',
  'center(3)',
  'join("<b>"|safe)',
  'max(attribute="a")',
  'unique(attribute="a")|list',
  'map("lower")|list',
  'select("string")|list',
  'reject("number")|list',
];
/** Expressions around the value: printing, truthiness, methods, formatting. */
const WRAPS = [
  (v: string) => `{{ ${v} }}`,
  (v: string) => `{% if ${v} %}T{% else %}F{% endif %}`,
  (v: string) => `{{ '[{:>8}]'.format(${v}) }}`,
  (v: string) => `{{ '%s|%r' % (${v}, ${v}) }}`,
  (v: string) => `{{ (${v})[1:] }}`,
  (v: string) => `{% for x in ${v} %}{{ loop.index }}{{ x }}{% endfor %}`,
  (v: string) => `{{ ${v} ~ '!' }}`,
  (v: string) => `{{ '%.2f|%5s' % (${v}, ${v}) }}`,
  (v: string) => `{{ (${v}).split() if (${v}) is string else (${v}) is sequence }}`,
  (v: string) => `{{ (${v})[-1] if (${v}) else 'empty' }}`,
  (v: string) => `{% set ns = namespace(n=0) %}{% for x in ${v} if x %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}`,
];

const text = fc.string({
  unit: fc.constantFrom('a', 'B', 'z', ' ', '<', '&', "'", '"', 'é', 'ß', '€', '-', '1', '.', '\n'),
  maxLength: 12,
});
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 }),
  fc.constantFrom(0.5, 2.5, -0.125, 1e21, 1e-7, 0.1, 123.456),
);
const scalar = fc.oneof(number, text, fc.boolean(), fc.constant(null));
const key = fc.constantFrom('a', 'b', 'name', 'k', 'Z', 'é');
const value = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(number, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(key, scalar, { maxKeys: 4 }) },
  { weight: 2, arbitrary: fc.array(fc.dictionary(key, scalar, { maxKeys: 3 }), { maxLength: 4 }) },
);
const chain = fc.array(fc.constantFrom(...FILTERS), { minLength: 1, maxLength: 3 });
const template = fc.tuple(chain, fc.constantFrom(...WRAPS)).map(([filters, wrap]) => wrap(`v|${filters.join('|')}`));

type Outcome = { html: string } | { error: string };

function ours(t: string, data: Record<string, unknown>): Outcome {
  try {
    return { html: renderHtml(t, data) };
  } catch (e) {
    if (e instanceof ReportError) return { error: e.message };
    throw e;
  }
}

describe('generated filter chains render as Python’s Jinja2 renders them', () => {
  it('agrees with Jinja2 on 400 seeded chains over generated data', () => {
    const cases = fc.sample(fc.record({ template, v: value }), { seed: 20261207, numRuns: 400 });
    const inputs = cases.map((c) => ({ template: c.template, data: { v: c.v } }));
    // One Python process for the whole batch (a process per case would cost seconds).
    const expected: Outcome[] = JSON.parse(
      execFileSync('/usr/bin/python3', [script, '--stdin'], {
        input: JSON.stringify(inputs),
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      }),
    );
    const differences = inputs
      .map((input, i) => ({ input, want: expected[i] as Outcome, got: ours(input.template, input.data) }))
      .filter(({ want, got }) => ('html' in want ? !('html' in got) || got.html !== want.html : !('error' in got)));
    expect(differences.slice(0, 5)).toEqual([]);
  }, 20_000); // one batch of 400 renders on each side and a Python start-up, on a busy CI machine
});
