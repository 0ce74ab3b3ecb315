import LineBreaker from 'linebreak';
import type { ComputedStyle } from '../css/computed.js';
import type { Draw, LayoutContext } from '../layout/boxes.js';
import { ARABIC_LETTERS, joinArabic } from './arabic.js';
import { isRightToLeft } from './bidi.js';
import { type Face, SHAPED_BASE } from './fonts.js';

/** What an inline formatting context holds: text runs, atomic boxes (images, SVG), forced breaks. */
export type InlineItem =
  | { kind: 'text'; text: string; style: ComputedStyle; href?: string; where: string; node?: object }
  | {
      kind: 'box';
      width: number;
      height: number;
      make: (x: number, y: number) => Draw[];
      style: ComputedStyle;
      href?: string;
      /** An element's id: links to it land on this line. */
      anchor?: string;
      /** How far the box reaches below the baseline (an inline-block's last line sits on it). */
      depth?: number;
    }
  | { kind: 'br'; style: ComputedStyle };

// ---- inline formatting: whitespace, fonts per glyph, Unicode line breaking -------------------

export interface Shaped {
  text: string; // collapsed text, one entry per UTF-16 unit
  chars: string[];
  adv: number[]; // advance per char (points), with its kerning against the next char
  kern: number[]; // the kerning part of adv (points): left out when a line ends after the char
  kerned: boolean;
  face: (Face | null)[];
  item: number[]; // index of the inline item
  /** Shaped glyphs (see `complexRun`) by char index: offset from the pen and advance beyond the glyph's own, in em. */
  placed?: Map<number, Placement>;
  /** The chars as the bidirectional algorithm sees them, where shaped glyphs stand in for letters. */
  bidiChars?: string[];
  /** Each run of shaped glyphs: its first char index, one past its last, and the text it shows. */
  sources?: { start: number; end: number; text: string }[];
}

interface Placement {
  dx: number;
  dy: number;
  extra: number;
}
export const UNPLACED: Placement = Object.freeze({ dx: 0, dy: 0, extra: 0 });

/**
 * Letters of scripts whose shapes depend on their neighbours by the font's rules (GSUB, GPOS):
 * Syriac, N'Ko, Samaritan, Mandaic, the Indic scripts, Thai, Lao, Tibetan, Myanmar, Hangul jamo,
 * Khmer, Mongolian and their neighbours. (Arabic is joined with presentation forms: arabic.ts.)
 */
const COMPLEX_RANGES =
  '\\u0700-\\u074f\\u07c0-\\u07ff\\u0800-\\u085f\\u0900-\\u0dff\\u0e00-\\u0fff\\u1000-\\u109f\\u1100-\\u11ff\\u1700-\\u18af\\u1900-\\u1aaf\\u1b00-\\u1c4f\\u1cd0-\\u1cff\\ua800-\\ua8ff\\ua900-\\ua9df\\uaa00-\\uaadf\\uabc0-\\uabff';
const COMPLEX = new RegExp(`[${COMPLEX_RANGES}]`);
// What continues a run of such letters: more of them, marks, joiners.
const COMPLEX_RUN = new RegExp(`[${COMPLEX_RANGES}\\p{M}\\u200c\\u200d]+`, 'uy');

/**
 * The text a drawn run shows when it holds shaped glyphs: its characters in reading order, each
 * run of shaped glyphs given as the text it was shaped from; undefined without shaped glyphs.
 */
export function actualText(
  sh: Shaped,
  sources: { start: number; end: number; text: string }[],
  p: number,
  q: number,
  at: (k: number) => number,
): string | undefined {
  const indices: number[] = [];
  for (let k = p; k < q; k++) indices.push(at(k));
  indices.sort((a, b) => a - b);
  let out = '';
  let shaped = false;
  for (let k = 0; k < indices.length; ) {
    const i = indices[k] as number;
    const source = sources.find((s) => i >= s.start && i < s.end);
    if (!source) {
      out += sh.chars[i];
      k++;
      continue;
    }
    shaped = true;
    out += source.text;
    while (k < indices.length && (indices[k] as number) < source.end) k++;
  }
  return shaped ? out : undefined;
}

/**
 * A run of complex-script text starting at `pos` of `text`, shaped by the one face that has all
 * its letters; undefined when no single face has them (the characters then go one by one, and
 * any that no face has is reported).
 */
