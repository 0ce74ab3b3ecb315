// The Unicode Bidirectional Algorithm (UAX #9, by bidi-js) for lines that hold right-to-left text:
// levels for a paragraph, then each line's characters in the order they are drawn.
import bidiExport, { type Bidi } from 'bidi-js';

// bidi-js is CommonJS whose module.exports is the factory; its types declare it as `default`.
const bidiFactory = ((bidiExport as unknown as { default?: unknown }).default ?? bidiExport) as unknown as () => Bidi;
let bidi: Bidi | undefined;

/** Text with a right-to-left character or control (Hebrew, Arabic, Syriac, Thaana, N'Ko, …; RLM, RLE, RLO, RLI). */
const RIGHT_TO_LEFT =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067]|\ud802[\udc00-\udfff]|\ud803[\udc00-\udeff]|\ud83a|\ud83b/;

/** A letter of Hebrew, Arabic or a right-to-left script near them (Syriac, Thaana, N'Ko, …), or a presentation form of one. */
export function isRightToLeft(cp: number): boolean {
  return (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefc);
}

/** A paragraph's resolved embedding levels, per character (code point) of its text. */
export interface ParagraphBidi {
  /** Level of each character: odd is right to left. */
  levels: Uint8Array;
  /** Whether the paragraph reads right to left (its base level is odd). */
  rtl: boolean;
}

/**
 * The levels of a paragraph of `chars` (code points, joined: `text`) with base direction
 * `direction`; undefined when all of it is left to right (no right-to-left character, base ltr).
 */
export function paragraphBidi(
  text: string,
  chars: string[],
  direction: 'ltr' | 'rtl' | 'auto' | undefined,
): ParagraphBidi | undefined {
  if (direction !== 'rtl' && !RIGHT_TO_LEFT.test(text)) return undefined;
  bidi ??= bidiFactory();
  const resolved = bidi.getEmbeddingLevels(text, direction === 'auto' ? undefined : (direction ?? 'ltr'));
  const levels = new Uint8Array(chars.length);
  let unit = 0;
  chars.forEach((c, i) => {
    levels[i] = resolved.levels[unit] as number;
    unit += c.length;
  });
  return { levels, rtl: ((resolved.paragraphs[0]?.level ?? 0) & 1) === 1 };
}

/**
 * The characters `begin` … `end - 1` of a line in the order they are drawn, left to right (rule
 * L2: reverse every run at each level from the highest down to the lowest odd one); undefined when
 * that is their logical order.
 */
export function visualOrder(p: ParagraphBidi, begin: number, end: number): number[] | undefined {
  let highest = 0;
  let lowestOdd = 255;
  for (let i = begin; i < end; i++) {
    const l = p.levels[i] as number;
    if (l > highest) highest = l;
    if (l & 1 && l < lowestOdd) lowestOdd = l;
  }
  if (highest === 0) return undefined;
  const order = Array.from({ length: end - begin }, (_, k) => begin + k);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let s = 0; s < order.length; ) {
      if ((p.levels[order[s] as number] as number) < level) {
        s++;
        continue;
      }
      let e = s;
      while (e < order.length && (p.levels[order[e] as number] as number) >= level) e++;
      order.splice(s, e - s, ...order.slice(s, e).reverse());
      s = e;
    }
  }
  return order;
}

/** The mirror image of a character drawn right to left (brackets, <, ≤, …), else itself. */
export function mirrored(ch: string): string {
  bidi ??= bidiFactory();
  return bidi.getMirroredCharacter(ch) ?? ch;
}
