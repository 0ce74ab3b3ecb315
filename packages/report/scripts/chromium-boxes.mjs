// Reference boxes measured in Debian's Chromium (/usr/bin/chromium, driven by playwright-core),
// for the unit tests of named pages, counter-set and percentage offsets (test/chromium-boxes.test.ts):
//   node scripts/chromium-boxes.mjs        (from packages/report; @ds/testkit built)
// writes test/reference/chromium-boxes.json: each case's HTML and what Chromium made of it.
// - `pdf` cases are printed (page.pdf with the CSS page size, as --print-to-pdf does): each page's
//   size (pdf-lib) and its text lines (pdf.js through @ds/testkit's pdfTextItems: items on one
//   baseline joined), x and y of the baseline start in PDF points (y up from the page's bottom).
// - `dom` cases are laid out for print (emulated print media) in a viewport as wide as the page's
//   content area: the border boxes of the elements with an id, in points (1 px = 0.75 pt), from
//   the content area's top-left corner.
// All lengths in the cases are whole CSS pixels, so that Chromium's pixel snapping does not move them.
import { writeFileSync } from 'node:fs';
import { pdfTextItems } from '@ds/testkit';
import { PDFDocument } from 'pdf-lib';
import { chromium } from 'playwright-core';
import { textLines } from './text-lines.mjs';

const FONT = 'body { margin: 0; font: 16px/20px "DejaVu Sans" } p { margin: 0 }';
const words = (n, from = 0) => Array.from({ length: n }, (_, i) => `word${i + from}`).join(' ');

