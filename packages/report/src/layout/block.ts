import { type ComputedStyle, computeStyle, parseLength } from '../css/computed.js';
import { type ElementNode, textContent } from '../html.js';
import type { InlineItem } from '../text/shape.js';
import {
  type Atom,
  type AtomSink,
  type Decoration,
  type Draw,
  groupAtoms,
  type LayoutContext,
  type ResolvedImage,
} from './boxes.js';
import { layoutInline } from './inline.js';
import { layoutTable } from './table.js';

const BLOCK = new Set([
  'html',
  'body',
  '#root',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'figure',
  'figcaption',
  'blockquote',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'hr',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'head',
]);

export interface Flow {
  x: number;
  width: number;
  atoms: AtomSink;
  margin: number;
  marker?: { text: string; style: ComputedStyle };
  heading?: { level: number; title: string };
  anchor?: string;
}

export function isBlock(el: ElementNode, style: ComputedStyle): boolean {
  if (style.display === 'block') return true;
  if (style.display === 'inline') return false;
  // Unknown elements (already warned about) are containers: block, as a <div>.
  return BLOCK.has(el.tag) || !INLINE.has(el.tag);
}

const INLINE = new Set([
  'span',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'a',
  'small',
  'code',
  'br',
  'img',
  'svg',
  'sub',
  'sup',
  's',
  'mark',
  'abbr',
  'q',
  'cite',
  'time',
  'label',
]);

/**
 * Lays out the children of `el` (already styled `style`) into atoms, at `x` with `width` points.
 */
export function layoutChildren(el: ElementNode, style: ComputedStyle, x: number, width: number, ctx: LayoutContext): Atom[] {
  const atoms: Atom[] = [];
  layoutInto(el, style, x, width, ctx, atoms);
  return atoms;
}

/** `layoutChildren`, handing each atom to `sink` as soon as it is made. */
export function layoutInto(
  el: ElementNode,
  style: ComputedStyle,
  x: number,
  width: number,
  ctx: LayoutContext,
  sink: AtomSink,
): void {
  layoutContent(el, style, { x, width, atoms: sink, margin: 0 }, ctx);
}

function layoutContent(el: ElementNode, style: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  let inline: InlineItem[] = [];
  const flush = () => {
    if (inline.some((i) => i.kind !== 'text' || /[^ \t\n\r\f]/.test(i.text))) {
      pushMargin(flow);
      flow.atoms.push(...layoutInline(inline, style, flow, ctx));
      flow.marker = undefined;
      flow.heading = undefined;
      flow.anchor = undefined;
    }
    inline = [];
  };
  for (const child of el.children) {
    if (child.type === 'text') {
      inline.push({ kind: 'text', text: child.text, style, where: `<${el.tag}>`, node: child });
      continue;
    }
    const cs = computeStyle(child, style, ctx.sheet);
    if (cs.display === 'none' || child.tag === 'head' || child.tag === 'meta' || child.tag === 'title') continue;
    if (isBlock(child, cs)) {
      flush();
      layoutBlock(child, cs, flow, ctx);
    } else collectInline(child, cs, inline, ctx, undefined);
  }
  flush();
}

function pushMargin(flow: Flow): void {
  if (flow.margin > 0) flow.atoms.push({ kind: 'space', height: flow.margin, draws: [] });
  flow.margin = 0;
}

function hasBox(s: ComputedStyle): boolean {
  return s.background !== undefined || s.border.some((b) => b.width > 0);
}

