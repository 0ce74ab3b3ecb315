// Named pages (CSS Paged Media 3 §6): a block whose `page` differs from the page being filled
// breaks to a page of its name, and is laid out as wide as that page's area.

import type { ComputedStyle } from '../css/computed.js';
import type { ElementNode } from '../html.js';
import { type Flow, layoutBlock } from './block.js';
import type { AtomSink, LayoutContext } from './boxes.js';
import { Tracked } from './float.js';

/**
 * Named pages (CSS Paged Media 3 §6): a block whose page name differs from the page being filled
 * starts a page of its name (a forced break); one whose name differs from the page area its flow
 * was sized for is laid out in its own page's area (a landscape appendix is as wide as its pages),
 * by moving the flow's edges as far as the two page areas' edges differ. Returns whether it laid
 * the block out.
 */
export function namedPage(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): boolean {
  const pages = ctx.pages;
  const basis = flow.paged;
  const name = s.page ?? '';
  if (!pages || basis === undefined || !toPages(flow, ctx)) return false;
  turnPage(name, flow, ctx);
  if (name === basis) return false;
  const from = pages.area(basis);
  const to = pages.area(name);
  const { x, width } = flow;
  flow.x += to.x - from.x;
  flow.width = Math.max(1, flow.width + to.width - from.width);
  flow.paged = name;
  try {
    layoutBlock(el, s, flow, ctx);
  } finally {
    flow.x = x;
    flow.width = width;
    flow.paged = basis;
  }
  return true;
}

/**
 * Whether the flow's atoms go straight to the pages: a box laid out aside to be moved or kept whole
 * (`position: relative`, `break-inside: avoid`, a fixed height) cannot break its page for a name.
 */
function toPages(flow: Flow, ctx: LayoutContext): boolean {
  let sink: AtomSink = flow.atoms;
  while (sink instanceof Tracked) sink = sink.inner;
  return (sink as unknown) === ctx.pageLayer;
}

/** Content of page name `name` comes next: a forced break to a page of that name if the page being filled has another. */
export function turnPage(name: string, flow: Flow, ctx: LayoutContext): void {
  const pages = ctx.pages;
  if (!pages || name === pages.current || !toPages(flow, ctx)) return;
  flow.atoms.push({ kind: 'break', height: 0, draws: [], page: name });
  flow.margin = 0;
  pages.current = name;
  const area = pages.area(name);
  ctx.pageBox = { x: area.x, width: area.width };
  ctx.pageHeight = area.height;
}
