// Generated content and counters: list markers, counter styles (formatCounter), the counters an
// element resets, increments and sets, the items of ::before/::after (text, attr(), counters,
// quotes; a styled one as an inline-block), and the values of `string-set` for running headers.

import { type ComputedStyle, type ContentPart, deriveStyle, pseudoStyle } from '../css/computed.js';
import { type ElementNode, textContent } from '../html.js';
import type { InlineItem } from '../text/shape.js';
import type { Flow } from './block.js';
import type { LayoutContext } from './boxes.js';
import { inlineBlock, transformText } from './collect.js';
import { Counters } from './counters.js';

/** The marker of a list item: its number (`numberLists`) in its list-style-type; '' for none. */
export function listMarker(li: ElementNode, s: ComputedStyle): string {
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
export function countersOf(el: ElementNode, s: ComputedStyle, ctx: LayoutContext): void {
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
export function generatedContent(
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

/** Evaluates an element's `string-set` (CSS GCPM 3 §1.1); its first line carries the values to its page. */
export function setStrings(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
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
