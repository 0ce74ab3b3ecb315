import { errorOf as errorOfClass } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import { checkTemplate, ReportError, renderHtml } from '../src/index.js';

const errorOf = (fn: () => unknown): ReportError => errorOfClass(fn, ReportError);

const templates = {
  'part.html': 'line one\n  {{ 1 / 0 }}',
  'macros.html': '{% macro money(x) %}\n\n  {{ "%.2f" % x }}{% endmacro %}',
  'base.html': '<main>\n{% block body %}{% endblock %}\n{{ footer() }}</main>',
  'broken.html': 'ok\n{% for x in %}',
  'a.html': '{% include "b.html" %}',
  'b.html': '{% include "a.html" %}',
  'e1.html': '{% extends "e2.html" %}',
  'e2.html': '{% extends "e1.html" %}',
};

describe('errors name the template, line and column where they are', () => {
  it('inside an included template', () => {
    const e = errorOf(() => renderHtml('x\n{% include "part.html" %}', {}, { templates }));
    expect(e.message).toBe('part.html:2:6: division by zero (/)');
    expect(e.code).toBe('out-of-range');
  });

  it('inside an imported macro, not at the line that calls it', () => {
    const e = errorOf(() => renderHtml('{% import "macros.html" as m %}\n{{ m.money("12") }}', {}, { templates }));
    expect(e.message).toMatch(/^macros\.html:3:\d+: %f format: a real number is required, not str/);
    expect(e.code).toBe('invalid-type');
  });

  it('inside a parent template, outside the blocks the child fills', () => {
    const e = errorOf(() => renderHtml('{% extends "base.html" %}{% block body %}hi{% endblock %}', {}, { templates }));
    expect(e.message).toBe("base.html:3:10: undefined variable footer ('footer' is undefined)");
    expect(e.code).toBe('undefined-variable');
  });

  it('a syntax error in an included template, and a template that ends inside a tag', () => {
    expect(errorOf(() => renderHtml('{% include "broken.html" %}', {}, { templates })).message).toMatch(/^broken\.html:2:\d+: /);
    const e = errorOf(() => renderHtml('{% if x %}\nopen', {}));
    expect(e.code).toBe('template-syntax');
    expect(e.message).toBe('(template):2:5: expected elif, else, or endif, got end of file');
  });

  it('unknown filters and tests at compile time, before anything renders', () => {
    expect(errorOf(() => renderHtml('{{ x }}\n{{ x|nosuch }}', {})).message).toBe("(template):2:6: no filter named 'nosuch'");
    expect(errorOf(() => renderHtml('{{ x is nosuch }}', {})).message).toBe("(template):1:9: no test named 'nosuch'");
  });

  it('wrong argument types to filters, saying what the value was', () => {
    const e = errorOf(() => renderHtml("{{ 'x'|round }}", {}));
    expect(e.code).toBe('invalid-type');
    expect(e.message).toBe("(template):1:8: round filter needs a number, got str 'x' (a string: write 'x'|float|round)");
    expect(errorOf(() => renderHtml('{{ "{:,.2f}".format(v) }}', { v: '0.5' })).message).toMatch(/'0\.5' is a string/);
    expect(errorOf(() => renderHtml('{{ v + 1 }}', { v: '0.5' })).message).toMatch(
      /'0\.5' is a string; convert it with \|int or \|float/,
    );
  });

  it('cycles of includes and of extends', () => {
    expect(errorOf(() => renderHtml('{% include "a.html" %}', {}, { templates })).message).toMatch(
      /includes nest deeper than 100: .*a\.html → b\.html/,
    );
    const e = errorOf(() => renderHtml('{% extends "e1.html" %}', {}, { templates }));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(/recursion too deep/);
  });

  it('an error thrown inside a data object (a getter, a function) is typed and placed, never passed on raw', () => {
    const data = {
      obj: {
        get boom(): string {
          throw new TypeError("Cannot read properties of undefined (reading 'charAt')");
        },
      },
    };
    const e = errorOf(() => renderHtml('<p>{{ obj.boom }}</p>', data));
    expect(e.code).toBe('invalid-type');
    expect(e.message).toBe("(template):1:10: Cannot read properties of undefined (reading 'charAt')");
  });

  it('an undefined variable in strict mode names the variable; an attribute of undefined names it always', () => {
    expect(renderHtml('{{ missing }}', {})).toBe('');
    expect(errorOf(() => renderHtml('{{ a }} {{ missing }}', { a: 1 }, { strict: true })).message).toBe(
      "(template):1:12: undefined variable missing ('missing' is undefined)",
    );
    expect(errorOf(() => renderHtml('{{ user.name }}', {})).message).toBe(
      "(template):1:8: undefined variable user.name ('user' is undefined)",
    );
  });

  it("strict mode is Jinja2's StrictUndefined: printing, testing or looping over an undefined value fails, naming it", () => {
    const strict = { strict: true };
    expect(errorOf(() => renderHtml('{% if missing %}x{% endif %}', {}, strict)).message).toBe(
      "(template):1:7: undefined variable missing ('missing' is undefined)",
    );
    expect(errorOf(() => renderHtml('{% for r in rows %}x{% endfor %}', {}, strict)).code).toBe('undefined-variable');
    expect(renderHtml('{% if missing is defined %}x{% endif %}{{ missing|default("d") }}', {}, strict)).toBe('d');
  });

  it('bounds work a template asks for: range() is capped as in Jinja2', () => {
    expect(errorOf(() => renderHtml('{% for i in range(10**6) %}{% endfor %}', {})).message).toMatch(/Range too big/);
  });

  it('checks its options', () => {
    expect(errorOf(() => renderHtml('x', {}, { syntax: 'jinja' as never })).message).toBe(
      "syntax must be 'jinja2' or 'nunjucks', got 'jinja'",
    );
    expect(errorOf(() => renderHtml('x', {}, null as never)).code).toBe('invalid-type');
    expect(errorOf(() => renderHtml('x', [] as never)).code).toBe('invalid-type');
    expect(errorOf(() => renderHtml('x', {}, { onWarning: 'log' as never })).code).toBe('invalid-type');
  });
});

