import { type ComputedStyle, computeStyle, parseLength, pseudoStyle } from '../css/computed.js';
import { type ElementNode, textContent } from '../html.js';
import type { InlineItem } from '../text/shape.js';
import {
  type Atom,
  type AtomSink,
  type Decoration,
  type Draw,
  groupAtoms,
  type LayoutContext,
  placeAtoms,
  type ResolvedImage,
  shift,
} from './boxes.js';
import { layoutFlex } from './flex.js';
import { layoutInline } from './inline.js';
import { layoutTable, measureBlock } from './table.js';

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
  'pre',
  'dl',
  'dt',
  'dd',
  'address',
  'center',
  'hgroup',
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
  const d = style.display;
  if (d === 'block' || d === 'flex' || d === 'grid' || d === 'list-item' || d === 'table') return true;
  if (d === 'inline' || d === 'inline-block') return false;
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
  'del',
  'ins',
  'kbd',
  'samp',
  'var',
  'dfn',
  'tt',
  'font',
  'big',
  'data',
  'bdi',
  'wbr',
  'strike',
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
  if (style.display === 'flex' || style.display === 'grid') {
    if (layoutFlex(el, style, flow, ctx)) return;
  }
  const outerWidth = ctx.lineWidth;
  ctx.lineWidth = flow.width;
  let inline: InlineItem[] = [];
  generatedContent(el, style, 'before', inline, ctx);
  let indented = false;
  const flush = () => {
    if (inline.some((i) => i.kind !== 'text' || /[^ \t\n\r\f]/.test(i.text))) {
      pushMargin(flow);
      // text-indent: the block's first line starts that far in (an empty box before its text).
      if (!indented && (style.textIndent ?? 0) > 0)
        inline.unshift({ kind: 'box', width: style.textIndent as number, height: 0, make: () => [], style });
      indented = true;
      flow.atoms.push(...layoutInline(inline, style, flow, ctx));
      flow.marker = undefined;
      flow.heading = undefined;
      flow.anchor = undefined;
    }
    inline = [];
  };
  for (const child of el.children) {
    if (child.type === 'text') {
      inline.push({ kind: 'text', text: transformText(child.text, style), style, where: `<${el.tag}>`, node: child });
      continue;
    }
    const cs = computeStyle(child, style, ctx.sheet);
    if (cs.display === 'none' || child.tag === 'head' || child.tag === 'meta' || child.tag === 'title') continue;
    if (isBlock(child, cs)) {
      flush();
      layoutBlock(child, cs, flow, ctx);
    } else collectInline(child, cs, inline, ctx, undefined);
  }
  generatedContent(el, style, 'after', inline, ctx);
  flush();
  ctx.lineWidth = outerWidth;
}

function pushMargin(flow: Flow): void {
  if (flow.margin > 0) flow.atoms.push({ kind: 'space', height: flow.margin, draws: [] });
  flow.margin = 0;
}

function hasBox(s: ComputedStyle): boolean {
  return s.background !== undefined || s.border.some((b) => b.width > 0);
}

export function layoutBlock(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
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
  if (s.height !== undefined || s.minHeight !== undefined) {
    // A fixed or least height: lay the block out aside to know its content's height.
    const buffer: Atom[] = [];
    const local: Flow = { ...flow, atoms: buffer, margin: 0 };
    layoutBox(el, s, local, ctx, true);
    flow.atoms.push(...buffer);
    flow.margin = local.margin;
  } else layoutBox(el, s, flow, ctx, false);
  if (s.breakAfter) {
    flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    flow.margin = 0;
  }
}

/** The border-box width of a block in a containing block `width` wide, and its left edge. */
export function blockWidth(
  el: ElementNode,
  s: ComputedStyle,
  x0: number,
  width: number,
  ctx: LayoutContext,
): { x: number; w: number } {
  const inset = s.border[1].width + s.border[3].width + s.padding[1] + s.padding[3];
  const available = width - s.margin[1] - s.margin[3];
  const content = (l: { points: number; percent: number }) =>
    l.points + (l.percent / 100) * width + (s.boxSizing === 'border-box' ? 0 : inset);
  let w = s.width
    ? content(s.width.percent ? { points: s.width.offset ?? 0, percent: s.width.value } : { points: s.width.value, percent: 0 })
    : available;
  if (s.maxWidth) w = Math.min(w, content(s.maxWidth));
  if (s.minWidth) w = Math.max(w, content(s.minWidth));
  if (w > available + 0.01 && s.width) {
    ctx.warnings.add(
      `<${el.tag}> ${Math.round(w)} pt wide is wider than the ${Math.round(available)} pt it is in; shrunk to fit${el.line ? ` (line ${el.line})` : ''}`,
    );
    w = available;
  }
  w = Math.max(1, w);
  let x = x0 + s.margin[3];
  if (s.marginAuto && w < available) {
    const free = available - w;
    if (s.marginAuto[0] && s.marginAuto[1]) x += free / 2;
    else if (s.marginAuto[0]) x += free;
  }
  return { x, w };
}

