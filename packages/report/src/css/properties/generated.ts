// Generated content and lists: `content` (parsed into parts for ::before/::after, string-set and
// margin boxes), the counters (reset, increment, set), quotes and list-style.

import type { Declaration } from '../parse.js';
import { splitValue } from '../shorthands.js';
import type { ComputedStyle, ContentPart } from '../style.js';
import { at, bad, type Warn } from './shared.js';

/** Applies a generated-content, counter or list property; false when `d` is not one. */
export function applyGenerated(s: ComputedStyle, d: Declaration, v: string, warn: Warn): boolean {
  const { name, value } = d;
  switch (name) {
    case 'list-style-type':
      s.listStyleType = v;
      break;
    case 'list-style-position':
      if (v === 'inside') warn(`list-style-position: inside drawn outside${at(d)}`);
      break;
    case 'content':
      if (v !== 'normal' && v !== 'none') warn(`content on an element (not ::before/::after) ignored${at(d)}`);
      break;
    case 'counter-reset':
    case 'counter-increment': {
      const list = counterList(v, name === 'counter-reset' ? 0 : 1);
      if (name === 'counter-reset') s.counterReset = list;
      else s.counterIncrement = list;
      break;
    }
    case 'counter-set': {
      // Names (identifiers), each with an optional integer; anything else drops the declaration.
      const parts = splitValue(value.trim());
      const ok =
        v === 'none' ||
        parts.every(
          (p, i) => /^-?[_a-zA-Z][\w-]*$/.test(p) || (/^[-+]?\d+$/.test(p) && i > 0 && !/^[-+]?\d+$/.test(parts[i - 1] ?? '')),
        );
      if (!ok || (v !== 'none' && parts.some((p) => /^(none|inherit|initial|unset|revert)$/i.test(p)))) bad(d, warn);
      else if (v === 'none') delete s.counterSet;
      else s.counterSet = counterList(value.trim(), 0);
      break;
    }
    case 'quotes':
      if (v !== 'auto' && v !== 'none') warn(`quotes "${value}" not used (curly English quotation marks are)${at(d)}`);
      break;
    default:
      return false;
  }
  return true;
}

/** `counter-reset`/`counter-increment`: names, each with an optional integer (`dflt` when absent). */
function counterList(v: string, dflt: number): [string, number][] {
  if (v === 'none') return [];
  const parts = splitValue(v);
  const out: [string, number][] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i] as string;
    const next = parts[i + 1];
    if (next !== undefined && /^-?\d+$/.test(next)) {
      out.push([name, Number(next)]);
      i++;
    } else out.push([name, dflt]);
  }
  return out;
}

/** Parses `content` into parts; `none`/`normal` leave the pseudo-element out. */
export function parseContent(value: string): ContentPart[] | undefined {
  const v = value.trim();
  if (v === 'none' || v === 'normal' || v === '') return undefined;
  const out: ContentPart[] = [];
  for (const p of splitValue(v)) {
    const l = p.toLowerCase();
    if (p.startsWith('"') || p.startsWith("'")) out.push({ kind: 'text', text: unescapeString(p.slice(1, -1)) });
    else if (l.startsWith('attr(')) out.push({ kind: 'attr', name: p.slice(5, -1).trim().toLowerCase() });
    else if (l.startsWith('counter(')) {
      const [name, style] = splitValue(p.slice(8, -1), /,/);
      out.push({ kind: 'counter', name: (name ?? '').trim(), style: (style ?? 'decimal').trim().toLowerCase() });
    } else if (l.startsWith('counters(')) {
      const [name, sep, style] = splitValue(p.slice(9, -1), /,/);
      const separator = (sep ?? '""').trim();
      out.push({
        kind: 'counters',
        name: (name ?? '').trim(),
        separator: unescapeString(separator.slice(1, -1)),
        style: (style ?? 'decimal').trim().toLowerCase(),
      });
    } else if (l === 'open-quote' || l === 'close-quote') out.push({ kind: 'quote', open: l === 'open-quote' });
    else if (l === 'no-open-quote' || l === 'no-close-quote') continue;
    else if (/^content\(\s*(text|before|after)?\s*\)$/.test(l)) {
      const which = /^content\(\s*(\w*)/.exec(l)?.[1] || 'text';
      out.push({ kind: 'content', which: which as 'text' | 'before' | 'after' });
    } else if ((l.startsWith('string(') || l.startsWith('element(')) && l.endsWith(')')) {
      const kind = l.startsWith('string(') ? 'string' : 'element';
      const [name, which] = splitValue(p.slice(kind.length + 1, -1), /,/).map((x) => x.trim());
      const w = (which ?? 'first').toLowerCase();
      if (!name || !['first', 'start', 'last', 'first-except'].includes(w)) return undefined;
      out.push({ kind, name, which: w as 'first' | 'start' | 'last' | 'first-except' });
    } else return undefined;
  }
  return out;
}

/** CSS string escapes: `\\A` and `\\201C` (hex code points), `\\"`. */
function unescapeString(s: string): string {
  return s.replace(/\\([0-9a-fA-F]{1,6})\s?|\\(.)/g, (_, hex: string | undefined, ch: string | undefined) =>
    hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (ch ?? ''),
  );
}

/** A ::before/::after rule's `content` kept on the element's style, with its other declarations for `pseudoStyle`. */
export function generated(s: ComputedStyle, decls: Declaration[], which: 'before' | 'after', warn: Warn): void {
  let content: ContentPart[] | undefined;
  for (const d of decls) {
    if (d.name === 'content') {
      content = parseContent(d.value);
      if (content === undefined && !/^(none|normal)$/i.test(d.value.trim()))
        warn(`unsupported content "${d.value}" ignored${at(d)}`);
    }
  }
  if (!content) return;
  s[which] = content;
  const others = decls.filter((d) => d.name !== 'content');
  // Styled pseudo-elements: their declarations are kept for `pseudoStyle`, computed as a child.
  if (others.length > 0) s[which === 'before' ? 'beforeDecls' : 'afterDecls'] = others;
}
