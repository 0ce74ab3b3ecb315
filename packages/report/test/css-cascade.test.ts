import { describe, expect, it } from 'vitest';
import { type ComputedStyle, computeStyle, rootStyle, Stylesheet } from '../src/css/computed.js';
import { parseStylesheet } from '../src/css/parse.js';
import { parseSelector } from '../src/css/selectors.js';
import { type ElementNode, parseHtml } from '../src/html.js';

/** The computed style of every element with an id, walking the tree from the root as layout does. */
function styles(
  html: string,
  css: string,
  options: { imports?: Record<string, string> } = {},
): Record<string, ComputedStyle> & { warnings: string[] } {
  const parsed = parseHtml(html);
  const sheet = new Stylesheet([css, ...parsed.styles], [], (url) => options.imports?.[url]);
  const out: Record<string, ComputedStyle> = {};
  const walk = (el: ElementNode, parent: ComputedStyle) => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      const s = computeStyle(c, parent, sheet);
      if (c.attrs.id) out[c.attrs.id] = s;
      walk(c, s);
    }
  };
  walk(parsed.root, rootStyle('DejaVu Sans'));
  return Object.assign(out, { warnings: [...sheet.warnings] });
}

const RED = [1, 0, 0];
const BLUE = [0, 0, 1];
const BLACK = [0, 0, 0];

describe('selectors', () => {
  it('match descendants and children, not children of children for ">"', () => {
    const s = styles(
      '<div class="card"><p id="a">x</p><section><p id="b">y</p></section></div><p id="c">z</p>',
      '.card p { color: red } .card > p { font-size: 20pt }',
    );
    expect(s.a?.color).toEqual(RED);
    expect(s.b?.color).toEqual(RED);
    expect(s.c?.color).toEqual(BLACK);
    expect(s.a?.fontSize).toBe(20);
    expect(s.b?.fontSize).toBe(10);
  });

  it('match next and later siblings', () => {
    const s = styles(
      '<h2 id="h">t</h2><p id="a">1</p><p id="b">2</p><p id="c">3</p>',
      'h2 + p { color: red } h2 ~ p { font-weight: bold }',
    );
    expect([s.a?.color, s.b?.color, s.c?.color]).toEqual([RED, BLACK, BLACK]);
    expect([s.a?.bold, s.b?.bold, s.c?.bold]).toEqual([true, true, true]);
  });

  it('match attributes with every operator and the i flag', () => {
    const s = styles(
      '<a id="a" href="https://x.org/a.pdf" lang="en-GB" class="btn big" data-k="Yes">1</a>',
      `[href^="https"] { font-weight: bold } [href$=".pdf"] { font-style: italic } [href*="x.org"] { text-decoration: underline }
       [lang|="en"] { color: red } [class~="big"] { font-size: 14pt } [data-k="yes" i] { letter-spacing: 1pt }`,
    );
    expect(s.a?.bold).toBe(true);
    expect(s.a?.italic).toBe(true);
    expect(s.a?.color).toEqual(RED);
    expect(s.a?.fontSize).toBe(14);
    expect(s.a?.letterSpacing).toBe(1);
  });

  it('match :first-child, :last-child, :nth-child(2n+1), :nth-of-type, :not() and :root', () => {
    const s = styles(
      '<html id="root"><body><ul><li id="l1">a</li><li id="l2">b</li><li id="l3">c</li><li id="l4">d</li></ul><div><span id="s1">x</span><b id="b1">y</b><span id="s2">z</span></div></body></html>',
      `li:first-child { color: red } li:last-child { color: blue } li:nth-child(2n+1) { font-weight: bold }
       span:nth-of-type(2) { font-style: italic } div > :not(span) { font-size: 7pt } :root { line-height: 2 }`,
    );
    expect([s.l1?.color, s.l2?.color, s.l4?.color]).toEqual([RED, BLACK, BLUE]);
    expect([s.l1?.bold, s.l2?.bold, s.l3?.bold, s.l4?.bold]).toEqual([true, false, true, false]);
    expect([s.s1?.italic, s.s2?.italic]).toEqual([false, true]);
    expect([s.s1?.fontSize, s.b1?.fontSize]).toEqual([10, 7]);
    expect(s.root?.lineHeight).toBe(2);
  });

  it('have CSS specificity: (ids, classes, types)', () => {
    expect(parseSelector('#a .b > p:first-child::before').specificity).toBe(1_000_000 + 2000 + 2);
    expect(parseSelector('ul li:not(.x, #y)').specificity).toBe(1_000_000 + 2);
  });
});