describe('data is data', () => {
  it('keys named __proto__ or constructor are plain keys, and Object.prototype is out of reach', () => {
    const data = JSON.parse('{"__proto__": {"polluted": 1}, "d": {"__proto__": "p", "constructor": "c"}, "e": {}}');
    expect(
      renderHtml(
        '{{ polluted }}|{{ constructor }}|{{ toString }}|{{ d.__proto__ }}|{{ d.constructor }}|{{ e.constructor }}',
        data,
      ),
    ).toBe('|||p|c|');
    expect(renderHtml('{{ "".constructor }}|{{ e.toString }}', data)).toBe('|');
    // As in Jinja2, an attribute of an undefined value is an error: there is no Function to reach.
    expect(errorOf(() => renderHtml("{{ e.constructor.constructor('return 1')() }}", data)).code).toBe('undefined-variable');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('template syntax in the data stays text', () => {
    expect(renderHtml('{{ d }}', { d: '{{ 7*7 }}{% raw %}<b>' })).toBe('{{ 7*7 }}{% raw %}&lt;b&gt;');
  });
});

describe("syntax: 'nunjucks' keeps nunjucks' own semantics", () => {
  it('prints and tests as nunjucks does', () => {
    const t = '{{ x }}|{{ n }}|{% if [] %}T{% else %}F{% endif %}|{{ items }}';
    const data = { x: null, n: true, items: [1, 2] };
    expect(renderHtml(t, data, { syntax: 'nunjucks' })).toBe('|true|T|1,2');
    expect(renderHtml(t, data)).toBe('None|True|F|[1, 2]');
  });
});

describe('Jinja2 semantics the issue names', () => {
  it('renders the constructs that failed before', () => {
    const data = {
      x: 1234.5,
      rows: [
        { units: 2, name: 'a' },
        { units: 3.5, name: 'b' },
      ],
      date: '2024-03-01',
      d: { k: 'v' },
    };
    const t = [
      '{{ "{:,.2f}".format(x) }}',
      '{{ "%.2f"|format(x) }}',
      '{{ "%.1f%%" % 12.345 }}',
      '{% for r in rows %}{{ loop.cycle("odd", "even") }}{% endfor %}',
      '{% set ns = namespace(n=0) %}{% for r in rows %}{% set ns.n = ns.n + r.units %}{% endfor %}{{ ns.n }}',
      '{{ date[:4] }}',
      '{{ rows|map(attribute="units")|max }}',
      '{{ rows|sum(attribute="units") }}',
      '{{ rows|selectattr("name", "equalto", "b")|map(attribute="units")|first }}',
      '{{ rows[-1].name }}',
      '{{ d.items()|list }}',
      '{{ d.k.upper() }}',
      '{% with y = 2 %}{{ y }}{% endwith %}',
      '{{ 97.0 }} {{ None }} {{ True }} {{ [1, 2, 3] }}',
    ].join('|');
    expect(renderHtml(t, data)).toBe(
      '1,234.50|1234.50|12.3%|oddeven|5.5|2024|3.5|5.5|3.5|b|[(&#39;k&#39;, &#39;v&#39;)]|V|2|97.0 None True [1, 2, 3]',
    );
  });

  it("join('<br>'|safe) keeps the separator and escapes the items; [] and {} are false", () => {
    expect(renderHtml("{{ items|join('<br>'|safe) }}", { items: ['a', '<b>'] })).toBe('a<br>&lt;b&gt;');
    expect(renderHtml('{% if rows %}some{% else %}none{% endif %}{% if totals %}!{% endif %}', { rows: [], totals: {} })).toBe(
      'none',
    );
  });
});

describe('checkTemplate', () => {
  it('finds nothing in a template that renders as in Jinja2', () => {
    expect(
      checkTemplate('{% for r in rows if r.ok recursive %}{{ loop.cycle("a", "b") }}{{ r.n|round(2) }}{% endfor %}'),
    ).toEqual([]);
  });

  it('lists every construct that will not render as Jinja2 would, with its place and rewrite', () => {
    const source = [
      '{% if a %}x{% elseif b %}y{% endif %}',
      '{% switch v %}{% case 1 %}one{% endswitch %}',
      '{{ a === b }}',
      '{{ x|nl2br }} {{ x is nosuch }}',
      '{% do items.append(1) %}',
      '{% autoescape false %}{{ x }}{% endautoescape %}',
    ].join('\n');
    const issues = checkTemplate(source, { name: 'report.html' });
    expect(issues.map((i) => [i.line, i.construct, i.rewrite ?? null, i.severity])).toEqual([
      [1, '{% elseif %}', '{% elif … %}', 'difference'],
      [2, '{% switch %}', '{% if x == a %}…{% elif x == b %}…{% endif %}', 'difference'],
      [3, '===', '==', 'difference'],
      [4, '|nl2br', null, 'error'],
      [4, 'is nosuch', null, 'error'],
      [5, '{% do %}', '{% set _ = expression %}', 'error'],
      [6, '{% autoescape %}', 'mark trusted HTML with |safe, escape with |e', 'error'],
      [6, '{% endautoescape %}', null, 'error'],
    ]);
    expect(issues[0]).toMatchObject({ line: 1, column: 15 });
  });

  it('reports a syntax error with its position, and refuses a source that is not a string', () => {
    expect(checkTemplate('a\n{{ x | }}')).toEqual([expect.objectContaining({ line: 2, severity: 'error', construct: 'syntax' })]);
    expect(errorOf(() => checkTemplate(42 as never)).code).toBe('invalid-type');
  });

  it('names the results that are lists here and generators in Jinja2, where that shows', () => {
    const issues = checkTemplate('{{ xs|map("upper")|length }}\n{{ xs|unique }} {{ xs|unique|list }}');
    expect(issues.map((i) => [i.line, i.column, i.construct, i.rewrite, i.severity])).toEqual([
      [1, 20, '|map|length', '|map|list|length', 'difference'],
      [2, 7, '|unique', '|unique|list', 'difference'],
    ]);
    const warnings: string[] = [];
    expect(renderHtml('{{ xs|select|length }}', { xs: [1, 0] }, { onWarning: (w) => warnings.push(w) })).toBe('1');
    expect(warnings).toEqual([
      '(template):1:14: |select gives a generator in Jinja2, which has no length (Jinja2 raises); here it is a list (write |select|list|length for the same output in both)',
    ]);
  });

  it('warns at render time through onWarning, once per template', () => {
    const warnings: string[] = [];
    renderHtml('{% if a %}x{% elseif b %}y{% endif %}', { b: 1 }, { name: 'r.html', onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual(['r.html:1:15: {% elseif %} is nunjucks syntax; Jinja2 has no such tag']);
  });
});
