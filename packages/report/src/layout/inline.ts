import type { ComputedStyle, Rgb } from '../css/computed.js';
import { mirrored, type ParagraphBidi, paragraphBidi, visualOrder } from '../text/bidi.js';
import type { Face } from '../text/fonts.js';
import type { InlineItem } from '../text/shape.js';
import { actualText, breaks, type Shaped, shape, UNPLACED } from '../text/shape.js';
import { type Flow, relativeOffset } from './block.js';
import type { Atom, Draw, LayoutContext } from './boxes.js';
import { type CarriedFloat, floatsInLine, type LineFloat, shiftY } from './float.js';

export function layoutInline(items: InlineItem[], block: ComputedStyle, flow: Flow, ctx: LayoutContext): Atom[] {
  const sh = shape(items, ctx);
  const n = sh.chars.length;
  // Right-to-left text: the paragraph's levels, for the order each line is drawn in.
  const bidi = sh.bidiChars
    ? paragraphBidi(sh.bidiChars.join(''), sh.bidiChars, block.direction)
    : paragraphBidi(sh.text, sh.chars, block.direction);
  const out: Atom[] = [];
  // Beside floats each line is as wide as the band at its height: lines are built as they are
  // found, so the next one knows where it starts.
  const inLine = floatsInLine(items);
  const area = flow.area && (flow.area.floats.length > 0 || inLine) ? flow.area : undefined;
  const x0 = flow.x;
  const full = flow.width;
  const lineGuess = block.fontSize * block.lineHeight;
  let y = area ? area.y : 0;
  let lx = x0;
  let width = full;
  let next = Number.POSITIVE_INFINITY;
  const measure = () => {
    if (!area) return;
    const b = area.band(y, lineGuess, x0, full);
    lx = b.x;
    width = b.w;
    next = b.next;
  };
  measure();
  // Floats met in the text (CSS 2.1 §9.5.1): each at the first character after it. One that fits
  // beside its line's content so far is placed at the line's top and the line narrows; else it
  // waits (`later`) for the top of the next line. The line at whose top a float is placed carries it.
  type Mark = { at: number; float: LineFloat; tight?: boolean };
  const marks: Mark[] = [];
  if (area && inLine) {
    // The floats come in text order: one pass over the items and characters for all of them.
    let k = 0;
    let at = 0;
    for (const f of inLine) {
      k = Math.max(k, items.indexOf(f.after, k));
      while (at < n && (sh.item[at] as number) <= k) at++;
      marks.push({ at, float: f });
    }
  }
  let mark = 0;
  let later: Mark[] = [];
  let carried: (Mark & { placed: CarriedFloat })[] = [];
  const placeHere = (m: Mark) => {
    const f = m.float;
    carried.push({
      ...m,
      placed: (area as NonNullable<typeof area>).placeOnLine(f.side, f.clear, f.w, f.h, y, x0, full, f.draws),
    });
    measure();
  };
  // A float placed on a line that ends before the float's place in the text goes to the next line
  // (unless only the break lies between them: LineFloat.opens), and the line widens again. A float
  // that fitted only without the white space before it ended its line there (`tight`): then the
  // floats there stay, as in Chromium.
  let tight = false;
  const after = (m: Mark, b: number) => m.at > b || (m.at === b && m.float.opens && !tight && b < n);
  const emit = (a: number, b: number) => {
    tight = carried.some((m) => m.tight && m.at === b);
    if (area && carried.some((m) => after(m, b))) {
      const moved = carried.filter((m) => after(m, b));
      for (const m of moved) area.remove(m.placed);
      carried = carried.filter((m) => !after(m, b));
      later = [...moved, ...later];
      measure();
    }
    flow.x = lx;
    flow.width = width;
    let atom = buildLine(sh, items, a, b, block, flow, ctx, b === n, bidi);
    flow.x = x0;
    flow.width = full;
    if (carried.length > 0) {
      const under = [...(atom.under ?? [])];
      let reserve = atom.reserve ?? 0;
      for (const { placed: c } of carried) {
        for (const d of c.draws) under.push(shiftY(d, c.top - y));
        reserve = Math.max(reserve, c.bottom - y);
      }
      carried = [];
      atom = { ...atom, under, reserve };
    }
    out.push(atom);
    if (area) {
      y += atom.height;
      measure();
      const waiting = later;
      later = [];
      for (const f of waiting) placeHere(f);
    }
  };
  /** The width of the line from `from` to `to`, without the white space that would end it. */
  const contentWidth = (from: number, to: number): number => {
    let end = to;
    while (end > from && (sh.chars[end - 1] === ' ' || sh.chars[end - 1] === '\n')) end--;
    let w = end > from ? -(sh.kern[end - 1] as number) : 0;
    for (let i = from; i < end; i++) w += sh.adv[i] as number;
    return w;
  };
  /** Moves the line below the float that narrows it (a piece that does not fit beside it). */
  const drop = (): boolean => {
    if (!area || width >= full - 0.01 || !Number.isFinite(next)) return false;
    out.push({ kind: 'space', height: next - y, draws: [], keep: true });
    y = next;
    measure();
    return true;
  };
  let lineStart = 0;
  let lineWidth = 0;
  let start = 0;
  let emitted = false;
  const all = n === 0 ? [] : breaks(sh);
  for (const b of all) {
    // The floats met in this piece: the text before each on its line comes first (a line break
    // before the piece when that text does not fit), then the float, at this line or the next.
    while (mark < marks.length && ((marks[mark] as { at: number }).at < b.at || b.at === n)) {
      const m = marks[mark++] as Mark;
      const { at, float } = m;
      if (start > lineStart && contentWidth(lineStart, at) > width + 1e-6) {
        emit(lineStart, start);
        emitted = true;
        lineStart = start;
        lineWidth = 0;
      }
      const used = contentWidth(lineStart, at);
      // A float waiting for the next line keeps the ones after it from going higher (§9.5.1 rule 5).
      if (later.length === 0 && (used <= 0 || used + float.w <= width + 0.01)) {
        let spaced = 0;
        for (let i = lineStart; i < at; i++) spaced += sh.adv[i] as number;
        placeHere(spaced + float.w > width + 0.01 ? { ...m, tight: true } : m);
      } else later.push(m);
    }
    let w = 0;
    let trail = 0;
    for (let i = start; i < b.at; i++) {
      w += sh.adv[i] as number;
      trail = sh.chars[i] === ' ' || sh.chars[i] === '\n' ? trail + (sh.adv[i] as number) : 0;
    }
    // Ending the line here drops the last character's kerning against what follows.
    if (trail === 0 && b.at > start) trail = sh.kern[b.at - 1] as number;
    if (lineWidth + w - trail > width + 1e-6 && start > lineStart) {
      emit(lineStart, start);
      emitted = true;
      lineStart = start;
      lineWidth = 0;
    }
    while (w - trail > width + 1e-6 && start === lineStart && drop()) {}
    if (w - trail > width + 1e-6 && start === lineStart) {
      // A piece wider than the line: break between characters.
      let acc = 0;
      for (let i = start; i < b.at; i++) {
        const a = sh.adv[i] as number;
        if (acc + a - (sh.kern[i] as number) > width && i > lineStart) {
          emit(lineStart, i);
          emitted = true;
          lineStart = i;
          acc = 0;
        }
        acc += a;
      }
      lineWidth = acc;
    } else lineWidth += w;
    start = b.at;
    if (b.required) {
      emit(lineStart, b.at);
      emitted = true;
      lineStart = b.at;
      lineWidth = 0;
    }
  }
  if (lineStart < n || !emitted) emit(lineStart, n);
  // Floats placed below the paragraph's last line ride on the next line made after it.
  for (; mark < marks.length; mark++) placeHere(marks[mark] as Mark);
  for (const { placed } of carried) area?.carry(placed);
  return out;
}