function complexRun(
  text: string,
  pos: number,
  resolve: (cp: number) => Face | null,
): { end: number; face: Face; glyphs: ReturnType<Face['shape']>; rtl: boolean } | undefined {
  COMPLEX_RUN.lastIndex = pos;
  const m = COMPLEX_RUN.exec(text);
  if (!m) return undefined;
  const run = m[0];
  const face = resolve(run.codePointAt(0) as number);
  if (!face) return undefined;
  for (const c of run) {
    const cp = c.codePointAt(0) as number;
    if (cp !== 0x200c && cp !== 0x200d && resolve(cp) !== face) return undefined;
  }
  const rtl = isRightToLeft(run.codePointAt(0) as number);
  return { end: pos + run.length, face, glyphs: face.shape(run, rtl), rtl };
}

export function shape(items: InlineItem[], ctx: LayoutContext): Shaped {
  return shapeItems(items, ctx);
}

// Font lookup per style object (styles are shared and frozen): one per element kind, not per cell.
const resolvers = new WeakMap<ComputedStyle, (cp: number) => Face | null>();
export function resolverFor(style: ComputedStyle, ctx: LayoutContext): (cp: number) => Face | null {
  let resolve = resolvers.get(style);
  if (!resolve) {
    resolve = ctx.fonts.resolver(style.fontFamily, style.bold, style.italic);
    if (!ctx.fonts.hasAny(style.fontFamily))
      ctx.warnings.add(`no font of "${style.fontFamily.join(', ')}" is available; drawn in ${ctx.fonts.defaultFamily}`);
    resolvers.set(style, resolve);
  }
  return resolve;
}

