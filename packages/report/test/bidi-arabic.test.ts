// Right-to-left text and Arabic joining, checked against references: Unicode's conformance test
// for the bidirectional algorithm (BidiCharacterTest.txt) and HarfBuzz shaping Arabic with DejaVu
// Sans (hb-shape, the font's own tables). The fixtures and the scripts that made them say where
// each came from (scripts/bidi-reference.py, scripts/shaping-reference.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dejaVuFonts } from '../src/node.js';
import { joinArabic, joiningOf } from '../src/text/arabic.js';
import { ARABIC_FORMS } from '../src/text/arabic-forms.js';
import { paragraphBidi, visualOrder } from '../src/text/bidi.js';
import { FontSet } from '../src/text/fonts.js';
import { renderWithBoxes } from './boxes.js';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as T;

describe('the bidirectional algorithm (UAX #9) against BidiCharacterTest.txt', () => {
  const { source, cases } = fixture<{
    source: string;
    cases: { text: string; direction: 'ltr' | 'rtl' | 'auto'; level: number; levels: string; order: string }[];
  }>('bidi-character-test.json');

  it(`resolves levels and orders lines as the reference does (${cases.length} cases of ${source})`, () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const chars = c.text.split(' ').map((h) => String.fromCodePoint(Number.parseInt(h, 16)));
      const p = paragraphBidi(chars.join(''), chars, c.direction);
      const levels = c.levels.split(' ');
      const got = p ? Array.from(p.levels, String) : chars.map(() => '0');
      const kept = levels.flatMap((l, i) => (l === 'x' ? [] : [i]));
      const order = (p ? (visualOrder(p, 0, chars.length) ?? kept) : kept).filter((i) => levels[i] !== 'x');
      const same =
        kept.every((i) => got[i] === levels[i]) && order.join(' ') === c.order && (p?.rtl ?? false) === (c.level === 1);
      if (!same)
        wrong.push(
          `${c.text};${c.direction}: levels ${got.join(' ')} order ${order.join(' ')}, expected ${c.levels} / ${c.order}`,
        );
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('Arabic joining against HarfBuzz', () => {
  const { source, cases, joining } = fixture<{
    source: string;
    cases: { text: string; gids: number[] }[];
    joining: Record<string, string>;
  }>('arabic-shaping.json');
  const face = new FontSet(dejaVuFonts()).faceFor(['DejaVu Sans'], false, false, 0x0627);
  if (!face) throw new Error('DejaVu Sans has no Arabic');
  const gid = (cp: number) => face.glyph(cp)?.id ?? 0;
  const isolatedOf = new Map([...ARABIC_FORMS].map(([base, forms]) => [forms[0], base]));

  // HarfBuzz draws a joiner with an empty glyph (the space's); the layout draws nothing for it.
  const EMPTY = gid(0x20);
  const glyphs = (text: string, gids: number[]) =>
    [...joinArabic(text, (cp) => face.glyph(cp) !== null)].map((c, k) => {
      const cp = c.codePointAt(0) as number;
      if (cp === 0x200c || cp === 0x200d) return EMPTY;
      // DejaVu draws an isolated letter with the letter's own glyph: HarfBuzz names that one.
      return gid(cp) !== gids[k] && isolatedOf.has(cp) ? gid(isolatedOf.get(cp) as number) : gid(cp);
    });
  // Shadda with a vowel mark: the font's GSUB draws the two as one unencoded glyph, which only a
  // shaping engine reaches; here they stay two marks. The letters around them join the same.
  const markLigatures = new Set(['مُحَمَّد']);

  it.each(cases.filter((c) => !markLigatures.has(c.text)).map((c) => [c.text, c.gids] as const))(
    `shapes %s as ${source.split(' with')[0]} does`,
    (text, gids) => {
      expect(glyphs(text, gids)).toEqual(gids);
    },
  );

  it('lets marks between letters keep the join (مُحَمَّد joins as محمد)', () => {
    const has = (cp: number) => face.glyph(cp) !== null;
    const withoutMarks = [...joinArabic('مُحَمَّد', has)].filter((c) => !/\p{Mn}/u.test(c)).join('');
    expect(withoutMarks).toBe(joinArabic('محمد', has));
    const plain = cases.find((c) => c.text === 'محمد') as (typeof cases)[number];
    expect(glyphs('محمد', plain.gids)).toEqual(plain.gids);
  });

  it('derives each letter’s joining type as ArabicShaping.txt gives it', () => {
    const derived = [...ARABIC_FORMS.keys()].map(
      (cp) => [cp.toString(16).toUpperCase().padStart(4, '0'), joiningOf(cp)] as const,
    );
    for (const [hex, type] of derived)
      expect(`${hex} ${type}`).toBe(`${hex} ${{ D: 'dual', R: 'right', U: 'none' }[joining[hex] as 'D']}`);
    expect(derived.length).toBeGreaterThan(70);
    // Not listed: marks are transparent, other characters do not join.
    expect([joiningOf(0x064e), joiningOf(0x0300), joiningOf(0x0041), joiningOf(0x200c), joiningOf(0x0640)]).toEqual([
      'transparent',
      'transparent',
      'none',
      'none',
      'causing',
    ]);
  });
});

describe('right-to-left text in the PDF', () => {
  const options = { fonts: dejaVuFonts(), deterministic: true, onWarning: () => {} };

  it('draws a right-to-left paragraph from the right margin, runs in visual order, brackets mirrored', async () => {
    const { boxes, pageSize } = await renderWithBoxes('<p dir="rtl">שלום עולם (hello) 123.</p>', {}, options);
    // Left to right on the page: ". 123 (hello) םלוע םולש", ending at the right margin.
    expect(boxes.map((b) => b.text)).toEqual(['.', '123', ' (', 'hello', ') םלוע םולש']);
    const last = boxes.at(-1) as (typeof boxes)[number];
    expect(last.x + last.w).toBeCloseTo(pageSize[0] - 56.7, 1);
    for (let k = 1; k < boxes.length; k++)
      expect((boxes[k] as (typeof boxes)[number]).x).toBeGreaterThan((boxes[k - 1] as (typeof boxes)[number]).x);
  });

  it('keeps a left-to-right paragraph left-aligned, its Hebrew run reversed, as a browser does', async () => {
    const { boxes } = await renderWithBoxes('<p>Shalom: שלום עולם!</p>', {}, options);
    expect(boxes.map((b) => b.text)).toEqual(['Shalom: ', 'םלוע םולש', '!']);
    expect(boxes[0]?.x).toBeCloseTo(56.7, 1);
  });

  it('takes the direction from the first strong letter with dir="auto" and from CSS direction', async () => {
    const auto = await renderWithBoxes('<p dir="auto">שלום world</p><p dir="auto">world שלום</p>', {}, options);
    // The space between takes the paragraph's direction (rule N1/N2): right to left in the first.
    expect(auto.boxes.map((b) => b.text)).toEqual(['world', ' םולש', 'world ', 'םולש']);
    expect(auto.boxes[0]?.x).toBeGreaterThan(300); // right-aligned
    expect(auto.boxes[2]?.x).toBeCloseTo(56.7, 1);
    const css = await renderWithBoxes('<style>.he { direction: rtl }</style><p class="he">אבג 1</p>', {}, options);
    expect(css.boxes.map((b) => b.text)).toEqual(['1', ' גבא']);
  });

  it('joins Arabic letters and draws the lam-alef ligature', async () => {
    const { boxes } = await renderWithBoxes('<p dir="rtl">السلام عليكم</p>', {}, options);
    expect(boxes.map((b) => b.text)).toEqual(['\ufee2\ufedc\ufef4\ufee0\ufecb \ufee1\ufefc\ufeb4\ufedf\ufe8d']);
  });
});

describe('a right-to-left table', () => {
  const options = { fonts: dejaVuFonts(), deterministic: true, onWarning: () => {} };

  it('puts its first column on the right, stands against the right margin, and aligns its text right', async () => {
    const template = `<table dir="rtl" border="1"><thead><tr><th>שם</th><th>סכום</th><th colspan="2">הערה</th></tr></thead>
<tbody><tr><td>אבי</td><td>120</td><td>a</td><td>b</td></tr><tr><td>Dana</td><td>7</td><td colspan="2">ok</td></tr></tbody></table>`;
    const { boxes, pageSize } = await renderWithBoxes(template, {}, options);
    const at = (text: string) => boxes.find((b) => b.text === text) as (typeof boxes)[number];
    // Columns right to left: name, amount, note (two columns under one header).
    expect(at('םש').x).toBeGreaterThan(at('םוכס').x);
    expect(at('םוכס').x).toBeGreaterThan(at('הרעה').x);
    expect(at('a').x).toBeGreaterThan(at('b').x);
    expect(at('Dana').x).toBeGreaterThan(at('7').x);
    // The table ends at the right margin, less the border and the padding.
    expect(at('םש').x + at('םש').w).toBeGreaterThan(pageSize[0] - 56.7 - 10);
    // Numbers right-aligned within their column, as in a left-to-right table.
    expect(at('7').x + at('7').w).toBeCloseTo(at('120').x + at('120').w, 1);
  });
});
