// Inline collection: an inline element's text, boxes and generated content as the items the line
// breaker takes (`collectInline`), text-transform, inline-blocks (laid out as blocks, placed on the
// line by their last baseline) and replaced boxes (images and inline SVG, sized as CSS 2.1 §10.3.2
// and §10.6.2 say). Also where each inline element opened, for floats met at its start.

import { type ComputedStyle, computeStyle, deriveStyle, parseLength } from '../css/computed.js';
import type { ElementNode } from '../html.js';
import type { InlineItem } from '../text/shape.js';
import { blockWidth, isBlock, layoutBlock } from './block.js';
import { type Atom, type Draw, type LayoutContext, placeAtoms, type ResolvedImage, shift } from './boxes.js';
import { countersOf, generatedContent, setStrings } from './generated.js';
import { layoutAside, outOfFlow } from './positioned.js';
import { measureBlock } from './table.js';

export function collectInline(
  el: ElementNode,
  s: ComputedStyle,
  out: InlineItem[],
  ctx: LayoutContext,
  href: string | undefined,
): void {
  const link = el.tag === 'a' && el.attrs.href ? el.attrs.href : href;
  if (
    (s.float || s.running || s.position === 'absolute' || s.position === 'fixed') &&
    ctx.flow &&
    outOfFlow(el, s, ctx.flow, ctx, out)
  )
    return;
  if (!ctx.flow && (s.running || s.position === 'absolute' || s.position === 'fixed')) return;
  if (s.float && !ctx.flow) {
    // Measured apart from a flow (a shrink-to-fit width): a float counts as a piece as wide as its
    // margin box, as CSS's max-content sizing counts it; positioned boxes count for nothing.
    const box = layoutAside(el, s, ctx.lineWidth ?? 400, ctx);
    out.push({ kind: 'box', width: box.w + s.margin[1] + s.margin[3], height: 0, make: () => [], style: s });
    return;
  }
  if (el.tag === 'br') {
    out.push({ kind: 'br', style: s });
    return;
  }
  if (el.tag === 'img' || el.tag === 'svg') {
    const box = replacedBox(el, s, ctx);
    if (box) out.push({ ...box, style: s, ...(link ? { href: link } : {}) });
    return;
  }
  if (s.display === 'inline-block') {
    const box = inlineBlock(el, s, ctx);
    if (box) out.push({ ...box, style: s, ...(link ? { href: link } : {}) });
    return;
  }
  countersOf(el, s, ctx);
  if (s.stringSet && ctx.flow) setStrings(el, s, ctx.flow, ctx);
  openedAt.set(el, out.length);
  // Inline boxes: padding and borders at the start and end, the background behind the text.
  const padStart = s.padding[3] + s.border[3].width;
  const padEnd = s.padding[1] + s.border[1].width;
  if (padStart > 0) out.push({ kind: 'box', width: padStart, height: 0, make: () => [], style: s });
  if (el.attrs.id) out.push({ kind: 'box', width: 0, height: 0, make: () => [], style: s, anchor: el.attrs.id });
  generatedContent(el, s, 'before', out, ctx);
  for (const child of el.children) {
    if (child.type === 'text')
      out.push({
        kind: 'text',
        text: transformText(child.text, s),
        style: s,
        where: `<${el.tag}>`,
        ...(link ? { href: link } : {}),
      });
    else {
      const cs = computeStyle(child, s, ctx.sheet);
      if (cs.display === 'none') continue;
      if (isBlock(child, cs) && cs.display !== 'inline-block')
        ctx.warnings.add(
          `block element <${child.tag}> inside inline <${el.tag}> laid out inline${child.line ? ` (line ${child.line})` : ''}`,
        );
      collectInline(child, cs, out, ctx, link);
    }
  }
  generatedContent(el, s, 'after', out, ctx);
  ctx.counters?.leave(el);
  if (padEnd > 0) out.push({ kind: 'box', width: padEnd, height: 0, make: () => [], style: s });
}

