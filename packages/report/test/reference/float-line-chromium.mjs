// Chromium's float and line positions, read from its DOM after layout: shared by the reference
// script (float-line.mjs → float-line.json) and the live differential test
// (test/float-line.system.test.ts). Needs Debian's chromium (CHROMIUM_PATH to use another) and
// playwright-core (a dev dependency).
//
// A page holds one or more `.box` elements, each a case. Per box, relative to its top-left and in
// points (CSS px × 0.75):
// - floats: the border box of every element with class `f` in it (x, y, w, h), in document order;
// - lines: for every word of its text, the line it is on: the word's top less the distance from a
//   line box's top to its words' tops, measured on a probe line in the box's font (every line of a
//   case holds one font on one line-height); per line its top (y), the left edge of its left-most
//   word (x) and that word.
import { chromium } from 'playwright-core';

/** A headless Chromium with one page in a viewport wider than any box. */
export async function openChromium() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
  return { browser, page, version: browser.version() };
}

/** Sets `html` as the page's content and measures each of its `.box` elements. */
export async function measureBoxes(page, html) {
  await page.setContent(html);
  return page.evaluate(() => {
    const pt = (v) => Math.round(v * 0.75 * 10000) / 10000;
    return [...document.querySelectorAll('.box')].map((el) => {
      const box = el.getBoundingClientRect();
      // How far below its line box's top a word's rect starts: measured on a probe line in the
      // box's font, away from any float (the half-leading and Chromium's rounded ascent).
      const probe = document.createElement('div');
      const font = getComputedStyle(el);
      probe.style.fontFamily = font.fontFamily;
      probe.style.fontSize = font.fontSize;
      probe.style.lineHeight = font.lineHeight;
      const text = document.createElement('span');
      text.textContent = 'x';
      probe.append(text);
      document.body.prepend(probe);
      const inset = text.getBoundingClientRect().top - probe.getBoundingClientRect().top;
      probe.remove();
      const floats = [...el.querySelectorAll('.f')].map((f) => {
        const r = f.getBoundingClientRect();
        return { x: pt(r.left - box.left), y: pt(r.top - box.top), w: pt(r.width), h: pt(r.height) };
      });
      const lines = new Map();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.textContent.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const r = range.getBoundingClientRect();
          const top = r.top - inset - box.top;
          const key = Math.round(top * 64);
          const line = lines.get(key);
          if (!line || r.left - box.left < line.left) lines.set(key, { left: r.left - box.left, word: m[0], top });
        }
      }
      return {
        floats,
        lines: [...lines.values()].sort((a, b) => a.top - b.top).map((l) => ({ y: pt(l.top), x: pt(l.left), word: l.word })),
      };
    });
  });
}