function layoutBlock(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  if (s.avoidBreakInside) {
    // page-break-inside: avoid — lay the block out aside, then hand it on as one atom.
    if (s.breakBefore) {
      flow.atoms.push({ kind: 'break', height: 0, draws: [] });
      flow.margin = 0;
    }
    const buffer: Atom[] = [];
    const local: Flow = { ...flow, atoms: buffer };
    layoutBlock(el, { ...s, avoidBreakInside: false, breakBefore: false, breakAfter: false }, local, ctx);
    flow.margin = local.margin;
    flow.marker = local.marker;
    flow.heading = local.heading;
    flow.anchor = local.anchor;
    if (buffer.length > 0) flow.atoms.push(groupAtoms(buffer));
    if (s.breakAfter) {
      flow.atoms.push({ kind: 'break', height: 0, draws: [] });
      flow.margin = 0;
    }
    return;
  }
  if (s.breakBefore) {
    flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    flow.margin = 0;
  }
  if (el.tag === 'table') {
    flow.margin = Math.max(flow.margin, s.margin[0]);
    pushMargin(flow);
    layoutTable(el, s, flow.x + s.margin[3], flow.width - s.margin[1] - s.margin[3], ctx, flow.atoms);
    flow.margin = s.margin[2];
    if (s.breakAfter) flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    return;
  }
  flow.margin = Math.max(flow.margin, s.margin[0]);
  const boxed = hasBox(s) || el.tag === 'hr';
  const x = flow.x + s.margin[3];
  const w = Math.max(
    1,
    s.width ? (s.width.percent ? (s.width.value / 100) * flow.width : s.width.value) : flow.width - s.margin[1] - s.margin[3],
  );
  const deco: Decoration = { x, w, border: s.border, ...(s.background ? { background: s.background } : {}) };
  if (boxed) {
    pushMargin(flow);
    flow.atoms.push({ kind: 'deco-start', height: 0, draws: [], deco });
  }
  const topInset = s.border[0].width + s.padding[0];
  if (topInset > 0) {
    pushMargin(flow);
    flow.atoms.push({ kind: 'space', height: topInset, draws: [] });
  }
  const inner: Flow = {
    x: x + s.border[3].width + s.padding[3],
    width: Math.max(1, w - s.border[1].width - s.border[3].width - s.padding[1] - s.padding[3]),
    atoms: flow.atoms,
    margin: topInset > 0 || boxed ? 0 : flow.margin,
  };
  if (!(topInset > 0 || boxed)) flow.margin = 0;
  if (el.tag === 'li') inner.marker = { text: listMarker(el), style: s };
  else if (flow.marker) inner.marker = flow.marker;
  const level = /^h([1-6])$/.exec(el.tag);
  if (level) inner.heading = { level: Number(level[1]), title: textContent(el).replace(/\s+/g, ' ').trim() };
  if (el.attrs.id) inner.anchor = el.attrs.id;
  layoutContent(el, s, inner, ctx);
  if (el.tag === 'li' && inner.marker) {
    // An empty list item still shows its marker.
    inner.atoms.push(...layoutInline([{ kind: 'text', text: '\u00a0', style: s, where: '<li>' }], s, inner, ctx));
  }
  const bottomInset = s.border[2].width + s.padding[2];
  if (bottomInset > 0 || boxed) {
    if (bottomInset > 0) flow.atoms.push({ kind: 'space', height: bottomInset, draws: [] });
    if (boxed) flow.atoms.push({ kind: 'deco-end', height: 0, draws: [], deco });
    flow.margin = s.margin[2];
  } else flow.margin = Math.max(inner.margin, s.margin[2]);
  if (s.breakAfter) {
    flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    flow.margin = 0;
  }
}

function listMarker(li: ElementNode): string {
  return li.attrs['data-marker'] ?? '•';
}

export function collectInline(
  el: ElementNode,
  s: ComputedStyle,
  out: InlineItem[],
  ctx: LayoutContext,
  href: string | undefined,
): void {
  const link = el.tag === 'a' && el.attrs.href ? el.attrs.href : href;
  if (el.tag === 'br') {
    out.push({ kind: 'br', style: s });
    return;
  }
  if (el.tag === 'img' || el.tag === 'svg') {
    const box = replacedBox(el, s, ctx);
    if (box) out.push({ ...box, style: s, ...(link ? { href: link } : {}) });
    return;
  }
  for (const child of el.children) {
    if (child.type === 'text')
      out.push({ kind: 'text', text: child.text, style: s, where: `<${el.tag}>`, ...(link ? { href: link } : {}) });
    else {
      const cs = computeStyle(child, s, ctx.sheet);
      if (cs.display === 'none') continue;
      if (isBlock(child, cs)) ctx.warnings.add(`block element <${child.tag}> inside inline <${el.tag}> laid out inline`);
      collectInline(child, cs, out, ctx, link);
    }
  }
}

function replacedBox(
  el: ElementNode,
  s: ComputedStyle,
  ctx: LayoutContext,
): { kind: 'box'; width: number; height: number; make: (x: number, y: number) => Draw[] } | undefined {
  let resolved: ResolvedImage;
  if (el.tag === 'svg') {
    const vb = (el.attrs.viewbox ?? '').split(/[\s,]+/).map(Number);
    const w = parseLength(el.attrs.width ?? '', s.fontSize) ?? (vb[2] ?? 300) * 0.75;
    const h = parseLength(el.attrs.height ?? '', s.fontSize) ?? (vb[3] ?? 150) * 0.75;
    resolved = { kind: 'svg', width: w / 0.75, height: h / 0.75, svg: el };
  } else resolved = ctx.images(el.attrs.src ?? '');
  let w = s.width && !s.width.percent ? s.width.value : parseLength(el.attrs.width ?? '', s.fontSize);
  let h = s.height ?? parseLength(el.attrs.height ?? '', s.fontSize);
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