/** CSS text-transform (full Unicode case mapping; capitalize: the first letter of each word). */
export function transformText(text: string, s: ComputedStyle): string {
  switch (s.textTransform) {
    case 'uppercase':
      return text.toUpperCase();
    case 'lowercase':
      return text.toLowerCase();
    case 'capitalize':
      return text.replace(/(^|[\s\-(\u201c"'])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
    default:
      return text;
  }
}

/**
 * An inline-block: laid out as a block as wide as its content (up to the line), then placed on
 * the line as one box whose bottom margin edge sits on the baseline.
 */
export function inlineBlock(
  el: ElementNode,
  s: ComputedStyle,
  ctx: LayoutContext,
): Omit<Extract<InlineItem, { kind: 'box' }>, 'style'> | undefined {
  const available = ctx.lineWidth ?? 400;
  const inset = s.border[1].width + s.border[3].width + s.padding[1] + s.padding[3];
  let w: number;
  if (s.width) w = blockWidth(el, s, 0, available, ctx).w;
  else {
    const m = measureBlock(el, s, ctx);
    w = Math.min(available - s.margin[1] - s.margin[3], m.max + inset + 0.01);
  }
  const atoms: Atom[] = [];
  const fixed = deriveStyle(s, `inline-block ${w}`, () => ({
    ...s,
    display: 'block',
    width: { value: w, percent: false },
    boxSizing: 'border-box',
    margin: [0, 0, 0, 0],
    overflowHidden: true, // a formatting context of its own: as tall as its floats
  }));
  const saved = ctx.lineWidth;
  layoutBlock(el, fixed, { x: 0, width: w, atoms, margin: 0 }, ctx);
  ctx.lineWidth = saved;
  const placed = placeAtoms(atoms);
  const height = placed.height + s.margin[0] + s.margin[2];
  const draws = [...placed.under, ...placed.draws];
  // Its baseline is that of its last line (CSS 2.1 §10.8.1): what is below it hangs under the line's.
  const face = ctx.fonts.primary(s.fontFamily, s.bold, s.italic);
  const lastLine = placed.lines[placed.lines.length - 1];
  const depth =
    lastLine === undefined
      ? s.margin[2]
      : placed.height -
        lastLine.y -
        lastLine.atom.height +
        s.margin[2] +
        (s.lineHeight * s.fontSize - (face.ascent + face.descent) * s.fontSize) / 2 +
        face.descent * s.fontSize;
  return {
    kind: 'box',
    width: w + s.margin[1] + s.margin[3],
    height: height - depth,
    depth,
    make: (x, y) => draws.map((d) => shift(d, y + s.margin[0], x + s.margin[3])),
  };
}

export function replacedBox(
  el: ElementNode,
  s: ComputedStyle,
  ctx: LayoutContext,
): { kind: 'box'; width: number; height: number; make: (x: number, y: number) => Draw[] } | undefined {
  let resolved: ResolvedImage;
  if (el.tag === 'svg') {
    // Intrinsic size from width/height in absolute units, else the viewBox's ratio (a chart
    // sized width="100%" fills the line, as in a browser).
    const vb = (el.attrs.viewbox ?? '').split(/[\s,]+/).map(Number);
    const vw = vb.length === 4 && (vb[2] as number) > 0 ? (vb[2] as number) : undefined;
    const vh = vb.length === 4 && (vb[3] as number) > 0 ? (vb[3] as number) : undefined;
    const abs = (v: string | undefined) =>
      v === undefined || v.trim().endsWith('%') ? undefined : parseLength(/^\d+(\.\d+)?$/.test(v) ? `${v}px` : v, s.fontSize);
    let w = abs(el.attrs.width);
    let h = abs(el.attrs.height);
    const ratio = vw && vh ? vh / vw : undefined;
    if (w === undefined && (el.attrs.width?.trim().endsWith('%') || (h === undefined && ratio !== undefined)))
      w = ((Number.parseFloat(el.attrs.width ?? '100') || 100) / 100) * (ctx.lineWidth ?? 400);
    if (w === undefined) w = h !== undefined && ratio ? h / ratio : 225;
    if (h === undefined) h = ratio ? w * ratio : 112.5;
    resolved = { kind: 'svg', width: w / 0.75, height: h / 0.75, svg: el };
  } else resolved = ctx.images(el.attrs.src ?? '');
  if (s.fade !== undefined && s.fade < 1)
    ctx.warnings.add(
      `<${el.tag}> with opacity below 1 drawn opaque (images are not faded)${el.line ? ` (line ${el.line})` : ''}`,
    );
  const line = ctx.lineWidth ?? 0;
  const attrLength = (v: string | undefined) =>
    v === undefined ? undefined : parseLength(/^\d+(\.\d+)?$/.test(v) ? `${v}px` : v, s.fontSize, line);
  let w = s.width
    ? s.width.percent
      ? (s.width.value / 100) * line + (s.width.offset ?? 0)
      : s.width.value
    : attrLength(el.attrs.width);
  let h = s.height ?? attrLength(el.attrs.height);
  if (s.maxWidth && w !== undefined) {
    const max = s.maxWidth.points + (s.maxWidth.percent / 100) * line;
    if (w > max) {
      if (h !== undefined) h = (h * max) / w;
      w = max;
    }
  }
  const ratio = resolved.height / resolved.width || 1;
  if (w === undefined && h === undefined) w = resolved.width * 0.75;
  if (w === undefined) w = (h as number) / ratio;
  if (h === undefined) h = w * ratio;
  const width = w;
  const height = h;
  return {
    kind: 'box',
    width,
    height,
    make: (x, y) =>
      resolved.kind === 'svg'
        ? [{ op: 'svg', x, y, w: width, h: height, node: resolved.svg as ElementNode }]
        : [{ op: 'image', x, y, w: width, h: height, image: resolved.image }],
  };
}

/** The content height of a block with a `height` (CSS 2.1 §10.6; `box-sizing: border-box` takes the insets off). */
export function definiteHeight(s: ComputedStyle): number {
  const h = s.height as number;
  if (s.boxSizing !== 'border-box') return h;
  return Math.max(0, h - s.border[0].width - s.border[2].width - s.padding[0] - s.padding[2]);
}

/** Where each inline element's items start in its paragraph's items (for `opensInline`). */
const openedAt = new WeakMap<ElementNode, number>();

/** Whether `el` comes first in an inline element around it: nothing but white space since it opened. */
export function opensInline(el: ElementNode, items: InlineItem[]): boolean {
  for (let p = el.parent; p; p = p.parent) {
    const at = openedAt.get(p);
    if (at === undefined || at > items.length) return false;
    if (!hasInlineContent(items.slice(at))) return true;
  }
  return false;
}

/** Whether inline items make a line (as block.ts's layoutContent decides when it flushes a paragraph): something besides collapsible white space. */
export function hasInlineContent(items: InlineItem[]): boolean {
  return items.some((i) => i.kind !== 'text' || /[^ \t\n\r\f]/.test(i.text));
}