describe('the cascade', () => {
  it('orders by specificity then source order; !important wins over inline style', () => {
    const s = styles(
      '<p id="a" class="note" style="color: blue; font-size: 9pt">x</p>',
      '#a { color: red } p.note { font-size: 12pt !important } .note { font-weight: bold } p { font-weight: normal }',
    );
    expect(s.a?.color).toEqual(BLUE); // inline beats an id
    expect(s.a?.fontSize).toBe(12); // !important beats inline
    expect(s.a?.bold).toBe(true); // a class beats a type, whatever the order
  });

  it('expands shorthands so a later longhand wins, and the reverse', () => {
    const s = styles(
      '<p id="a">x</p><p id="b">y</p>',
      '#a { margin: 4pt; margin-left: 10pt } #b { margin-left: 10pt } p#b { margin: 2pt 3pt }',
    );
    expect(s.a?.margin).toEqual([4, 4, 4, 10]);
    expect(s.b?.margin).toEqual([2, 3, 2, 3]);
  });

  it('inherits text properties and not box ones; inherit and initial', () => {
    const s = styles(
      '<div id="d"><p id="p">x</p><p id="q">y</p></div>',
      '#d { color: red; padding: 5pt; letter-spacing: 2pt } #p { padding: inherit } #q { color: initial }',
    );
    expect(s.p?.color).toEqual(RED);
    expect(s.p?.letterSpacing).toBe(2);
    expect(s.p?.padding).toEqual([5, 5, 5, 5]);
    expect(s.q?.color).toEqual(BLACK);
    expect(s.q?.padding).toEqual([0, 0, 0, 0]);
  });

  it('applies @media print, skips @media screen, and reads @import from the templates', () => {
    const s = styles(
      '<p id="a">x</p>',
      '@import "base.css"; @media screen { p { color: red } } @media print { p { font-size: 11pt } } @media (max-width: 600px) { p { font-style: italic } }',
      { imports: { 'base.css': 'p { font-weight: bold }' } },
    );
    expect(s.a?.color).toEqual(BLACK);
    expect(s.a?.fontSize).toBe(11);
    expect(s.a?.italic).toBe(false);
    expect(s.a?.bold).toBe(true);
  });

  it('resolves lengths: rem, ex, ch, mm, in, calc()', () => {
    const s = styles(
      '<div id="a">x</div>',
      '#a { margin-top: 2rem; margin-right: 10mm; margin-bottom: 0.5in; padding-left: calc(100pt - 2em); padding-top: 2ch }',
    );
    expect(s.a?.margin[0]).toBeCloseTo(20, 10);
    expect(s.a?.margin[1]).toBeCloseTo(28.3465, 3);
    expect(s.a?.margin[2]).toBe(36);
    expect(s.a?.padding[3]).toBe(80);
    expect(s.a?.padding[0]).toBeCloseTo((2 * 10 * 1303) / 2048, 10);
  });

  it('composites a translucent colour over white and reads hsl()', () => {
    const s = styles(
      '<p id="a">x</p><p id="b">y</p>',
      '#a { background: rgba(0, 0, 255, 0.5) } #b { color: hsl(120, 100%, 25%) }',
    );
    expect(s.a?.background).toEqual([0.5, 0.5, 1]);
    expect(s.b?.color?.map((c) => Math.round(c * 255))).toEqual([0, 128, 0]);
  });

  it('warns once per unsupported selector, property and value, naming the line', () => {
    const s = styles(
      '<p id="a" style="transform: rotate(2deg)">x</p>',
      'p::first-line { color: red }\np { color: nonsense; clip-path: circle() }',
    );
    expect(s.warnings.sort()).toEqual([
      'unsupported CSS property "clip-path" ignored',
      'unsupported CSS property "transform" ignored (line 1)',
      'unsupported CSS selector "p::first-line" ignored (pseudo-element ::first-line)',
      'unsupported value "nonsense" for color ignored',
    ]);
  });
});

describe('stylesheet parsing', () => {
  it('keeps @page rules and their margin boxes apart', () => {
    const sheet = parseStylesheet(
      '@page { size: A5 landscape; margin: 1cm; @bottom-center { content: counter(page) } } @page :first { margin-top: 2cm }',
    );
    expect(sheet.pages.map((p) => p.pseudo)).toEqual(['', 'first']);
    expect(sheet.pages[0]?.declarations.map((d) => d.name)).toEqual([
      'size',
      'margin-top',
      'margin-right',
      'margin-bottom',
      'margin-left',
    ]);
    expect(Object.keys(sheet.pages[0]?.boxes ?? {})).toEqual(['bottom-center']);
  });

  it('does not split declarations inside strings and data URIs', () => {
    const sheet = parseStylesheet('p::before { content: "a;b" } div { background: url(data:image/png;base64,AAAA) #fff }');
    expect(sheet.rules[0]?.declarations[0]?.value).toBe('"a;b"');
    expect(sheet.rules[1]?.declarations.map((d) => [d.name, d.value])).toEqual([
      ['background-color', '#fff'],
      ['background-image', 'url(data:image/png;base64,AAAA)'],
    ]);
  });
});
