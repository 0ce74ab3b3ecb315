// Arabic letters take one of up to four shapes by whether they join the letter before and the one
// after. Without a shaping engine, the shapes are chosen here and written as Unicode's
// presentation forms (which fonts such as DejaVu Sans map), with lam-alef as its ligature.
import { ARABIC_FORMS, JOINING, LAM_ALEF } from './arabic-forms.js';

/** Text that has Arabic letters to shape. */
export const ARABIC_LETTERS = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f]/;
// Marks do not break a join: harakat, Quranic marks, format characters other than ZWJ and ZWNJ.
const TRANSPARENT = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

type Joining = 'dual' | 'right' | 'causing' | 'transparent' | 'none';

/** How a character joins its neighbours (Unicode's ArabicShaping.txt). */
export function joiningOf(cp: number): Joining {
  const type = JOINING.get(cp);
  if (type === 'D') return 'dual';
  if (type === 'R') return 'right';
  if (type === 'C') return 'causing';
  if (type === 'T') return 'transparent';
  if (cp === 0x200c) return 'none'; // zero width non-joiner
  return TRANSPARENT.test(String.fromCodePoint(cp)) ? 'transparent' : 'none';
}

/**
 * `text` (in logical order) with each Arabic letter replaced by its isolated, final, initial or
 * medial presentation form, and lam followed by alef by their ligature, where `has` says a font
 * has the form; a letter whose form no font has stays as it is. 'سلام' becomes U+FEB3 U+FEFC
 * U+FEE1: seen initial, lam-alef final, meem isolated.
 */
export function joinArabic(text: string, has: (cp: number) => boolean): string {
  if (!ARABIC_LETTERS.test(text)) return text;
  const cps = Array.from(text, (c) => c.codePointAt(0) as number);
  const joining = cps.map(joiningOf);
  // Index of the nearest character before / after i that is not a mark.
  const before = (i: number) => {
    let j = i - 1;
    while (j >= 0 && joining[j] === 'transparent') j--;
    return j;
  };
  const after = (i: number) => {
    let k = i + 1;
    while (k < cps.length && joining[k] === 'transparent') k++;
    return k;
  };
  const out: string[] = [];
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i] as number;
    const type = joining[i] as Joining;
    if (type !== 'dual' && type !== 'right') {
      out.push(String.fromCodePoint(cp));
      continue;
    }
    const p = before(i);
    const joinsBefore = p >= 0 && (joining[p] === 'dual' || joining[p] === 'causing');
    const n = after(i);
    // Lam then alef: one ligature, which joins the letter before but never the one after.
    const ligature = cp === 0x0644 && n < cps.length ? LAM_ALEF.get(cps[n] as number) : undefined;
    const lig = ligature?.[joinsBefore ? 1 : 0];
    if (lig && has(lig)) {
      out.push(String.fromCodePoint(lig));
      for (let m = i + 1; m < n; m++) out.push(String.fromCodePoint(cps[m] as number)); // its marks
      joining[n] = 'right'; // the alef is in the ligature: what follows does not join it
      cps[n] = -1;
      i = n;
      continue;
    }
    const next = n < cps.length ? joining[n] : 'none';
    const joinsAfter = type === 'dual' && (next === 'dual' || next === 'right' || next === 'causing');
    const slot = joinsBefore ? (joinsAfter ? 3 : 1) : joinsAfter ? 2 : 0;
    const form = ARABIC_FORMS.get(cp)?.[slot] ?? 0;
    out.push(String.fromCodePoint(form !== 0 && has(form) ? form : cp));
  }
  return out.join('');
}
