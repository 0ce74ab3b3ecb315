import { type ComputedStyle, type ContentPart, computeStyle, deriveStyle, parseLength, pseudoStyle } from '../css/computed.js';
import { type ElementNode, textContent } from '../html.js';
import type { InlineItem } from '../text/shape.js';
import {
  type Atom,
  type AtomSink,
  atomsHeight,
  type Decoration,
  type Draw,
  decorationDraws,
  groupAtoms,
  type LayoutContext,
  type PositionedFrame,
  placeAtoms,
  type ResolvedImage,
  shift,
} from './boxes.js';
import { Counters } from './counters.js';
import { layoutFlex } from './flex.js';
import { arrayOf, FloatArea, floatInLine, pushCounted, Tracked } from './float.js';
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
  /** The floats of the block formatting context this flow is in, and how far it has come. */
  area?: FloatArea;
  /** The document's flow onto pages: the page name whose page area its x and width are for. */
  paged?: string;
  /** The height of the block whose content this is, when definite (its `height`): percentage offsets refer to it. */
  height?: number;
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
  const document = ctx.pages !== undefined && (sink as unknown) === ctx.pageLayer;
  const flow: Flow = { x, width, atoms: sink, margin: 0, ...(document ? { paged: '' } : {}) };
  // The document's root box (its <body>, whose children these are) has counters of its own.
  if (document) countersOf(el, style, ctx);
  establish(flow, ctx, () => layoutContent(el, style, flow, ctx));
}

/** Runs `fn` with `flow` in a block formatting context of its own (floats inside, contained). */
function establish(flow: Flow, ctx: LayoutContext, fn: () => void): void {
  const sink = flow.atoms;
  const outer = flow.area;
  const area = new FloatArea();
  flow.area = area;
  flow.atoms = new Tracked(sink, area);
  fn();
  contain(flow, area, 0);
  flow.atoms = sink;
  flow.area = outer;
  void ctx;
}

/** Grows the flow to hold the floats placed since the `from`-th (a box that contains its floats). */
function contain(flow: Flow, area: FloatArea, from: number): void {
  let bottom = area.waiting ? area.y : Number.NEGATIVE_INFINITY;
  for (let i = from; i < area.floats.length; i++) bottom = Math.max(bottom, (area.floats[i] as { bottom: number }).bottom);
  if (area.waiting) flow.atoms.push({ kind: 'line', height: 0, draws: [] });
  if (bottom - area.y > flow.margin + 0.01) {
    flow.atoms.push({ kind: 'space', height: bottom - area.y, draws: [], keep: true });
    flow.margin = 0;
  }
}