/** A block's decoration, content and insets; `sized` pads it to its `height`/`min-height`. */
function layoutBox(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext, sized: boolean): void {
  const boxed = hasBox(s) || el.tag === 'hr';
  const { x, w } = blockWidth(el, s, flow.x, flow.width, ctx);
  const deco: Decoration = {
    x,
    w,
    border: s.border,
    ...(s.background ? { background: s.background } : {}),
    ...(s.borderRadius ? { radius: s.borderRadius } : {}),
  };
  if (boxed) {
    pushMargin(flow);
    flow.atoms.push({ kind: 'deco-start', height: 0, draws: [], deco });
  }
  const topInset = s.border[0].width + s.padding[0];
  if (topInset > 0) {
    pushMargin(flow);
    flow.atoms.push({ kind: 'space', height: topInset, draws: [], keep: true });
  }
  const inner: Flow = {
    x: x + s.border[3].width + s.padding[3],
    width: Math.max(1, w - s.border[1].width - s.border[3].width - s.padding[1] - s.padding[3]),
    atoms: flow.atoms,
    margin: topInset > 0 || boxed ? 0 : flow.margin,
  };
  if (!(topInset > 0 || boxed)) flow.margin = 0;
  const marker = el.tag === 'li' || s.display === 'list-item' ? listMarker(el, s) : undefined;
  if (marker !== undefined) {
    if (marker !== '') inner.marker = { text: marker, style: s };
  } else if (flow.marker) inner.marker = flow.marker;
  const level = /^h([1-6])$/.exec(el.tag);
  if (level) inner.heading = { level: Number(level[1]), title: textContent(el).replace(/\s+/g, ' ').trim() };
  if (el.attrs.id) inner.anchor = el.attrs.id;
  const before = sized ? (inner.atoms as Atom[]).length : 0;
  countersOf(s, ctx);
  layoutContent(el, s, inner, ctx);
  if (marker && inner.marker) {
    // An empty list item still shows its marker.
    inner.atoms.push(...layoutInline([{ kind: 'text', text: '\u00a0', style: s, where: '<li>' }], s, inner, ctx));
  }
  if (sized) {
    const atoms = inner.atoms as Atom[];
    const contentHeight = placeAtoms(atoms.slice(before)).height + topInset;
    const bottom = s.border[2].width + s.padding[2];
    const inset = s.boxSizing === 'border-box' ? 0 : topInset + bottom;
    const target = Math.max(s.height !== undefined ? s.height + inset : 0, s.minHeight !== undefined ? s.minHeight + inset : 0);
    if (target - bottom > contentHeight + 0.01) atoms.push({ kind: 'space', height: target - bottom - contentHeight, draws: [] });
    else if (s.height !== undefined && contentHeight + bottom > target + 0.5)
      ctx.warnings.add(
        `<${el.tag}> content taller than its height (${Math.round(s.height)} pt); the box grows to hold it${el.line ? ` (line ${el.line})` : ''}`,
      );
  }
  const bottomInset = s.border[2].width + s.padding[2];
  if (bottomInset > 0 || boxed) {
    if (bottomInset > 0) flow.atoms.push({ kind: 'space', height: bottomInset, draws: [] });
    if (boxed) flow.atoms.push({ kind: 'deco-end', height: 0, draws: [], deco });
    flow.margin = s.margin[2];
  } else flow.margin = Math.max(inner.margin, s.margin[2]);
}

/** The marker of a list item: its number (`numberLists`) in its list-style-type; '' for none. */
function listMarker(li: ElementNode, s: ComputedStyle): string {
  const type = s.listStyleType ?? (li.attrs['data-marker'] === '•' || li.attrs['data-marker'] === undefined ? 'disc' : 'decimal');
  const n = Number.parseInt(li.attrs['data-ordinal'] ?? li.attrs['data-marker'] ?? '1', 10) || 1;
  if (type === 'none') return '';
  const text = formatCounter(n, type);
  return type === 'disc' || type === 'circle' || type === 'square' ? text : `${text}.`;
}

