import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floatBoxes, type LaidOutBoxes } from './float-boxes.js';
import { type MeasuredBox, measureBoxes, openChromium } from './reference/float-line-chromium.mjs';

// Floats met mid-paragraph, differential against live Chromium on generated paragraphs (seeded):
// words of random lengths with one to three floats among them (left or right, some inside <em>,
// random widths and heights), sometimes a second paragraph with `clear`. Each float's box and each
// line's top, left edge and first word must agree to 0.01 pt.
//
// The text is DejaVu Sans Mono, so every line's content is a whole number of character advances
// (a = 15 × 1233/2048 px ≈ 9.03 px, no kerning); the box is 40.5 advances wide and each float a
// whole number of advances, each rounded to whole pixels (Chromium lays out in 1/64 px, which
// would move fractional edges by up to 0.012 pt): the room beside the floats stays at least 2.5 px
// from a word boundary, so whether a word or a float fits never hangs on sub-pixel differences.

const A = (15 * 1233) / 2048; // DejaVu Sans Mono's advance, 1233 of 2048 units, at 15 px
const BOX = Math.round(40.5 * A);
const STYLE = `<style>body { margin: 0; font-family: 'DejaVu Sans Mono'; font-size: 15px; line-height: 20px }
.box { width: ${BOX}px; overflow: hidden } p { margin: 0 } .f { background: #9ab }</style>`;

interface Float {
  side: 'left' | 'right';
  chars: number;
  height: number;
  inEm: boolean;
}
interface Case {
  words: string[];
  floats: { at: number; float: Float }[];
  second?: { words: string[]; clear: boolean };
}

const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 9 });
const float: fc.Arbitrary<Float> = fc.record({
  side: fc.constantFrom('left' as const, 'right' as const),
  chars: fc.integer({ min: 3, max: 22 }),
  height: fc.integer({ min: 8, max: 90 }),
  inEm: fc.boolean(),
});
const aCase: fc.Arbitrary<Case> = fc
  .record({
    words: fc.array(word, { minLength: 8, maxLength: 70 }),
    floats: fc.array(fc.record({ at: fc.nat(), float }), { minLength: 1, maxLength: 3 }),
    second: fc.option(fc.record({ words: fc.array(word, { minLength: 5, maxLength: 40 }), clear: fc.boolean() }), {
      nil: undefined,
    }),
  })
  .map((c) => ({
    ...c,
    floats: c.floats.map((f) => ({ ...f, at: 1 + (f.at % (c.words.length - 1)) })).sort((p, q) => p.at - q.at),
  }));

function html(c: Case): string {
  let body = '';
  c.words.forEach((w, i) => {
    const here = c.floats.filter((f) => f.at === i).map((f) => f.float);
    const spans = here
      .map((f) => `<span class="f" style="float: ${f.side}; width: ${Math.round(f.chars * A)}px; height: ${f.height}px"></span>`)
      .join('');
    body += here.some((f) => f.inEm) ? `<em>${spans}${w}</em> ` : `${spans}${w} `;
  });
  let second = '';
  if (c.second) second = `<p${c.second.clear ? ' style="clear: both"' : ''}>${c.second.words.join(' ')}</p>`;
  return `${STYLE}<div class="box"><p>${body.trim()}</p>${second}</div>`;
}

// FLOAT_SEED and FLOAT_RUNS explore further. When this was written, 897 of 900 cases (seeds 1, 2
// and 3, 300 each) agreed; the three that did not each have a float first in an inline element
// (`x <em><float>y</em>`) on a line that ends just before that element, where Chromium's line
// breaker takes back some floats it placed on the line (they go below it) and keeps others, by
// rules of its implementation that CSS leaves open and that are not reproduced here.
const SEED = Number(process.env.FLOAT_SEED ?? 20261207);
const RUNS = Number(process.env.FLOAT_RUNS ?? 40);
const cases = fc.sample(aCase, { seed: SEED, numRuns: RUNS });
let chromiumBoxes: MeasuredBox[] = [];
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const { browser, page } = await openChromium();
  close = () => browser.close();
  // All cases on one page, one box each (overflow: hidden keeps each one's floats in it), measured
  // in one pass.
  const all = cases.map((c) => html(c).replace(STYLE, '')).join('');
  chromiumBoxes = await measureBoxes(page, `${STYLE}${all}`);
}, 60_000); // a cold Chromium start on a busy machine

afterAll(async () => {
  await close?.();
});

const near = (a: number, b: number) => Math.abs(a - b) <= 0.01;

/** Floats top to bottom, left to right (our draws come in the order of the lines carrying them). */
const byPlace = (fs: MeasuredBox['floats']) => [...fs].sort((p, q) => p.y - q.y || p.x - q.x);

function agree(ours: LaidOutBoxes, theirs: MeasuredBox): string | undefined {
  if (ours.floats.length !== theirs.floats.length) return `${ours.floats.length} floats, Chromium ${theirs.floats.length}`;
  const chromium = byPlace(theirs.floats);
  for (const [i, f] of byPlace(ours.floats).entries()) {
    const g = chromium[i] as MeasuredBox['floats'][number];
    if (!near(f.x, g.x) || !near(f.y, g.y) || !near(f.w, g.w) || !near(f.h, g.h))
      return `float ${i}: ours ${JSON.stringify(f)}, Chromium ${JSON.stringify(g)}`;
  }
  if (ours.lines.length !== theirs.lines.length) return `${ours.lines.length} lines, Chromium ${theirs.lines.length}`;
  for (const [i, l] of ours.lines.entries()) {
    const g = theirs.lines[i] as MeasuredBox['lines'][number];
    if (!near(l.y, g.y) || !near(l.x, g.x) || l.word !== g.word)
      return `line ${i}: ours ${JSON.stringify(l)}, Chromium ${JSON.stringify(g)}`;
  }
  return undefined;
}

describe(`floats met mid-paragraph against live Chromium (${RUNS} generated cases, seed ${SEED})`, () => {
  it('measured every case in Chromium', () => {
    expect(chromiumBoxes).toHaveLength(RUNS);
  });

  it('places every float and line where Chromium does, to 0.01 pt', async () => {
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const problem = agree(await floatBoxes(html(c), 15), chromiumBoxes[i] as MeasuredBox);
      if (problem) failures.push(`case ${i}: ${problem}\n  ${html(c).replace(STYLE, '')}`);
    }
    expect(failures).toEqual([]);
  }, 20_000); // 40 layouts: about a second, more on a busy machine
});
