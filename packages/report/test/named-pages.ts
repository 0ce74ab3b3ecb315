// Documents of named pages for property tests (test/chromium-boxes.test.ts against a model of
// CSS Paged Media 3 §6, test/named-pages.system.test.ts against Chromium): paragraphs on pages
// named '' (Letter portrait), 'a' (Letter landscape) or 'b' (a smaller page), some with
// break-before: page. Lengths in whole CSS pixels, so that Chromium's pixel snapping keeps them.
import fc from 'fast-check';

export interface Block {
  name: '' | 'a' | 'b';
  breakBefore: boolean;
  words: number;
}

export const blocks = fc.array(
  fc.record({
    name: fc.constantFrom('' as const, 'a' as const, 'b' as const),
    breakBefore: fc.boolean(),
    words: fc.integer({ min: 1, max: 12 }), // at most two lines: eight blocks fit any page
  }),
  { minLength: 1, maxLength: 8 },
);

/** Page sizes in points by name, as the document's @page rules give them. */
export const SIZES: Record<Block['name'], [number, number]> = { '': [612, 792], a: [792, 612], b: [450, 600] };

export function namedPagesHtml(list: Block[]): string {
  const body = list
    .map((b, i) => {
      const cls = [b.name, b.breakBefore ? 'br' : ''].filter(Boolean).join(' ');
      const words = Array.from({ length: b.words }, (_, k) => `w${i}x${k}`).join(' ');
      return `<p${cls ? ` class="${cls}"` : ''}>Block ${i}: ${words}</p>`;
    })
    .join('\n');
  return `<style>body { margin: 0; font: 16px/20px "DejaVu Sans" } p { margin: 0 0 10px }
@page { size: 816px 1056px; margin: 96px } @page a { size: 1056px 816px; margin: 48px } @page b { size: 600px 800px; margin: 40px }
.a { page: a } .b { page: b } .br { break-before: page }</style>
${body}`;
}

/** The page names the blocks go to (none is taller than a page): a new page where the name changes or a break is forced. */
export function modelPages(list: Block[]): { name: Block['name']; blocks: number[] }[] {
  const pages: { name: Block['name']; blocks: number[] }[] = [];
  list.forEach((b, i) => {
    const last = pages[pages.length - 1];
    if (!last || b.name !== last.name || b.breakBefore) pages.push({ name: b.name, blocks: [i] });
    else last.blocks.push(i);
  });
  return pages;
}