function shapeItems(items: InlineItem[], ctx: LayoutContext): Shaped {
  // The per-character arrays, sized once for the text (a character gives at most one entry; a
  // run the font shapes may give more, and they then grow): no growth by push, which allocated
  // several times the final size of a paragraph's arrays.
  let capacity = 0;
  for (const it of items) capacity += it.kind === 'text' ? it.text.length : 1;
  const chars: string[] = new Array(capacity);
  const face: (Face | null)[] = new Array(capacity);
  const adv: number[] = new Array(capacity);
  const kern: number[] = new Array(capacity).fill(0);
  const item: number[] = new Array(capacity);
  let n = 0;
  /** Appends one character: its advance in points, the face drawing it, its inline item. */
  const put = (c: string, a: number, f: Face | null, i: number) => {
    if (n >= capacity) kern[n] = 0;
    chars[n] = c;
    adv[n] = a;
    face[n] = f;
    item[n] = i;
    n++;
  };
  let kerned = false;
  let lastSpace = true;
  let placed: Map<number, Placement> | undefined;
  const rtlGlyphs = new Set<number>();
  let prevFace: Face | null = null;
  let prevCp = 0;
  let prevSize = 0;
  const sources: { start: number; end: number; text: string }[] = [];
  items.forEach((it, i) => {
    if (it.kind === 'br') {
      prevFace = null;
      put('\n', 0, null, i);
      lastSpace = true;
      return;
    }
    if (it.kind === 'box') {
      prevFace = null;
      put('\ufffc', it.width, null, i);
      lastSpace = false;
      return;
    }
    const { style } = it;
    const resolve = resolverFor(style, ctx);
    // Arabic letters in the shape their neighbours give them (presentation forms).
    const text = ARABIC_LETTERS.test(it.text) ? joinArabic(it.text, (cp) => resolve(cp) !== null) : it.text;
    // Kerning between neighbours in one face and size, across items (a <span> that changes only
    // the colour), spaces excepted (a line may end there), and right-to-left letters excepted
    // (they are drawn in the other order).
    if (style.fontSize !== prevSize) prevFace = null;
    prevSize = style.fontSize;
    const pre = style.whiteSpace === 'pre' || style.whiteSpace === 'pre-wrap';
    const spacing = style.letterSpacing ?? 0;
    const wordSpacing = style.wordSpacing ?? 0;
    for (let pos = 0; pos < text.length; ) {
      // A word of alphabetic text (Latin, Greek, Cyrillic; nothing the loop below treats apart):
      // its faces, advances and inner kerning from the word cache.
      const code1 = text.charCodeAt(pos);
      if (inWord(code1)) {
        let end = pos + 1;
        while (inWord(text.charCodeAt(end))) end++;
        const w = wordGlyphs(resolve, text.slice(pos, end));
        if (w) {
          const first = w.faces[0] as Face;
          if (prevFace === first && first.kerning) {
            const k = first.kern(prevCp, code1) * style.fontSize;
            if (k !== 0) {
              adv[n - 1] = (adv[n - 1] as number) + k;
              kern[n - 1] = k;
              kerned = true;
            }
          }
          for (let k = 0; k < end - pos; k++) {
            put(text[pos + k] as string, (w.em[k] as number) * style.fontSize + spacing, w.faces[k] as Face, i);
            const inner = w.kernEm[k] as number;
            if (inner !== 0) {
              const kk = inner * style.fontSize;
              adv[n - 1] = (adv[n - 1] as number) + kk;
              kern[n - 1] = kk;
              kerned = true;
            }
          }
          prevFace = w.faces[end - pos - 1] as Face;
          prevCp = text.charCodeAt(end - 1);
          lastSpace = false;
          pos = end;
          continue;
        }
      }
      const ch = String.fromCodePoint(text.codePointAt(pos) as number);
      // Letters that the font shapes (complexRun): one pseudo-character a glyph.
      const code0 = ch.codePointAt(0) as number;
      const run =
        ((code0 >= 0x0700 && code0 <= 0x1cff) || (code0 >= 0xa800 && code0 <= 0xabff)) && COMPLEX.test(ch)
          ? complexRun(text, pos, resolve)
          : undefined;
      if (run) {
        placed ??= new Map();
        sources.push({ start: n, end: n + run.glyphs.length, text: text.slice(pos, run.end) });
        const natural = (g: (typeof run.glyphs)[number]) => run.face.glyph(g.ch.codePointAt(0) as number)?.advance ?? 0;
        for (const g of run.glyphs) {
          const extra = g.advance - natural(g);
          if (g.dx !== 0 || g.dy !== 0 || extra !== 0) placed.set(n, { dx: g.dx, dy: g.dy, extra });
          if (run.rtl) rtlGlyphs.add(n);
          put(g.ch, g.advance * style.fontSize, run.face, i);
        }
        pos = run.end;
        lastSpace = false;
        prevFace = null;
        continue;
      }
      pos += ch.length;
      let c = ch;
      if (pre && (c === '\n' || c === '\r')) {
        // Preserved line feeds are forced breaks.
        if (c === '\r' && text[pos] === '\n') continue;
        prevFace = null;
        put('\n', 0, null, i);
        lastSpace = true;
        continue;
      }
      if (pre && (c === ' ' || c === '\t')) {
        // Preserved spaces (a tab as far as the next multiple of 8 spaces would be simpler to get
        // wrong: it is drawn as 4, the width report code blocks use).
        const count = c === '\t' ? 4 : 1;
        const sp = resolve(32);
        for (let k = 0; k < count; k++)
          put(
            '\u00a0',
            (sp?.glyph(32)?.advance ?? 0.3) * style.fontSize + (style.letterSpacing ?? 0) + (style.wordSpacing ?? 0),
            sp,
            i,
          );
        prevFace = null;
        lastSpace = false;
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f') {
        if (lastSpace) continue;
        c = ' ';
        lastSpace = true;
      } else lastSpace = false;
      if (c === '\u00ad' || c === '\u200b' || c === '\ufeff') continue;
      const cp = c.codePointAt(0) as number;
      if (isBidiOrJoinControl(cp)) {
        // Kept for the bidirectional algorithm (and for joining, done above); never drawn.
        put(c, 0, null, i);
        continue;
      }
      let f = resolve(cp);
      if (!f) {
        const lookup = c === '\u00a0' ? ' ' : ctx.replacement;
        const rf = lookup ? resolve(lookup.codePointAt(0) as number) : null;
        if (rf && lookup) {
          f = rf;
          c = lookup;
        } else {
          const context = it.text.replace(/\s+/g, ' ').trim();
          ctx.missing.push({
            char: ch,
            codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
            where: `${it.where} "${context.length > 40 ? `${context.slice(0, 40)}…` : context}"`,
          });
          continue;
        }
      }
      const code = c.codePointAt(0) as number;
      const g = f.glyph(code);
      if (c === ' ' || isRightToLeft(code)) prevFace = null;
      else {
        if (prevFace === f && f.kerning) {
          const k = f.kern(prevCp, code) * style.fontSize;
          if (k !== 0) {
            const last = n - 1;
            adv[last] = (adv[last] as number) + k;
            kern[last] = k;
            kerned = true;
          }
        }
        prevFace = f;
        prevCp = code;
      }
      put(c, (g?.advance ?? 0) * style.fontSize + spacing + (c === ' ' ? wordSpacing : 0), f, i);
    }
  });
  chars.length = n;
  face.length = n;
  adv.length = n;
  kern.length = n;
  item.length = n;
  const shaped: Shaped = { text: chars.join(''), chars, adv, kern, kerned, face, item };
  if (placed) {
    shaped.placed = placed;
    shaped.sources = sources;
    // Shaped glyphs are private-use characters to the bidirectional algorithm: a letter of their
    // direction stands in for each.
    shaped.bidiChars = chars.map((c, k) =>
      (c.codePointAt(0) as number) >= SHAPED_BASE ? (rtlGlyphs.has(k) ? '\u07ca' : 'a') : c,
    );
  }
  return shaped;
}

