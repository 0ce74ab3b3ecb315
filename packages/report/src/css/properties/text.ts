// Fonts and text: font-size (applied before the rest, since em lengths refer to it), weight,
// style, small caps, family, colour, alignment, direction, vertical-align, decorations, line
// height, transforms, spacing, white-space and text-indent.

import type { Declaration } from '../parse.js';
import { splitValue } from '../shorthands.js';
import type { ComputedStyle } from '../style.js';
import { parseColor, parseLength } from '../values.js';
import { at, bad, type Warn } from './shared.js';

/** font-size's absolute keywords, in points (12 pt is `medium`). */
const FONT_SIZE_KEYWORDS: Record<string, number> = {
  'xx-small': 7,
  'x-small': 7.5,
  small: 10,
  medium: 12,
  large: 13.5,
  'x-large': 18,
  'xx-large': 24,
  'xxx-large': 36,
};

/** `font-size` (keywords, relative keywords, lengths against the parent's size). */
export function applyFontSize(s: ComputedStyle, parent: ComputedStyle, d: Declaration, warn: (m: string) => void): void {
  const v = d.value.toLowerCase();
  if (v === 'inherit' || v === 'unset') s.fontSize = parent.fontSize;
  else if (v === 'initial') s.fontSize = 12;
  else if (Object.hasOwn(FONT_SIZE_KEYWORDS, v)) s.fontSize = FONT_SIZE_KEYWORDS[v] as number;
  else if (v === 'smaller') s.fontSize = parent.fontSize / 1.2;
  else if (v === 'larger') s.fontSize = parent.fontSize * 1.2;
  else {
    const n = parseLength(v, parent.fontSize, parent.fontSize);
    if (n !== undefined && n >= 0) s.fontSize = n;
    else warn(`font-size "${d.value}" ignored${at(d)}`);
  }
}

/** Applies a font or text property; false when `d` is not one. */
export function applyText(s: ComputedStyle, parent: ComputedStyle, d: Declaration, v: string, warn: Warn): boolean {
  const { name, value } = d;
  switch (name) {
    case 'font-weight':
      if (v === 'bold' || v === 'bolder') s.bold = true;
      else if (v === 'normal' || v === 'lighter') s.bold = false;
      else if (/^\d+$/.test(v)) s.bold = Number(v) >= 600;
      else bad(d, warn);
      break;
    case 'font-style':
      s.italic = v === 'italic' || v === 'oblique' || v.startsWith('oblique ');
      break;
    case 'font-variant':
    case 'font-variant-caps':
      if (v === 'small-caps' || v === 'all-small-caps') {
        s.smallCaps = true;
        warn(`font-variant: ${v} drawn in the letters' own case (no small-caps faces)${at(d)}`);
      } else if (v === 'normal' || v === 'none') delete s.smallCaps;
      else bad(d, warn);
      break;
    case 'font-family':
      s.fontFamily = splitValue(value, /,/).map((f) => f.trim().replace(/^["']|["']$/g, ''));
      break;
    case 'color': {
      const c = v === 'currentcolor' ? parent.color : parseColor(value);
      if (c) s.color = c;
      else bad(d, warn);
      break;
    }
    case 'text-align':
      if (v === 'left' || v === 'right' || v === 'center' || v === 'justify') s.textAlign = v;
      else if (v === 'start' || v === 'end') {
        // Resolved against the direction here: 'auto' counts as left to right.
        const rtl = s.direction === 'rtl';
        s.textAlign = (v === 'start') === rtl ? 'right' : 'left';
      } else if (v === '-webkit-center') s.textAlign = 'center';
      else bad(d, warn);
      break;
    case 'direction':
      if (v === 'ltr' || v === 'rtl') s.direction = v;
      else bad(d, warn);
      break;
    case 'vertical-align':
      if (v === 'top' || v === 'middle' || v === 'bottom') s.verticalAlign = v;
      else if (v === 'super') s.baselineShift = (parent.baselineShift ?? 0) + parent.fontSize / 3;
      else if (v === 'sub') s.baselineShift = (parent.baselineShift ?? 0) - parent.fontSize / 5;
      else if (v === 'baseline' || v === 'text-top' || v === 'text-bottom') s.verticalAlign = 'top';
      else {
        const l = parseLength(v, s.fontSize, s.fontSize * s.lineHeight);
        if (l !== undefined) s.baselineShift = (parent.baselineShift ?? 0) + l;
        else bad(d, warn);
      }
      break;
    case 'text-decoration':
    case 'text-decoration-line': {
      // Decorations propagate to the text of descendants (CSS Text Decoration 3 §2); 'none' on a
      // descendant does not remove an ancestor's, but it is how templates undo a link's underline.
      const parts = splitValue(v);
      if (parts.includes('none')) {
        s.underline = false;
        delete s.lineThrough;
      }
      if (parts.includes('underline')) s.underline = true;
      if (parts.includes('line-through')) s.lineThrough = true;
      if (parts.includes('overline') || parts.includes('wavy') || parts.includes('dotted') || parts.includes('dashed'))
        warn(`text-decoration "${value}" drawn as a solid underline or line-through only${at(d)}`);
      break;
    }
    case 'line-height': {
      if (v === 'normal') {
        s.lineHeight = 1.2;
        break;
      }
      const n = Number(v);
      if (v !== '' && Number.isFinite(n)) s.lineHeight = n;
      else {
        const l = parseLength(v, s.fontSize, s.fontSize);
        if (l !== undefined) s.lineHeight = l / s.fontSize;
        else bad(d, warn);
      }
      break;
    }
    case 'text-transform':
      if (v === 'uppercase' || v === 'lowercase' || v === 'capitalize') s.textTransform = v;
      else if (v === 'none') delete s.textTransform;
      else bad(d, warn);
      break;
    case 'letter-spacing':
    case 'word-spacing': {
      const l = v === 'normal' ? 0 : parseLength(v, s.fontSize);
      if (l === undefined) bad(d, warn);
      else if (name === 'letter-spacing') s.letterSpacing = l;
      else s.wordSpacing = l;
      break;
    }
    case 'white-space':
      if (v === 'pre' || v === 'pre-wrap' || v === 'nowrap' || v === 'pre-line') s.whiteSpace = v;
      else if (v === 'normal') delete s.whiteSpace;
      else if (v === 'break-spaces') s.whiteSpace = 'pre-wrap';
      else bad(d, warn);
      break;
    case 'text-indent': {
      const l = parseLength(v, s.fontSize, 0);
      if (l === undefined) bad(d, warn);
      else {
        s.textIndent = l;
        if (l < 0) warn(`negative text-indent "${value}" not applied (hanging indents)${at(d)}`);
      }
      break;
    }
    case 'overflow-wrap':
    case 'word-break':
      break; // a word wider than its line is always broken between characters
    default:
      return false;
  }
  return true;
}
