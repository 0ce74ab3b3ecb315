import { describe, expect, it } from 'vitest';
import { ReportError, renderHtml } from '../src/index.js';

describe('renderHtml', () => {
  it('renders a Jinja2-style loop', () => {
    const html = renderHtml('<ul>{% for r in rates %}<li>{{ r }}%</li>{% endfor %}</ul>', { rates: [1, 2] });
    expect(html).toBe('<ul><li>1%</li><li>2%</li></ul>');
  });

  it('keeps markup in data as text (autoescape on)', () => {
    const html = renderHtml('<p>{{ name }}</p>', { name: '<img src=x onerror=alert(1)>' });
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('extends and includes templates only from the object it is given', () => {
    const templates = { 'base.html': '<main>{% block body %}{% endblock %}</main>' };
    expect(renderHtml('{% extends "base.html" %}{% block body %}hi{% endblock %}', {}, { templates })).toBe('<main>hi</main>');
    expect(() => renderHtml('{% include "/etc/passwd" %}', {}, { templates })).toThrow(/template not found: \/etc\/passwd/);
  });

  it('names the template, line and column of a syntax error', () => {
    let error: unknown;
    try {
      renderHtml('<p>\n{% for x in %}</p>', {}, { name: 'rates.html' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).code).toBe('template-syntax');
    expect((error as ReportError).message).toMatch(/^rates\.html:2:\d+: /);
  });

  it('throws on an undefined variable in strict mode, naming it', () => {
    expect(renderHtml('<p>{{ missing }}</p>', {})).toBe('<p></p>');
    expect(() => renderHtml('<p>{{ missing }}</p>', {}, { strict: true })).toThrow(ReportError);
  });
});