/**
 * Whether a UTF-16 unit may be part of a cached word: printable, below the right-to-left and
 * complex scripts, not a space of any kind, not a soft hyphen (NaN past the end: no).
 */
function inWord(code: number): boolean {
  return code > 0x20 && code < 0x590 && code !== 0xa0 && code !== 0xad && (code < 0x7f || code > 0x9f);
}

/** A word's glyphs: per character its face, advance (em) and kerning against the next one (em). */
interface WordGlyphs {
  faces: Face[];
  em: number[];
  kernEm: number[];
}

// Words by font resolver (one per family stack and style), as browsers keep a shape cache per font:
// the words of a report repeat (labels, headings, the same names and units in every row), and
// looking up each character's face, glyph and kerning again was most of shaping. Null: some
// character has no face (the general path reports it). At most 4,096 words a resolver.
const wordCaches = new WeakMap<(cp: number) => Face | null, Map<string, WordGlyphs | null>>();

function wordGlyphs(resolve: (cp: number) => Face | null, word: string): WordGlyphs | null {
  let cache = wordCaches.get(resolve);
  if (!cache) {
    cache = new Map();
    wordCaches.set(resolve, cache);
  }
  let w = cache.get(word);
  if (w === undefined) {
    w = measureWord(resolve, word);
    if (cache.size >= 4096) cache.clear();
    cache.set(word, w);
  }
  return w;
}

function measureWord(resolve: (cp: number) => Face | null, word: string): WordGlyphs | null {
  const faces: Face[] = [];
  const em: number[] = [];
  const kernEm: number[] = [];
  for (let k = 0; k < word.length; k++) {
    const code = word.charCodeAt(k);
    const f = resolve(code);
    if (!f) return null;
    faces.push(f);
    em.push(f.glyph(code)?.advance ?? 0);
    kernEm.push(0);
    // Kerning as the general path applies it: between neighbours drawn by one face.
    if (k > 0 && faces[k - 1] === f && f.kerning) kernEm[k - 1] = f.kern(word.charCodeAt(k - 1), code);
  }
  return { faces, em, kernEm };
}

/** ZWNJ, ZWJ, LRM, RLM, ALM and the embedding, override and isolate controls: format characters. */
function isBidiOrJoinControl(cp: number): boolean {
  return (cp >= 0x200c && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x061c;
}

export const FAST_TEXT = /^[\x20-\x7e\u00a1-\u00ac\u00ae-\u024f\u0370-\u03ff\u0400-\u04ff]*$/;
export const FAST_EXCLUDED = /[-/?!)\]}\u00ab\u00bb]/;
const NO_LINE_START = new Set([',', '.', ':', ';', '!', '?', ' ']);

/**
 * `measureInline` for one run of alphabetic text that breaks only at spaces (the common table
 * cell), without building the per-character arrays; undefined if a character needs the general
 * path (no font has it, or a line-start rule applies).
 */
