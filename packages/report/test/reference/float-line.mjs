// Where Chromium puts floats met in the middle of a paragraph (CSS 2.1 §9.5.1), and the lines
// around them: the reference for test/float-line.test.ts.
//
// Run from the repository root (needs Debian's chromium; playwright-core is a dev dependency):
//
//     node packages/report/test/reference/float-line.mjs > packages/report/test/reference/float-line.json
//
// Each case is a fragment laid out in a 400 px (300 pt) wide box at the page's top-left, in
// DejaVu Sans 15 px (11.25 pt) on 20 px (15 pt) lines, so that every position that matters is a
// whole number of CSS pixels in both engines (Chromium lays out in 1/64 px units; the float sizes,
// margins and line heights are whole pixels). Chromium lays the page out for the screen, in a
// viewport wider than the box (the box's width is fixed, so the viewport does not matter).
//
// What is read (float-line-chromium.mjs): each float's border box, and each line's top, left edge
// and first word, from the DOM after layout, relative to the box's top-left, in points.
// Written vectors: {id, source, inputs: {html}, expected: {floats, lines}}.
import { measureBoxes, openChromium } from './float-line-chromium.mjs';

const STYLE = `<style>
body { margin: 0; font-family: 'DejaVu Sans'; font-size: 15px; line-height: 20px }
.box { width: 400px } p { margin: 0 }
.f { background: #9ab; height: 60px }
</style>`;

const words = (from, count) =>
  Array.from({ length: count }, (_, i) => ['data', 'model', 'report', 'sample', 'value', 'test'][(from + i) % 6]).join(' ');

/** The cases: each exercises one rule of a float met after text in its paragraph. */
const CASES = [
  {
    id: 'left-fits-on-its-line',
    note: 'a left float after a few words fits beside them: placed at that line top, the line narrows',
    body: `<p>${words(0, 24)} <span class="f" style="float: left; width: 100px"></span>${words(3, 40)}</p>`,
  },
  {
    id: 'right-fits-on-its-line',
    note: 'a right float mid-paragraph beside the text before it',
    body: `<p>${words(1, 20)} <span class="f" style="float: right; width: 120px; height: 50px"></span>${words(2, 40)}</p>`,
  },
  {
    id: 'too-wide-goes-below-its-line',
    note: 'a float that does not fit beside its line content so far starts at the next line',
    body: `<p>${words(0, 13)} <span class="f" style="float: left; width: 230px; height: 40px"></span>${words(4, 40)}</p>`,
  },
  {
    id: 'two-floats-in-one-paragraph',
    note: 'a left and a right float met on different lines of one paragraph',
    body: `<p>${words(2, 12)} <span class="f" style="float: left; width: 90px; height: 45px"></span>${words(0, 30)} <span class="f" style="float: right; width: 110px; height: 70px"></span>${words(5, 40)}</p>`,
  },
  {
    id: 'float-inside-an-inline-element',
    note: 'a float inside <em> (an inline element) placed at its line',
    body: `<p>${words(1, 14)} <em>${words(3, 3)} <span class="f" style="float: right; width: 80px; height: 40px"></span>${words(4, 4)}</em> ${words(0, 40)}</p>`,
  },
  {
    id: 'clear-below-a-mid-paragraph-float',
    note: 'a later block with clear: both starts below a float placed mid-paragraph',
    body: `<p>${words(0, 16)} <span class="f" style="float: left; width: 100px; height: 120px; margin-right: 10px"></span>${words(3, 6)}</p><p style="clear: both">${words(1, 12)}</p>`,
  },
  {
    id: 'float-at-the-end-of-a-paragraph',
    note: 'a float after the last word that does not fit beside the last line: below it, the next paragraph wraps',
    body: `<p>${words(0, 18)}<span class="f" style="float: right; width: 300px; height: 40px"></span></p><p>${words(2, 30)}</p>`,
  },
  {
    id: 'second-float-beside-the-first',
    note: 'two left floats met on the same line sit side by side, the line narrowed by both',
    body: `<p>${words(0, 10)} <span class="f" style="float: left; width: 60px; height: 40px"></span><span class="f" style="float: left; width: 70px; height: 80px"></span>${words(1, 40)}</p>`,
  },
  {
    id: 'shrink-to-fit-float-holding-a-float',
    note: 'a float as wide as its content, which holds a float: counted in its width, placed inside it only, the float as tall as it',
    body: `<div class="f" style="float: right"><span class="f" style="float: left; width: 30px; height: 50px"></span><svg width="90" height="10"></svg></div><p>${words(0, 40)}</p>`,
  },
];

const { browser, page, version } = await openChromium();
const vectors = [];
for (const c of CASES) {
  const html = `${STYLE}<div class="box">${c.body}</div>`;
  const [expected] = await measureBoxes(page, html);
  vectors.push({
    id: c.id,
    source: `Chromium ${version} (Debian), DOM rects after layout: ${c.note}`,
    inputs: { html },
    expected,
  });
}
await browser.close();
process.stdout.write(`${JSON.stringify(vectors, null, 1)}\n`);