const CASES = [
  {
    name: 'named-landscape',
    kind: 'pdf',
    about: 'a landscape named page between portrait ones: forced breaks, its own size, margins and margin boxes',
    html: `<style>${FONT}
@page { size: 816px 1056px; margin: 96px; @top-center { content: "P" counter(page) } }
@page land { size: 1056px 816px; margin: 48px 64px; @top-center { content: "L" counter(page) " of " counter(pages) } }
.wide { page: land; background: #cde }
</style><p>Portrait before.</p>
<div class="wide"><p>First wide: ${words(40)}</p></div>
<div class="wide"><p>Second wide, same page: ${words(10, 40)}</p></div>
<p>Portrait after.</p>`,
  },
  {
    name: 'named-first-nested',
    kind: 'pdf',
    about:
      'the first page takes the name of the first block; a named block nested in an unnamed one breaks it; break-before and a name change make one break',
    html: `<style>${FONT}
@page { size: 816px 1056px; margin: 96px }
@page cover { size: 600px 800px; margin: 40px }
@page wide { size: 1056px 816px; margin: 48px }
@page wide:left { @bottom-left { content: "wide left " counter(page) } }
@page :right { @bottom-right { content: "right " counter(page) } }
.cover { page: cover } .sec { padding: 0 32px } .w { page: wide; break-before: page }
</style><div class="cover"><p>Cover page ${words(12)}</p></div>
<div class="sec"><p>Section start.</p><div class="w"><p>Wide inside: ${words(30)}</p></div><p>Section end.</p></div>`,
  },
  {
    name: 'counter-set',
    kind: 'pdf',
    about:
      'counter-set after reset and increment, on the innermost counter only (counters()), making a counter where none is, on ::before; counter-set of page on an element and on @page',
    html: `<style>${FONT}
@page { size: 816px 1056px; margin: 96px; @bottom-center { content: "page " counter(page) } }
body { counter-reset: sec item } h2 { font-size: 16px; margin: 0; counter-increment: sec } h2::before { content: counter(sec) ". " }
h2.jump { counter-set: sec 10 } .list { counter-reset: item } .li { counter-increment: item } .li::before { content: counters(item, ".") " " }
.inner .li:first-child { counter-set: item 5 } .fresh::before { content: "fresh " counter(fresh) } .fresh { counter-set: fresh 7 }
.pseudo::before { counter-set: sec 40; content: "pseudo " counter(sec) " " } .after::after { content: " then " counter(sec) }
.bad { counter-set: sec 1.5 } .p2 { break-before: page; counter-set: page 10 } .neg { counter-set: sec -3 item }
</style><h2>One</h2><h2>Two</h2><h2 class="jump">Jump</h2><h2>Next</h2>
<div class="list"><div class="li">a</div><div class="li">b<div class="list inner"><div class="li">b.a</div><div class="li">b.b</div></div></div><div class="li">c</div></div>
<p class="fresh">x</p><p class="pseudo after">p</p><h2 class="bad">Bad</h2><p class="neg after">n</p>
<p class="p2">Second page</p>`,
  },
  {
    name: 'relative-percent',
    kind: 'dom',
    about:
      'percentage top/bottom of position: relative boxes: of the containing block height when it is definite (height, box-sizing), else auto (CSS 2.1 §9.4.3)',
    width: 624,
    html: `<style>${FONT}
.cb { height: 200px; background: rgb(238, 238, 238) } .cb3 { box-sizing: border-box; height: 200px; padding: 20px; border: 4px solid #000 }
.r { position: relative; height: 20px } #a1 { top: 25%; background: rgb(200, 0, 1) } #a2 { bottom: 10%; background: rgb(200, 0, 2) }
#a3 { top: 10%; bottom: 40%; background: rgb(200, 0, 3) } #a4 { top: calc(10% + 5px); background: rgb(200, 0, 4) }
#b1 { top: 50%; background: rgb(200, 0, 5) } #b2 { bottom: 50%; left: 10%; background: rgb(200, 0, 6) } #c1 { top: 50%; background: rgb(200, 0, 7) }
#d1, #e1 { position: relative; top: 50% } #e { height: 100px } #e1 { top: 20% } #f { height: 60px } #f1 { position: relative; top: 50%; background: rgb(200, 0, 8) }
</style><div class="cb"><div class="r" id="a1">x</div><div class="r" id="a2">y</div><div class="r" id="a3">z</div><div class="r" id="a4">w</div></div>
<div><div class="r" id="b1">auto</div><div class="r" id="b2">auto2</div></div>
<div class="cb3"><div class="r" id="c1">bb</div></div>
<p id="d">text <span id="d1">inline</span></p>
<div id="e">text <span id="e1">inline</span></div>
<div id="f"><p id="f1">a paragraph moved down by half its containing block</p></div>`,
  },
  {
    name: 'page-counter',
    kind: 'pdf',
    about:
      'the page counter set, incremented and reset by @page rules (an element’s counter-set: page does not renumber pages in Chromium)',
    html: `<style>${FONT}
@page { size: 816px 1056px; margin: 96px; @bottom-center { content: "page " counter(page) " of " counter(pages) } }
@page :first { counter-set: page 5 } @page wide { size: 1056px 816px; counter-increment: page 10 }
p { break-after: page } .wide { page: wide } .el { counter-set: page 40 }
</style><p>one</p><p class="el">two</p><p class="wide">three</p><p>four</p>`,
  },
  {
    name: 'page-counter-cover',
    kind: 'pdf',
    about:
      'counter-increment: none on a named page (Chromium counts the page all the same), and counter-reset on :left pages (a counter of the page alone)',
    html: `<style>${FONT}
@page { size: 816px 1056px; margin: 96px; @bottom-center { content: "page " counter(page) } }
@page cover { counter-increment: none } @page :left { counter-reset: page 20 }
p { break-after: page } .cover { page: cover }
</style><p class="cover">cover</p><p>one</p><p>two</p><p>three</p>`,
  },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const out = {
  source: `Chromium ${browser.version()} (Debian), measured by packages/report/scripts/chromium-boxes.mjs`,
  cases: [],
};
try {
  const page = await browser.newPage();
  for (const c of CASES) {
    const html = `<!doctype html><html><head><meta charset="utf-8"></head><body>${c.html}</body></html>`;
    if (c.kind === 'pdf') {
      await page.setContent(html);
      const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const doc = await PDFDocument.load(bytes);
      const items = await pdfTextItems(bytes);
      const pages = doc.getPages().map((p, i) => ({
        size: [p.getWidth(), p.getHeight()].map((v) => Math.round(v * 100) / 100),
        lines: textLines(items[i] ?? []),
      }));
      out.cases.push({ ...c, pages });
    } else {
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: c.width, height: 1000 });
      await page.setContent(html);
      const boxes = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('[id]')].map((el) => {
            const r = el.getBoundingClientRect();
            return [el.id, { box: [r.x, r.y, r.width, r.height].map((v) => v * 0.75) }];
          }),
        ),
      );
      out.cases.push({ ...c, boxes });
    }
  }
} finally {
  await browser.close();
}
const file = new URL('../test/reference/chromium-boxes.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${file.pathname}: ${out.cases.length} cases`);