function layoutContent(el: ElementNode, style: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  if (style.display === 'flex' || style.display === 'grid') {
    if (layoutFlex(el, style, flow, ctx)) return;
  }
  const outerWidth = ctx.lineWidth;
  const outerFlow = ctx.flow;
  ctx.lineWidth = flow.width;
  ctx.flow = flow;
  let inline: InlineItem[] = [];
  generatedContent(el, style, 'before', inline, ctx);
  let indented = false;
  const flush = () => {
    if (inline.some((i) => i.kind !== 'text' || /[^ \t\n\r\f]/.test(i.text))) {
      if (flow.paged !== undefined) turnPage(style.page ?? '', flow, ctx);
      pushMargin(flow);
      // text-indent: the block's first line starts that far in (an empty box before its text).
      if (!indented && (style.textIndent ?? 0) > 0)
        inline.unshift({ kind: 'box', width: style.textIndent as number, height: 0, make: () => [], style });
      indented = true;
      flow.atoms.push(...keepLines(layoutInline(inline, style, flow, ctx), style));
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
    if (outOfFlow(child, cs, flow, ctx, inline)) continue;
    if (isBlock(child, cs)) {
      flush();
      layoutBlock(child, cs, flow, ctx);
    } else collectInline(child, cs, inline, ctx, undefined);
  }
  generatedContent(el, style, 'after', inline, ctx);
  flush();
  // The clearfix: an empty ::after that clears the floats before it.
  const clear = style.after ? pseudoStyle(style, 'after', ctx.sheet).clear : undefined;
  if (clear && flow.area) clearFloats(flow, clear, 0);
  ctx.lineWidth = outerWidth;
  ctx.flow = outerFlow;
}

/**
 * Moves the flow below the floats of `side` (CSS 2.1 §9.5.2): clearance in place of the collapsed
 * margin when the floats reach lower than it. Returns whether it did (the box's top margin is spent).
 */
function clearFloats(flow: Flow, side: 'left' | 'right' | 'both', marginTop: number): boolean {
  const area = flow.area;
  if (!area) return false;
  const bottom = area.clearance(side);
  if (bottom <= area.y + Math.max(flow.margin, marginTop) + 0.01) return false;
  flow.atoms.push({ kind: 'space', height: bottom - area.y, draws: [], keep: true });
  flow.margin = 0;
  return true;
}

function pushMargin(flow: Flow): void {
  if (flow.margin > 0) flow.atoms.push({ kind: 'space', height: flow.margin, draws: [] });
  flow.margin = 0;
}

function hasBox(s: ComputedStyle): boolean {
  const b = s.border;
  return s.background !== undefined || b[0].width > 0 || b[1].width > 0 || b[2].width > 0 || b[3].width > 0;
}

export function layoutBlock(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  if (!flow.area) {
    establish(flow, ctx, () => layoutBlock(el, s, flow, ctx));
    return;
  }
  if (flow.paged !== undefined && namedPage(el, s, flow, ctx)) return;
  if (s.clear && clearFloats(flow, s.clear, s.margin[0])) {
    const c = s;
    s = deriveStyle(c, 'cleared', () => ({ ...c, margin: [0, c.margin[1], c.margin[2], c.margin[3]] }));
  }
  if (s.position === 'relative' && s.offsets && !s.avoidBreakInside) {
    relativeBlock(el, s, flow, ctx);
    return;
  }
  if (s.avoidBreakInside) {
    // page-break-inside: avoid — lay the block out aside, then hand it on as one atom.
    if (s.breakBefore) {
      flow.atoms.push({ kind: 'break', height: 0, draws: [] });
      flow.margin = 0;
    }
    const buffer: Atom[] = [];
    const local: Flow = { ...flow, atoms: new Tracked(buffer, flow.area) };
    const whole = s;
    layoutBlock(
      el,
      deriveStyle(whole, 'grouped', () => ({ ...whole, avoidBreakInside: false, breakBefore: false, breakAfter: false })),
      local,
      ctx,
    );
    flow.margin = local.margin;
    flow.marker = local.marker;
    flow.heading = local.heading;
    flow.anchor = local.anchor;
    if (buffer.length > 0) {
      const group = groupAtoms(buffer);
      if (s.position === 'relative' && s.offsets) {
        const [dx, dy] = relativeOffset(s, flow.width, flow.height);
        group.draws = group.draws.map((d) => shift(d, dy, dx));
        if (group.under) group.under = group.under.map((d) => shift(d, dy, dx));
      }
      pushCounted(flow.atoms, group);
    }
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
    // (Its top margin first: the box's own atoms are laid out aside.)
    pushMargin(flow);
    const buffer: Atom[] = [];
    const local: Flow = { ...flow, atoms: new Tracked(buffer, flow.area), margin: 0 };
    layoutBox(el, s, local, ctx, true);
    pushCounted(flow.atoms, ...buffer);
    flow.margin = local.margin;
  } else layoutBox(el, s, flow, ctx, false);
  if (s.breakAfter) {
    flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    flow.margin = 0;
  }
}

/**
 * Named pages (CSS Paged Media 3 §6): a block whose page name differs from the page being filled
 * starts a page of its name (a forced break); one whose name differs from the page area its flow
 * was sized for is laid out in its own page's area (a landscape appendix is as wide as its pages),
 * by moving the flow's edges as far as the two page areas' edges differ. Returns whether it laid
 * the block out.
 */
function namedPage(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): boolean {
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
function turnPage(name: string, flow: Flow, ctx: LayoutContext): void {
  const pages = ctx.pages;
  if (!pages || name === pages.current || !toPages(flow, ctx)) return;
  flow.atoms.push({ kind: 'break', height: 0, draws: [], page: name });
  flow.margin = 0;
  pages.current = name;
  const area = pages.area(name);
  ctx.pageBox = { x: area.x, width: area.width };
  ctx.pageHeight = area.height;
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
    ...(flow.area ? { area: flow.area } : {}),
    ...(flow.paged !== undefined ? { paged: flow.paged } : {}),
    ...(s.height !== undefined ? { height: definiteHeight(s) } : {}),
  };
  if (!(topInset > 0 || boxed)) flow.margin = 0;
  const marker = el.tag === 'li' || s.display === 'list-item' ? listMarker(el, s) : undefined;
  if (marker !== undefined) {
    if (marker !== '') inner.marker = { text: marker, style: s };
  } else if (flow.marker) inner.marker = flow.marker;
  const level = /^h([1-6])$/.exec(el.tag);
  if (level) inner.heading = { level: Number(level[1]), title: textContent(el).replace(/\s+/g, ' ').trim() };
  if (el.attrs.id) inner.anchor = el.attrs.id;
  const before = sized ? arrayOf(inner.atoms).length : 0;
  countersOf(el, s, ctx);
  if (s.stringSet) setStrings(el, s, flow, ctx);
  // A positioned box is the containing block of the absolute boxes inside it: a mark at its top
  // carries those placed from there.
  let frame: PositionedFrame | undefined;
  if (s.position) {
    const start: Atom = { kind: 'mark', height: 0, draws: [] };
    pushCounted(flow.atoms, start);
    frame = {
      x: x + s.border[3].width,
      w: w - s.border[1].width - s.border[3].width,
      start,
      padTop: (flow.area?.y ?? 0) - s.padding[0],
      paddingTop: s.padding[0],
      borderBottom: s.border[2].width,
      boxes: [],
    };
    ctx.positioned ??= [];
    ctx.positioned.push(frame);
  }
  const floatsBefore = flow.area?.floats.length ?? 0;
  layoutContent(el, s, inner, ctx);
  ctx.counters?.leave(el);
  if (s.overflowHidden && flow.area) contain(inner, flow.area, floatsBefore);
  if (marker && inner.marker) {
    // An empty list item still shows its marker.
    inner.atoms.push(...layoutInline([{ kind: 'text', text: '\u00a0', style: s, where: '<li>' }], s, inner, ctx));
  }
  if (sized) {
    const atoms = arrayOf(inner.atoms);
    const contentHeight = atomsHeight(atoms, before) + topInset;
    const bottom = s.border[2].width + s.padding[2];
    const inset = s.boxSizing === 'border-box' ? 0 : topInset + bottom;
    const target = Math.max(s.height !== undefined ? s.height + inset : 0, s.minHeight !== undefined ? s.minHeight + inset : 0);
    if (target - bottom > contentHeight + 0.01)
      inner.atoms.push({ kind: 'space', height: target - bottom - contentHeight, draws: [], keep: true });
    else if (s.height !== undefined && contentHeight + bottom > target + 0.5)
      ctx.warnings.add(
        `<${el.tag}> content taller than its height (${Math.round(s.height)} pt); the box grows to hold it${el.line ? ` (line ${el.line})` : ''}`,
      );
  }
  const bottomInset = s.border[2].width + s.padding[2];
  if (frame) {
    if (bottomInset > 0) {
      flow.atoms.push({ kind: 'space', height: bottomInset, draws: [] });
    }
    ctx.positioned?.pop();
    placeAbsolutes(frame, flow, ctx);
    if (bottomInset > 0) {
      if (boxed) flow.atoms.push({ kind: 'deco-end', height: 0, draws: [], deco });
      flow.margin = s.margin[2];
      return;
    }
  }
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

/** Applies an element's counter-reset, counter-increment and counter-set, in that order (CSS Lists 3 §4.5). */
function countersOf(el: ElementNode, s: ComputedStyle, ctx: LayoutContext): void {
  if (!s.counterReset && !s.counterIncrement && !s.counterSet) return;
  ctx.counters ??= new Counters();
  for (const [name, v] of s.counterReset ?? []) ctx.counters.reset(name, v, el);
  for (const [name, v] of s.counterIncrement ?? []) ctx.counters.increment(name, v, el);
  for (const [name, v] of s.counterSet ?? []) ctx.counters.set(name, v, el);
}

/** A counter() or counters() as text. */
function counterText(p: Extract<ContentPart, { kind: 'counter' | 'counters' }>, ctx: LayoutContext): string {
  if (p.kind === 'counter') return formatCounter(ctx.counters?.value(p.name) ?? 0, p.style);
  return (ctx.counters?.values(p.name) ?? [0]).map((n) => formatCounter(n, p.style)).join(p.separator);
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
  // The pseudo-element's own counters (a child of the element, before its content is shown).
  const own = pseudoStyle(s, which, ctx.sheet);
  if (own !== s) countersOf({ type: 'element', tag: `::${which}`, attrs: {}, children: [], parent: el }, own, ctx);
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
        text += counterText(p, ctx);
        break;
      case 'content':
      case 'string':
        ctx.warnings.add(
          `${p.kind === 'string' ? 'string()' : 'content()'} in ::${which} of <${el.tag}> ignored (it belongs in a margin box or string-set)${el.line ? ` (line ${el.line})` : ''}`,
        );
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
  const style = own;
  if (
    style.display === 'inline-block' ||
    (style !== s && (style.background || style.padding.some((p) => p > 0) || style.margin[1] > 0 || style.margin[3] > 0))
  ) {
    // A styled marker (a numbered circle, a badge): laid out as the box it is.
    const pseudo: ElementNode = { type: 'element', tag: `::${which}`, attrs: {}, children: [{ type: 'text', text }], parent: el };
    const box = inlineBlock(
      pseudo,
      deriveStyle(style, 'inline-block', () => ({ ...style, display: 'inline-block' })),
      ctx,
    );
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
function definiteHeight(s: ComputedStyle): number {
  const h = s.height as number;
  if (s.boxSizing !== 'border-box') return h;
  return Math.max(0, h - s.border[0].width - s.border[2].width - s.padding[0] - s.padding[2]);
}

/**
 * `left`/`top` of a relatively positioned box (`right`/`bottom` when those are auto), in points.
 * Percentages of `left`/`right` are of the containing block's width; of `top`/`bottom`, of its
 * height when that is definite (`height`), else the offset is `auto` (CSS 2.1 §9.4.3, §10.5).
 */
export function relativeOffset(s: ComputedStyle, width: number, height?: number): [number, number] {
  const o = s.offsets;
  if (!o) return [0, 0];
  const r = (l: { points: number; percent: number } | undefined, base: number) =>
    l === undefined ? undefined : l.points + (l.percent / 100) * base;
  const left = r(o[3], width);
  const right = r(o[1], width);
  const vertical = (l: { points: number; percent: number } | undefined) =>
    l === undefined || (l.percent !== 0 && height === undefined) ? undefined : r(l, height ?? 0);
  const top = vertical(o[0]);
  const bottom = vertical(o[2]);
  return [left ?? (right !== undefined ? -right : 0), top ?? (bottom !== undefined ? -bottom : 0)];
}

/**
 * `position: relative` with offsets: the block laid out in place, then drawn moved by them. A block
 * up to half a page tall moves as one piece; a taller one keeps its page breaks and moves its
 * content, its backgrounds sideways only.
 */
function relativeBlock(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  const [dx, dy] = relativeOffset(s, flow.width, flow.height);
  const area = flow.area as FloatArea;
  const buffer: Atom[] = [];
  const local: Flow = { ...flow, atoms: new Tracked(buffer, area) };
  const start = area.y;
  layoutBlock(
    el,
    deriveStyle(s, 'unshifted', () => ({ ...s, offsets: undefined }) as ComputedStyle),
    local,
    ctx,
  );
  flow.margin = local.margin;
  flow.marker = local.marker;
  flow.heading = local.heading;
  flow.anchor = local.anchor;
  const moved = (d: Draw) => (d.op === 'link' ? d : shift(d, dy, dx));
  if (area.y - start <= (ctx.pageHeight ?? 700) / 2) {
    const group = groupAtoms(buffer);
    group.draws = group.draws.map(moved);
    if (group.under) group.under = group.under.map(moved);
    pushCounted(flow.atoms, group);
    return;
  }
  if (dy !== 0)
    ctx.warnings.add(
      `<${el.tag}> position: relative moved only sideways: it spans pages (its backgrounds stay in the flow)${el.line ? ` (line ${el.line})` : ''}`,
    );
  for (const a of buffer) {
    const copy: Atom = { ...a, draws: a.draws.map(moved) };
    if (a.under) copy.under = a.under.map(moved);
    if (a.deco) copy.deco = { ...a.deco, x: a.deco.x + dx };
    pushCounted(flow.atoms, copy);
  }
}

/**
 * Floats and absolutely positioned children: laid out aside and placed out of the flow. Returns
 * false for a child laid out in the flow after all (a float in a table cell, which is warned).
 * `inline`: the paragraph's inline items collected so far, where a float met after text waits for
 * its line.
 */
function outOfFlow(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext, inline?: InlineItem[]): boolean {
  if (s.running) {
    // A running element: kept for the margin boxes, set on the page of the line that follows.
    // (In a margin box, a header or a footer it is shown where it stands.)
    if (!ctx.running || !flow.area) return false;
    ctx.running.push(el);
    flow.area.setStrings([[`element(${s.running})`, String(ctx.running.length - 1)]]);
    return true;
  }
  if (s.position === 'absolute' || s.position === 'fixed') {
    layoutAbsolute(el, s, flow, ctx);
    return true;
  }
  if (!s.float) return false;
  return placeFloat(el, s, flow, ctx, inline);
}

/** A box laid out aside as wide as given or as its content (shrink-to-fit); draws at x 0, y 0. */
function layoutAside(
  el: ElementNode,
  s: ComputedStyle,
  available: number,
  ctx: LayoutContext,
  width?: number,
): { w: number; h: number; draws: Draw[] } {
  const saved = ctx.lineWidth;
  ctx.lineWidth = available;
  try {
    if (el.tag === 'img' || el.tag === 'svg') {
      const box = replacedBox(el, s, ctx);
      if (!box) return { w: 0, h: 0, draws: [] };
      const inset = [s.border[0].width + s.padding[0], s.border[3].width + s.padding[3]] as const;
      const w = box.width + s.border[1].width + s.border[3].width + s.padding[1] + s.padding[3];
      const h = box.height + s.border[0].width + s.border[2].width + s.padding[0] + s.padding[2];
      const deco: Decoration = { x: 0, w, border: s.border, ...(s.background ? { background: s.background } : {}) };
      return { w, h, draws: [...decorationDraws(deco, 0, h, true, true), ...box.make(inset[1], inset[0])] };
    }
    const inset = s.border[1].width + s.border[3].width + s.padding[1] + s.padding[3];
    let w = width;
    if (w === undefined) {
      if (s.width) w = blockWidth(el, s, 0, available, ctx).w;
      else w = Math.min(Math.max(1, available - s.margin[1] - s.margin[3]), measureBlock(el, s, ctx).max + inset + 0.001);
    }
    const atoms: Atom[] = [];
    const inner = w;
    const fixed = deriveStyle(s, `aside ${w}`, () => {
      const d: ComputedStyle = {
        ...s,
        display: s.display === 'flex' || s.display === 'grid' ? s.display : 'block',
        width: { value: inner, percent: false },
        boxSizing: 'border-box',
        margin: [0, 0, 0, 0],
        avoidBreakInside: false,
        breakBefore: false,
        breakAfter: false,
        // A float or an absolute box is a formatting context of its own: as tall as its floats.
        overflowHidden: true,
      };
      delete d.float;
      delete d.offsets;
      delete d.clear;
      return d;
    });
    layoutBlock(el, fixed, { x: 0, width: w, atoms, margin: 0 }, ctx);
    const placed = placeAtoms(atoms);
    return { w, h: placed.height, draws: [...placed.under, ...placed.draws] };
  } finally {
    ctx.lineWidth = saved;
  }
}

/**
 * A float: laid out aside, placed in its formatting context, its draws carried by the next line.
 * One met after text of its paragraph (`inline` has some) is placed by the line breaker at the
 * line it is on (CSS 2.1 §9.5.1: no higher than a line box holding earlier content).
 */
function placeFloat(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext, inline?: InlineItem[]): boolean {
  const area = flow.area;
  const side = s.float as 'left' | 'right';
  const where = `<${el.tag}> float: ${side}${el.line ? ` (line ${el.line})` : ''}`;
  for (let p = el.parent; p; p = p.parent)
    if (p.tag === 'td' || p.tag === 'th') {
      ctx.warnings.add(`${where} in a table cell laid out in the cell's flow (floats in cells are not supported)`);
      return false;
    }
  if (!area) return false;
  const box = layoutAside(el, s, flow.width, ctx);
  const [mt, mr, mb, ml] = s.margin;
  const mw = box.w + ml + mr;
  const mh = box.h + mt + mb;
  if (mw > flow.width + 0.5)
    ctx.warnings.add(`${where} ${Math.round(mw)} pt wide is wider than the ${Math.round(flow.width)} pt it is in`);
  const draws = (x: number, y: number) => box.draws.map((d) => shift(d, y + mt, x + ml));
  const after = inline?.[inline.length - 1];
  if (inline && after && hasInlineContent(inline)) {
    floatInLine(inline, { after, side, clear: s.clear, w: mw, h: mh, draws, opens: opensInline(el, inline) });
    return true;
  }
  area.place(side, s.clear, mw, mh, area.y + flow.margin, flow.x, flow.width, draws);
  return true;
}

/** Where each inline element's items start in its paragraph's items (for `opensInline`). */
const openedAt = new WeakMap<ElementNode, number>();

/** Whether `el` comes first in an inline element around it: nothing but white space since it opened. */
function opensInline(el: ElementNode, items: InlineItem[]): boolean {
  for (let p = el.parent; p; p = p.parent) {
    const at = openedAt.get(p);
    if (at === undefined || at > items.length) return false;
    if (!hasInlineContent(items.slice(at))) return true;
  }
  return false;
}

/** Whether inline items make a line (as layoutContent's flush decides): something besides collapsible white space. */
function hasInlineContent(items: InlineItem[]): boolean {
  return items.some((i) => i.kind !== 'text' || /[^ \t\n\r\f]/.test(i.text));
}

/** An absolutely positioned or fixed box met where it is not in a block flow (a flex or grid item). */
export function placeAbsolute(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  layoutAbsolute(el, s, flow, ctx);
}

/**
 * `position: absolute` (against the nearest positioned ancestor's padding box, else the page
 * area of the first page) and `fixed` (against the page area, on every page): laid out aside,
 * drawn above the flow (beneath it with a negative z-index), taking no room in it.
 */
function layoutAbsolute(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  const where = `<${el.tag}> position: ${s.position}${el.line ? ` (line ${el.line})` : ''}`;
  const frame = s.position === 'absolute' ? ctx.positioned?.[ctx.positioned.length - 1] : undefined;
  const page = ctx.pageBox;
  const cb = frame ? { x: frame.x, w: frame.w } : page ? { x: page.x, w: page.width } : { x: flow.x, w: flow.width };
  const o = s.offsets ?? [undefined, undefined, undefined, undefined];
  const len = (l: { points: number; percent: number } | undefined, base: number) =>
    l === undefined ? undefined : l.points + (l.percent / 100) * base;
  const left = len(o[3], cb.w);
  const right = len(o[1], cb.w);
  const [mt, mr, mb, ml] = s.margin;
  let width: number | undefined;
  if (!s.width && left !== undefined && right !== undefined) width = Math.max(1, cb.w - left - right - ml - mr);
  const box = layoutAside(el, s, cb.w, ctx, width);
  const x = left !== undefined ? cb.x + left + ml : right !== undefined ? cb.x + cb.w - right - mr - box.w : flow.x + ml; // the static position
  const pageHeight = ctx.pageHeight ?? 0;
  const top = o[0] ? len(o[0], frame ? 0 : pageHeight) : undefined;
  const bottom = o[2] ? len(o[2], frame ? 0 : pageHeight) : undefined;
  const beneath = (s.zIndex ?? 0) < 0;
  const at = (y: number) => box.draws.map((d) => shift(d, y, x));
  if (s.position === 'fixed' || (!frame && (top !== undefined || bottom !== undefined))) {
    const layer = ctx.pageLayer;
    if (layer) {
      const y = top !== undefined ? top + mt : bottom !== undefined ? pageHeight - bottom - mb - box.h : (flow.area?.y ?? 0) + mt;
      if (s.position === 'fixed' && layer.written > 0)
        ctx.warnings.add(`${where} comes after page ${layer.written}: drawn on the pages from there on only`);
      if (s.position === 'absolute' && layer.written > 0)
        ctx.warnings.add(`${where} placed on the first page, which was already written: drawn on page ${layer.written + 1}`);
      layer.add(at(y), s.position === 'fixed', beneath);
      return;
    }
    // In a margin box or a header there are no pages to repeat on: laid out where it stands.
    ctx.warnings.add(`${where} in a margin box or header drawn at its place in the flow`);
  }
  if (frame && (top !== undefined || bottom !== undefined)) {
    frame.boxes.push({
      draws: at(0),
      beneath,
      ...(top !== undefined ? { top: top + mt } : { bottom: (bottom as number) + mb }),
      height: box.h,
      where,
    });
    return;
  }
  // Static vertical position: where the box would have started in the flow.
  const mark: Atom = { kind: 'mark', height: 0, draws: [] };
  const draws = at(flow.margin + mt);
  if (beneath) mark.under = draws;
  else mark.draws = draws;
  flow.atoms.push(mark);
}

/** Draws the absolute boxes of a positioned box placed by `top` or `bottom`, once its height is known. */
function placeAbsolutes(frame: PositionedFrame, flow: Flow, ctx: LayoutContext): void {
  if (frame.boxes.length === 0) return;
  const area = flow.area as FloatArea;
  // The end mark sits at the border box's bottom edge.
  const end: Atom = { kind: 'mark', height: 0, draws: [] };
  const padBottom = area.y - frame.borderBottom;
  for (const b of frame.boxes) {
    const y = b.top !== undefined ? frame.padTop + b.top : padBottom - (b.bottom as number) - b.height;
    let target = end;
    let dy = y - area.y;
    if (b.top !== undefined && !frame.start.sealed) {
      target = frame.start;
      dy = y - (frame.padTop + frame.paddingTop);
    } else if (b.top !== undefined && frame.start.sealed)
      ctx.warnings.add(`${b.where}: its containing block began on a page already written; drawn from the page it ends on`);
    const draws = b.draws.map((d) => shift(d, dy));
    if (b.beneath) target.under = [...(target.under ?? []), ...draws];
    else target.draws = [...target.draws, ...draws];
  }
  if (end.draws.length > 0 || end.under) flow.atoms.push(end);
}

/** Evaluates an element's `string-set` (CSS GCPM 3 §1.1); its first line carries the values to its page. */
function setStrings(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  const values: [string, string][] = [];
  const pseudoText = (parts: ContentPart[] | undefined) =>
    (parts ?? []).map((p) => (p.kind === 'text' ? p.text : p.kind === 'attr' ? (el.attrs[p.name] ?? '') : '')).join('');
  for (const [name, parts] of s.stringSet ?? []) {
    let text = '';
    for (const p of parts) {
      if (p.kind === 'text') text += p.text;
      else if (p.kind === 'attr') text += el.attrs[p.name] ?? '';
      else if (p.kind === 'counter' || p.kind === 'counters') text += counterText(p, ctx);
      else if (p.kind === 'content')
        text +=
          p.which === 'text'
            ? transformText(textContent(el).replace(/\s+/g, ' ').trim(), s)
            : pseudoText(p.which === 'before' ? s.before : s.after);
      else
        ctx.warnings.add(
          `string-set of <${el.tag}>: ${p.kind === 'string' ? 'string()' : 'quotes'} not evaluated${el.line ? ` (line ${el.line})` : ''}`,
        );
    }
    values.push([name, text]);
  }
  flow.area?.setStrings(values);
}

/**
 * `orphans` and `widows` (CSS Fragmentation 3 §4.4): a paragraph's first `orphans` lines and its
 * last `widows` lines are each made one unbreakable atom, so a page break falls only where both
 * are kept; a paragraph with fewer lines than the two together moves whole.
 */
function keepLines(atoms: Atom[], s: ComputedStyle): Atom[] {
  const orphans = s.orphans ?? 2;
  const widows = s.widows ?? 2;
  if (atoms.length < 2 || (orphans <= 1 && widows <= 1)) return atoms;
  const lines: number[] = [];
  for (let i = 0; i < atoms.length; i++) if ((atoms[i] as Atom).kind === 'line') lines.push(i);
  const n = lines.length;
  if (n < 2) return atoms;
  if (n < orphans + widows) return [mergeLines(atoms)];
  const headEnd = (lines[Math.max(0, orphans - 1)] as number) + 1;
  const tailStart = lines[n - Math.max(1, widows)] as number;
  return [
    ...(orphans > 1 ? [mergeLines(atoms.slice(0, headEnd))] : atoms.slice(0, headEnd)),
    ...atoms.slice(headEnd, tailStart),
    ...(widows > 1 ? [mergeLines(atoms.slice(tailStart))] : atoms.slice(tailStart)),
  ];
}

/** Lines (and the gaps between them) as one atom, keeping what the paginator reads of them. */
function mergeLines(group: Atom[]): Atom {
  if (group.length === 1) return group[0] as Atom;
  const placed = placeAtoms(group);
  const out: Atom = { kind: 'line', height: placed.height, draws: placed.draws };
  if (placed.under.length > 0) out.under = placed.under;
  if (placed.heading) out.heading = placed.heading;
  if (placed.strings) out.strings = placed.strings;
  let y = 0;
  let reserve = 0;
  for (const a of group) {
    if (a.anchor && out.anchor === undefined) out.anchor = a.anchor;
    if (a.reserve) reserve = Math.max(reserve, y + a.reserve);
    y += a.height;
  }
  if (reserve > 0) out.reserve = reserve;
  return out;
}