const NO_OFFSET: [number, number] = [0, 0];

function buildLine(
  sh: Shaped,
  items: InlineItem[],
  a: number,
  b: number,
  block: ComputedStyle,
  flow: Flow,
  ctx: LayoutContext,
  last: boolean,
  bidi?: ParagraphBidi,
): Atom {
  let end = b;
  while (end > a && (sh.chars[end - 1] === ' ' || sh.chars[end - 1] === '\n')) end--;
  let begin = a;
  while (begin < end && sh.chars[begin] === ' ') begin++;
  // Vertical metrics: each piece's half-leading box, as CSS does.
  // (Written out rather than a closure: the line's variables then stay off the heap.)
  const strut = ctx.fonts.primary(block.fontFamily, block.bold, block.italic);
  const strutAsc = strut.ascent * block.fontSize;
  const strutDesc = strut.descent * block.fontSize;
  const strutHalf = (block.lineHeight * block.fontSize - (strutAsc + strutDesc)) / 2;
  let above = Math.max(0, strutHalf + strutAsc);
  let below = Math.max(0, strutHalf + strutDesc);
  // (A character of the same item and face as the one before it adds nothing: skipped.)
  let seenItem = -1;
  let seenFace: Face | null = null;
  for (let i = begin; i < end; i++) {
    const itemIndex = sh.item[i] as number;
    const charFace = sh.face[i] as Face | null;
    if (itemIndex === seenItem && charFace === seenFace) continue;
    seenItem = itemIndex;
    seenFace = charFace;
    const it = items[itemIndex] as InlineItem;
    if (it.kind === 'box') {
      above = Math.max(above, it.height);
      if (it.depth) below = Math.max(below, it.depth);
    } else if (sh.face[i]) {
      const shiftUp = it.style.baselineShift ?? 0;
      if (shiftUp === 0) {
        const face = sh.face[i] as Face;
        const size = it.style.fontSize;
        const asc = face.ascent * size;
        const desc = face.descent * size;
        const half = (it.style.lineHeight * size - (asc + desc)) / 2;
        above = Math.max(above, half + asc);
        below = Math.max(below, half + desc);
      } else {
        // Raised or lowered text (sub, sup) makes the line as tall as it needs.
        const face = sh.face[i] as Face;
        above = Math.max(above, face.ascent * it.style.fontSize + shiftUp);
        below = Math.max(below, face.descent * it.style.fontSize - shiftUp);
      }
    }
  }
  let w = 0;
  let spaces = 0;
  for (let i = begin; i < end; i++) {
    w += sh.adv[i] as number;
    if (sh.chars[i] === ' ') spaces++;
  }
  // The last character drawn kerns against nothing on this line.
  const endKern = end > begin ? (sh.kern[end - 1] as number) : 0;
  w -= endKern;
  // Text aligns to its start: the right for a paragraph that reads right to left.
  const align = block.textAlign ?? ((bidi ? bidi.rtl : block.direction === 'rtl') ? 'right' : 'left');
  let x = flow.x + (align === 'right' ? flow.width - w : align === 'center' ? (flow.width - w) / 2 : 0);
  // Justified: every line but the last of the paragraph and those ending in a forced break is
  // stretched to the full width at its spaces (none: left-aligned, as CSS does).
  const stretch =
    align === 'justify' && !last && sh.chars[b - 1] !== '\n' && spaces > 0 && w < flow.width ? (flow.width - w) / spaces : 0;
  const draws: Draw[] = [];
  const under: Draw[] = [];
  let anchorHere: string | undefined;
  const baseline = above;
  // One rectangle per inline box on the line: runs of one box next to each other extend it.
  let lastRect: Map<ComputedStyle, Extract<Draw, { op: 'rect' }>> | undefined;
  // Characters in the order they are drawn: logical, unless the line holds right-to-left text.
  const order = bidi ? visualOrder(bidi, begin, end) : undefined;
  const count = end - begin;
  const n = sh.chars.length;
  let p = 0;
  while (p < count) {
    const i = order ? (order[p] as number) : begin + p;
    const itIndex = sh.item[i] as number;
    const it = items[itIndex] as InlineItem;
    if (it.kind === 'box') {
      draws.push(...it.make(x, baseline - it.height));
      if (it.href) draws.push({ op: 'link', x, y: baseline - it.height, w: it.width, h: it.height, href: it.href });
      if (it.anchor) anchorHere ??= it.anchor;
      if (it.style.background && it.style !== block && it.height === 0 && it.width > 0)
        lastRect = addBackground(lastRect, under, it.style, x, it.width, baseline, ctx);
      x += it.width;
      p++;
      continue;
    }
    const face = sh.face[i];
    // A run: characters of one item and face that are neighbours both in the text and on the
    // line (going backwards through the text where it reads right to left).
    const rtl = order !== undefined && ((bidi as ParagraphBidi).levels[i] as number) % 2 === 1;
    const step = rtl ? -1 : 1;
    let q = p;
    let runWidth = 0;
    let runSpaces = 0;
    let runKerned = false;
    let withEnd = false;
    for (let prev = i - step; q < count; q++) {
      const j = order ? (order[q] as number) : begin + q;
      if (j !== prev + step || sh.item[j] !== itIndex || sh.face[j] !== face) break;
      runWidth += sh.adv[j] as number;
      if (sh.chars[j] === ' ') runSpaces++;
      if (sh.kern[j] !== 0 && j < end - 1) runKerned = true;
      if (j === end - 1) withEnd = true;
      prev = j;
    }
    if (withEnd) runWidth -= endKern;
    runWidth += runSpaces * stretch;
    if (it.kind === 'text' && face) {
      let text: string;
      // (One UTF-16 unit a character, as in most text: the run is a slice of the paragraph's text.)
      if (!rtl) text = sh.text.length === n ? sh.text.slice(i, i + (q - p)) : sh.chars.slice(i, i + (q - p)).join('');
      else {
        text = '';
        for (let k = p; k < q; k++) text += mirrored(sh.chars[order ? (order[k] as number) : begin + k] as string);
      }
      // position: relative on an inline element: its text drawn moved, its place kept.
      const [rx, ry] =
        it.style.position === 'relative' && it.style.offsets ? relativeOffset(it.style, flow.width, flow.height) : NO_OFFSET;
      const draw: Draw = {
        op: 'text',
        x: x + rx,
        y: baseline - (it.style.baselineShift ?? 0) + ry,
        text,
        face,
        size: it.style.fontSize,
        color: it.style.color,
        width: runWidth,
      };
      if (runSpaces > 0 && stretch > 0) draw.wordSpacing = stretch;
      if (it.style.letterSpacing) draw.charSpacing = it.style.letterSpacing;
      if (it.style.background && it.style !== block)
        lastRect = addBackground(lastRect, under, it.style, x, runWidth, baseline, ctx);
      if (it.style.visibility === 'hidden') {
        x += runWidth;
        p = q;
        continue;
      }
      if (runKerned) draw.kerned = true;
      if (sh.sources) {
        const actual = actualText(sh, sh.sources, p, q, drawnOrder(order, begin));
        if (actual !== undefined) draw.actualText = actual;
      }
      if (sh.placed) {
        for (let k = p; k < q; k++) {
          const pl = sh.placed.get(order ? (order[k] as number) : begin + k);
          if (!pl) continue;
          draw.placed ??= Array.from({ length: q - p }, () => UNPLACED);
          draw.placed[k - p] = pl;
        }
      }
      draws.push(draw);
      if (it.style.underline) {
        const uy = baseline + it.style.fontSize * 0.12;
        draws.push({
          op: 'line',
          x1: x,
          y1: uy,
          x2: x + runWidth,
          y2: uy,
          color: it.style.color,
          width: Math.max(0.4, it.style.fontSize * 0.06),
        });
      }
      if (it.style.lineThrough) {
        const ly = baseline - (it.style.baselineShift ?? 0) - it.style.fontSize * 0.3;
        draws.push({
          op: 'line',
          x1: x,
          y1: ly,
          x2: x + runWidth,
          y2: ly,
          color: it.style.color,
          width: Math.max(0.4, it.style.fontSize * 0.06),
        });
      }
      if (it.href) draws.push({ op: 'link', x, y: 0, w: runWidth, h: above + below, href: it.href });
    }
    x += runWidth;
    p = q;
  }
  if (flow.marker) {
    const m = flow.marker;
    const markerText = m.text;
    const face =
      ctx.fonts.faceFor(m.style.fontFamily, m.style.bold, m.style.italic, markerText.codePointAt(0) as number) ??
      ctx.fonts.primary(m.style.fontFamily, false, false);
    let mw = 0;
    for (const ch of markerText) mw += (face.glyph(ch.codePointAt(0) as number)?.advance ?? 0) * m.style.fontSize;
    draws.push({
      op: 'text',
      x: flow.x - mw - m.style.fontSize * 0.4,
      y: baseline,
      text: markerText,
      face,
      size: m.style.fontSize,
      color: m.style.color,
      width: mw,
    });
    flow.marker = undefined;
  }
  const atom: Atom = { kind: 'line', height: above + below, draws };
  if (under.length > 0) atom.under = under;
  if (anchorHere && !flow.anchor) atom.anchor = anchorHere;
  if (flow.heading) {
    atom.heading = flow.heading;
    flow.heading = undefined;
  }
  if (flow.anchor) {
    atom.anchor = flow.anchor;
    flow.anchor = undefined;
  }
  return atom;
}