export function measurePlain(
  text: string,
  style: ComputedStyle,
  resolve: (cp: number) => Face | null,
): { min: number; max: number } | undefined {
  if (plainStyleNeedsShaping(style)) return undefined;
  let min = 0;
  let word = 0;
  let total = 0;
  let pendingSpace = 0;
  let started = false;
  let prevFace: Face | null = null;
  let prevCode = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 12) {
      prevFace = null;
      if (started && pendingSpace === 0) {
        const face = resolve(32);
        if (!face) return undefined;
        pendingSpace = (face.glyph(32)?.advance ?? 0) * style.fontSize;
        min = Math.max(min, word);
        word = 0;
      }
      continue;
    }
    if (code === 44 || code === 46 || code === 58 || code === 59 || code === 33 || code === 63) {
      if (pendingSpace > 0) return undefined; // ", . : ; ! ?" after a space: no break there
    }
    const face = resolve(code);
    const g = face?.glyph(code);
    if (!g || !face) return undefined;
    // Kerning as shapeItems applies it: between neighbours of one face, not across a space.
    const a = g.advance * style.fontSize + (prevFace === face && face.kerning ? face.kern(prevCode, code) * style.fontSize : 0);
    prevFace = face;
    prevCode = code;
    if (pendingSpace > 0) {
      total += pendingSpace;
      pendingSpace = 0;
    }
    started = true;
    word += a;
    total += a;
  }
  min = Math.max(min, word);
  return { min, max: Math.max(total, min) };
}

/** Break opportunities (indices into chars, after which a line may end) and mandatory ones. */
export function breaks(sh: Shaped): { at: number; required: boolean }[] {
  // Fast path for alphabetic scripts (Latin, Greek, Cyrillic) without hyphens, slashes or
  // closing punctuation: UAX #14 then allows a break only after a space that is not followed by a
  // character that may not start a line (, . : ; ! ?).
  const out: { at: number; required: boolean }[] = [];
  if (FAST_TEXT.test(sh.text) && !FAST_EXCLUDED.test(sh.text)) {
    const n = sh.chars.length;
    for (let i = 0; i < n; i++) {
      if (sh.chars[i] === ' ' && i + 1 < n && !NO_LINE_START.has(sh.chars[i + 1] as string))
        out.push({ at: i + 1, required: false });
    }
    out.push({ at: n, required: false });
    return out;
  }
  // linebreak positions are UTF-16 offsets; map them to char indices.
  const unitToChar: number[] = [];
  sh.chars.forEach((c, i) => {
    for (let k = 0; k < c.length; k++) unitToChar.push(i);
  });
  unitToChar.push(sh.chars.length);
  const breaker = new LineBreaker(sh.text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    out.push({ at: unitToChar[b.position] ?? sh.chars.length, required: b.required && b.position < sh.text.length });
  }
  return out;
}

/** The widest unbreakable piece and the widest line without wrapping, for table column sizing. */
export function measureInline(items: InlineItem[], ctx: LayoutContext): { min: number; max: number } {
  const only = items.length === 1 ? items[0] : undefined;
  if (only?.kind === 'text' && FAST_TEXT.test(only.text) && !FAST_EXCLUDED.test(only.text)) {
    const fast = measurePlain(only.text, only.style, resolverFor(only.style, ctx));
    if (fast) return fast;
  }
  const sh = shape(items, ctx);
  let min = 0;
  let max = 0;
  let line = 0;
  let start = 0;
  for (const b of breaks(sh)) {
    let w = 0;
    let trail = 0;
    for (let i = start; i < b.at; i++) {
      w += sh.adv[i] as number;
      trail = sh.chars[i] === ' ' ? trail + (sh.adv[i] as number) : 0;
    }
    // A piece ending a line loses its last character's kerning against the next line's first.
    if (trail === 0 && b.at > start) trail = sh.kern[b.at - 1] as number;
    min = Math.max(min, w - trail);
    line += w;
    if (b.required) {
      max = Math.max(max, line - trail);
      line = 0;
    } else if (b.at === sh.chars.length) max = Math.max(max, line - trail);
    start = b.at;
  }
  return { min, max: Math.max(max, min) };
}

/** Whether a style changes text beyond its font (spacing, case, white space): the fast paths step aside. */
export function plainStyleNeedsShaping(style: ComputedStyle): boolean {
  return (
    style.letterSpacing !== undefined ||
    style.wordSpacing !== undefined ||
    style.textTransform !== undefined ||
    style.smallCaps === true ||
    style.whiteSpace !== undefined ||
    style.lineThrough === true ||
    style.baselineShift !== undefined ||
    style.before !== undefined ||
    style.after !== undefined
  );
}