/** A counter value in a list-style-type (CSS Counter Styles 3's predefined styles that reports use). */
export function formatCounter(n: number, type: string): string {
  switch (type) {
    case 'disc':
      return '•';
    case 'circle':
      return '◦';
    case 'square':
      return '▪';
    case 'none':
      return '';
    case 'decimal-leading-zero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'lower-alpha':
    case 'lower-latin':
      return alpha(n).toLowerCase();
    case 'upper-alpha':
    case 'upper-latin':
      return alpha(n);
    case 'lower-roman':
      return roman(n).toLowerCase();
    case 'upper-roman':
      return roman(n);
    case 'lower-greek':
      return n >= 1 ? alpha(n, 'αβγδεζηθικλμνξοπρστυφχψω') : String(n);
    default:
      return String(n);
  }
}

function alpha(n: number, letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'): string {
  if (n < 1) return String(n);
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / letters.length)) out = (letters[(k - 1) % letters.length] as string) + out;
  return out;
}

function roman(n: number): string {
  if (n < 1 || n > 3999) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let k = n;
  for (const [v, r] of table)
    while (k >= v) {
      out += r;
      k -= v;
    }
  return out;
}

/** Applies an element's counter-reset and counter-increment (counters are flat: one value a name). */
function countersOf(s: ComputedStyle, ctx: LayoutContext): void {
  if (!s.counterReset && !s.counterIncrement) return;
  ctx.counters ??= new Map();
  for (const [name, v] of s.counterReset ?? []) ctx.counters.set(name, v);
  for (const [name, v] of s.counterIncrement ?? []) ctx.counters.set(name, (ctx.counters.get(name) ?? 0) + v);
}

// Quotation marks by nesting depth (the defaults of \`quotes: auto\` for English).
const QUOTES: [string, string][] = [
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
];

/** The items of an element's ::before or ::after, if it has one. */
function generatedContent(
  el: ElementNode,
  s: ComputedStyle,
  which: 'before' | 'after',
  out: InlineItem[],
  ctx: LayoutContext,
): void {
  const parts = s[which];
  if (!parts) return;
  let text = '';
  for (const p of parts) {
    switch (p.kind) {
      case 'text':
        text += p.text;
        break;
      case 'attr':
        text += el.attrs[p.name] ?? '';
        break;
      case 'counter':
      case 'counters':
        text += formatCounter(ctx.counters?.get(p.name) ?? 0, p.style);
        break;
      case 'quote': {
        const depth = ctx.quoteDepth ?? 0;
        if (p.open) {
          text += (QUOTES[Math.min(depth, 1)] as [string, string])[0];
          ctx.quoteDepth = depth + 1;
        } else {
          ctx.quoteDepth = Math.max(0, depth - 1);
          text += (QUOTES[Math.min(Math.max(0, depth - 1), 1)] as [string, string])[1];
        }
        break;
      }
    }
  }
  if (text === '') return;
  const style = pseudoStyle(s, which, ctx.sheet);
  if (
    style.display === 'inline-block' ||
    (style !== s && (style.background || style.padding.some((p) => p > 0) || style.margin[1] > 0 || style.margin[3] > 0))
  ) {
    // A styled marker (a numbered circle, a badge): laid out as the box it is.
    const pseudo: ElementNode = { type: 'element', tag: `::${which}`, attrs: {}, children: [{ type: 'text', text }], parent: el };
    const box = inlineBlock(pseudo, { ...style, display: 'inline-block' }, ctx);
    if (box) out.push({ ...box, style });
    return;
  }
  out.push({ kind: 'text', text: transformText(text, style), style, where: `<${el.tag}>::${which}` });
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
  if (s.display === 'inline-block') {
    const box = inlineBlock(el, s, ctx);
    if (box) out.push({ ...box, style: s, ...(link ? { href: link } : {}) });
    return;
  }
  countersOf(s, ctx);
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
function inlineBlock(
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
  const fixed: ComputedStyle = {
    ...s,
    display: 'block',
    width: { value: w, percent: false },
    boxSizing: 'border-box',
    margin: [0, 0, 0, 0],
  };
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

function replacedBox(
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