/** The character drawn `p`-th on a line: from the visual order, else counted from `begin`. */
function drawnOrder(order: number[] | undefined, begin: number): (p: number) => number {
  return (p) => (order ? (order[p] as number) : begin + p);
}

/**
 * Adds an inline box's background behind a run to `under`, or extends the rectangle of the same
 * box that ends where the run starts; returns the rectangles by box (made on first use).
 */
function addBackground(
  lastRect: Map<ComputedStyle, Extract<Draw, { op: 'rect' }>> | undefined,
  under: Draw[],
  style: ComputedStyle,
  x: number,
  w: number,
  baseline: number,
  ctx: LayoutContext,
): Map<ComputedStyle, Extract<Draw, { op: 'rect' }>> {
  const rects = lastRect ?? new Map<ComputedStyle, Extract<Draw, { op: 'rect' }>>();
  const prev = rects.get(style);
  if (prev && Math.abs(prev.x + prev.w - x) < 0.01) {
    prev.w += w;
    return rects;
  }
  const rect = inlineBackground(style, x, w, baseline, ctx);
  rects.set(style, rect);
  under.push(rect);
  return rects;
}

/** The background of an inline box behind a run: the font's ascent and descent, and the padding. */
function inlineBackground(
  style: ComputedStyle,
  x: number,
  w: number,
  baseline: number,
  ctx: LayoutContext,
): Extract<Draw, { op: 'rect' }> {
  const face = ctx.fonts.primary(style.fontFamily, style.bold, style.italic);
  const base = baseline - (style.baselineShift ?? 0);
  const top = base - face.ascent * style.fontSize - style.padding[0] - style.border[0].width;
  const bottom = base + face.descent * style.fontSize + style.padding[2] + style.border[2].width;
  const rect: Extract<Draw, { op: 'rect' }> = { op: 'rect', x, y: top, w, h: bottom - top, fill: style.background as Rgb };
  if (style.borderRadius) rect.radius = style.borderRadius;
  return rect;
}
