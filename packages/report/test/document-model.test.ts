import { describe, expect, it } from 'vitest';
import { computeStyle, parseColor, parseLength, rootStyle, Stylesheet } from '../src/css/computed.js';
import { type ElementNode, parseHtml, streamRows, textContent } from '../src/html.js';
import { renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';

const el = (tag: string, attrs: Record<string, string> = {}): ElementNode => ({ type: 'element', tag, attrs, children: [] });

describe('parseHtml', () => {
  it('builds a tree, closing what HTML lets a template leave open', () => {
    const { root } = parseHtml('<ul><li>a<li>b</ul><p>one<p>two<table><tr><td>1<td>2<tr><td>3</table>');
    const [ul, p1, p2, table] = root.children as ElementNode[];
    expect(ul?.children.map((c) => textContent(c))).toEqual(['a', 'b']);
    expect(textContent(p1 as ElementNode)).toBe('one');
    expect(textContent(p2 as ElementNode)).toBe('two');
    expect(((table as ElementNode).children as ElementNode[]).map((tr) => tr.children.map((td) => textContent(td)))).toEqual([
      ['1', '2'],
      ['3'],
    ]);
  });

  it('streams the body rows of a long table: dropped from the tree, parsed again one at a time', () => {
    const html =
      '<p>x</p><table><thead><tr><th>h</th></tr></thead><tbody>\n<tr><td>1<tr><td>2</td></tr>\n<tr><td><img src="a.png">3</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table><p>y</p>';
    const parsed = parseHtml(html, { streamTablesAfter: 2 });
    const table = parsed.root.children[1] as ElementNode;
    expect(table.streamed).toBeDefined();
    expect(table.children.map((g) => [(g as ElementNode).tag, textContent(g)])).toEqual([
      ['thead', 'h'],
      ['tbody', ''],
      ['tfoot', 'f'],
    ]);
    expect(textContent(parsed.root.children[2] as ElementNode)).toBe('y');
    expect(parsed.images).toEqual(['a.png']);
    const rows = [...streamRows(table)];
    expect(rows.map((r) => [textContent(r.tr), r.group?.tag])).toEqual([
      ['1', 'tbody'],
      ['2', 'tbody'],
      ['3', 'tbody'],
    ]);
    expect(parseHtml(html).root.children[1]).not.toHaveProperty('streamed');
  });

  it('decodes character references and keeps the title and stylesheets', () => {
    const parsed = parseHtml('<title>A &amp; B</title><style>p { color: red }</style><p>&lt;x&gt; &#233;&#x20AC;&nbsp;</p>');
    expect(parsed.title).toBe('A & B');
    expect(parsed.styles).toEqual(['p { color: red }']);
    expect(textContent(parsed.root)).toBe('<x> é€\u00a0');
  });

  it('warns about each unsupported element by name, and drops scripts', () => {
    const parsed = parseHtml('<form><input></form><script>alert(1)</script><p>ok</p>');
    expect(parsed.warnings).toEqual([
      'unsupported element <form> rendered as a plain container',
      'unsupported element <input> rendered as a plain container',
      'unsupported element <script> dropped',
    ]);
    expect(textContent(parsed.root)).toBe('ok');
  });
});

describe('CSS subset', () => {
  it('cascades element, class and inline declarations by specificity', () => {
    const sheet = new Stylesheet(['p { color: #ff0000; font-size: 12pt } .note { color: blue } p.note { font-style: italic }']);
    const s = computeStyle(
      el('p', { class: 'note', style: 'font-weight: bold; margin: 1em 0' }),
      rootStyle('DejaVu Sans'),
      sheet,
    );
    expect(s.color).toEqual([0, 0, 1]);
    expect(s.fontSize).toBe(12);
    expect(s.italic).toBe(true);
    expect(s.bold).toBe(true);
    expect(s.margin).toEqual([12, 0, 12, 0]);
  });

  it('inherits font and colour but not box properties', () => {
    const sheet = new Stylesheet(['div { color: #00ff00; padding: 4pt; background: #eee }']);
    const div = computeStyle(el('div'), rootStyle('X'), sheet);
    const span = computeStyle(el('span'), div, sheet);
    expect(span.color).toEqual([0, 1, 0]);
    expect(span.padding).toEqual([0, 0, 0, 0]);
    expect(span.background).toBeUndefined();
  });

  it('warns about unsupported properties and selectors, naming them', () => {
    const sheet = new Stylesheet(['p::first-line { color: red } p { shape-outside: circle(); color: red }']);
    computeStyle(el('p', { style: 'transform: scale(2)' }), rootStyle('X'), sheet);
    expect([...sheet.warnings].sort()).toEqual([
      'unsupported CSS property "shape-outside" ignored',
      'unsupported CSS property "transform" ignored',
      'unsupported CSS selector "p::first-line" ignored (pseudo-element ::first-line)',
    ]);
  });

  it('parses lengths and colours', () => {
    expect(parseLength('16px', 10)).toBe(12);
    expect(parseLength('2em', 10)).toBe(20);
    expect(parseLength('25.4mm', 10)).toBeCloseTo(72, 10);
    expect(parseLength('50%', 10, 300)).toBe(150);
    expect(parseColor('#abc')).toEqual([0xaa / 255, 0xbb / 255, 0xcc / 255]);
    expect(parseColor('rgb(255, 0, 51)')).toEqual([1, 0, 0.2]);
    expect(parseColor('chartreuse-ish')).toBeUndefined();
  });

  it('reports unsupported features of a template through onWarning, never silently', async () => {
    const warnings: string[] = [];
    await renderPdf(
      '<style>p { shape-outside: circle() }</style><form><p style="transform: scale(2)">x</p></form>',
      {},
      { fonts: dejaVuFonts(), onWarning: (w) => warnings.push(w) },
    );
    expect(warnings.sort()).toEqual([
      'unsupported CSS property "shape-outside" ignored (line 1)',
      'unsupported CSS property "transform" ignored (line 1)',
      'unsupported element <form> rendered as a plain container',
    ]);
  });
});

describe('document title', () => {
  it("is the first <title> outside SVG, not a chart's tooltip", () => {
    expect(parseHtml('<svg><polyline><title>$100</title></polyline></svg><title>Rates</title>').title).toBe('Rates');
  });
});
