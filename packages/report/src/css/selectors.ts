// Selectors (Selectors Level 3 and the parts of Level 4 templates use): parsing, specificity and
// matching against the document tree.

import type { ElementNode } from '../html.js';

/** An attribute condition: `[name]`, `[name=v]`, `~=`, `|=`, `^=`, `$=`, `*=`, with the `i` flag. */
interface AttrTest {
  name: string;
  op?: '=' | '~=' | '|=' | '^=' | '$=' | '*=';
  value?: string;
  insensitive?: boolean;
}

type Pseudo =
  | { kind: 'nth'; a: number; b: number; last: boolean; ofType: boolean }
  | { kind: 'only'; ofType: boolean }
  | { kind: 'root' | 'empty' | 'never' | 'link' }
  | { kind: 'not' | 'is'; list: Selector[] };

/** A compound selector: everything between two combinators. */
export interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
  attrs: AttrTest[];
  pseudos: Pseudo[];
}

/** A complex selector, rightmost compound first. */
export interface Selector {
  /** `compounds[0]` is the subject; `combinators[i]` joins `compounds[i]` to `compounds[i + 1]`. */
  compounds: Compound[];
  combinators: (' ' | '>' | '+' | '~')[];
  /** (ids, classes + attributes + pseudo-classes, types), packed as a × 10⁶ + b × 10³ + c. */
  specificity: number;
  /** `::before`, `::after`, `::marker` (and the CSS 2 one-colon forms). */
  pseudoElement?: 'before' | 'after' | 'marker';
}

/** Why a selector was not parsed: what a warning names. */
export class SelectorError extends Error {}

// Pseudo-classes of interaction or of the screen: nothing matches them in print (as in Chromium's
// print, where nothing is hovered, focused or visited).
const NEVER = new Set([
  'hover',
  'focus',
  'active',
  'visited',
  'focus-within',
  'focus-visible',
  'target',
  'checked',
  'disabled',
  'enabled',
]);

/** Splits a selector list at top-level commas. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim());
}

const IDENT = /^-?[_a-zA-Z\u00a0-\uffff][-\w\u00a0-\uffff]*|^\\./;

/** Parses one complex selector; throws `SelectorError` naming what is not supported. */
export function parseSelector(text: string): Selector {
  let i = 0;
  const s = text.trim();
  const compounds: Compound[] = [];
  const combinators: Selector['combinators'] = [];
  let pseudoElement: Selector['pseudoElement'];
  let spec = 0;
  const ident = (): string => {
    const m = /^(?:-?[_a-zA-Z\u00a0-\uffff]|\\.)(?:[-\w\u00a0-\uffff]|\\.)*/.exec(s.slice(i));
    if (!m) throw new SelectorError(`unexpected "${s.slice(i, i + 10)}"`);
    i += m[0].length;
    return m[0].replace(/\\(.)/g, '$1');
  };
  const balanced = (): string => {
    // The argument of a functional pseudo-class, up to its closing parenthesis.
    let depth = 1;
    const start = i;
    for (; i < s.length; i++) {
      if (s[i] === '(') depth++;
      else if (s[i] === ')' && --depth === 0) break;
    }
    if (depth !== 0) throw new SelectorError('unclosed "("');
    return s.slice(start, i++);
  };
  for (;;) {
    const c: Compound = { classes: [], attrs: [], pseudos: [] };
    let any = false;
    if (s[i] === '*') {
      i++;
      any = true;
    } else if (IDENT.test(s.slice(i))) {
      c.tag = ident().toLowerCase();
      spec += 1;
      any = true;
    }
    for (;;) {
      const ch = s[i];
      if (ch === '.') {
        i++;
        c.classes.push(ident());
        spec += 1000;
      } else if (ch === '#') {
        i++;
        c.id = ident();
        spec += 1_000_000;
      } else if (ch === '[') {
        const end = s.indexOf(']', i);
        if (end < 0) throw new SelectorError('unclosed "["');
        const body = s.slice(i + 1, end).trim();
        i = end + 1;
        const m = /^([-\w:]+)\s*(?:([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))\s*(i|s)?)?$/i.exec(body);
        if (!m) throw new SelectorError(`attribute selector [${body}]`);
        const t: AttrTest = { name: (m[1] as string).toLowerCase() };
        if (m[2]) {
          t.op = m[2] as AttrTest['op'];
          t.value = m[3] ?? m[4] ?? m[5] ?? '';
          if (m[6]?.toLowerCase() === 'i') {
            t.insensitive = true;
            t.value = t.value.toLowerCase();
          }
        }
        c.attrs.push(t);
        spec += 1000;
      } else if (ch === ':') {
        i++;
        const element = s[i] === ':';
        if (element) i++;
        const name = ident().toLowerCase();
        if (element || name === 'before' || name === 'after' || name === 'first-line' || name === 'first-letter') {
          if (name !== 'before' && name !== 'after' && name !== 'marker') throw new SelectorError(`pseudo-element ::${name}`);
          pseudoElement = name;
          spec += 1;
          if (i < s.length && s[i] !== ' ') throw new SelectorError(`something after ::${name}`);
          continue;
        }
        if (s[i] === '(') {
          i++;
          const arg = balanced();
          if (name === 'not' || name === 'is' || name === 'where' || name === 'matches') {
            const list = splitList(arg).map(parseSelector);
            if (list.some((x) => x.pseudoElement)) throw new SelectorError(`pseudo-element inside :${name}()`);
            c.pseudos.push({ kind: name === 'not' ? 'not' : 'is', list });
            if (name !== 'where') spec += Math.max(...list.map((x) => x.specificity));
          } else if (/^nth-(last-)?(child|of-type)$/.test(name)) {
            const [a, b] = parseNth(arg, name);
            c.pseudos.push({ kind: 'nth', a, b, last: name.includes('last'), ofType: name.endsWith('of-type') });
            spec += 1000;
          } else if (name === 'lang' || name === 'dir') {
            throw new SelectorError(`:${name}()`);
          } else throw new SelectorError(`:${name}()`);
        } else {
          spec += 1000;
          switch (name) {
            case 'first-child':
              c.pseudos.push({ kind: 'nth', a: 0, b: 1, last: false, ofType: false });
              break;
            case 'last-child':
              c.pseudos.push({ kind: 'nth', a: 0, b: 1, last: true, ofType: false });
              break;
            case 'first-of-type':
              c.pseudos.push({ kind: 'nth', a: 0, b: 1, last: false, ofType: true });
              break;
            case 'last-of-type':
              c.pseudos.push({ kind: 'nth', a: 0, b: 1, last: true, ofType: true });
              break;
            case 'only-child':
              c.pseudos.push({ kind: 'only', ofType: false });
              break;
            case 'only-of-type':
              c.pseudos.push({ kind: 'only', ofType: true });
              break;
            case 'root':
              c.pseudos.push({ kind: 'root' });
              break;
            case 'empty':
              c.pseudos.push({ kind: 'empty' });
              break;
            case 'link':
            case 'any-link':
              c.pseudos.push({ kind: 'link' });
              break;
            default:
              if (NEVER.has(name)) c.pseudos.push({ kind: 'never' });
              else throw new SelectorError(`:${name}`);
          }
        }
      } else break;
      any = true;
    }
    if (!any) throw new SelectorError(s.length === i ? 'an empty compound' : `unexpected "${s.slice(i, i + 10)}"`);
    compounds.push(c);
    // A combinator, or the end.
    const m = /^\s*([>+~])\s*|^\s+/.exec(s.slice(i));
    if (i >= s.length) break;
    if (!m) throw new SelectorError(`unexpected "${s.slice(i, i + 10)}"`);
    i += m[0].length;
    if (i >= s.length) break;
    if (pseudoElement) throw new SelectorError('a pseudo-element before the subject');
    combinators.push((m[1] ?? ' ') as ' ' | '>' | '+' | '~');
  }
  compounds.reverse();
  combinators.reverse();
  return { compounds, combinators, specificity: spec, ...(pseudoElement ? { pseudoElement } : {}) };
}

function parseNth(arg: string, name: string): [number, number] {
  const v = arg.trim().toLowerCase().replace(/\s+/g, '');
  if (v === 'odd') return [2, 1];
  if (v === 'even') return [2, 0];
  const m = /^([-+]?\d*)n([-+]\d+)?$/.exec(v);
  if (m) {
    const a = m[1] === '' || m[1] === '+' ? 1 : m[1] === '-' ? -1 : Number(m[1]);
    return [a, Number(m[2] ?? 0)];
  }
  if (/^[-+]?\d+$/.test(v)) return [0, Number(v)];
  throw new SelectorError(`:${name}(${arg})`);
}

/** The element's parent, as the tree builder recorded it. */
function parentOf(el: ElementNode): ElementNode | undefined {
  return el.parent;
}

// Each parent's element children, listed once (structural pseudo-classes and sibling combinators).
const siblingLists = new WeakMap<ElementNode, ElementNode[]>();
function siblingsOf(el: ElementNode): ElementNode[] {
  const p = el.parent;
  if (!p) return [el];
  let list = siblingLists.get(p);
  if (!list || (list.length !== countElements(p) && p.children.length > 0)) {
    list = p.children.filter((c): c is ElementNode => c.type === 'element');
    siblingLists.set(p, list);
  }
  return list;
}
function countElements(p: ElementNode): number {
  let n = 0;
  for (const c of p.children) if (c.type === 'element') n++;
  return n;
}
// Position among siblings: from the tree builder for rows of long tables, whose siblings are let go.
const positions = new WeakMap<ElementNode[], Map<ElementNode, number>>();
function positionIn(list: ElementNode[], el: ElementNode): number {
  let map = positions.get(list);
  if (!map) {
    map = new Map(list.map((e, k) => [e, k]));
    positions.set(list, map);
  }
  return map.get(el) ?? el.index ?? 0;
}

function nthMatches(a: number, b: number, pos: number): boolean {
  // pos is 1-based: is there n ≥ 0 with a·n + b = pos?
  if (a === 0) return pos === b;
  const n = (pos - b) / a;
  return Number.isInteger(n) && n >= 0;
}

// Class attributes split into their names, by the attribute's text: a descendant selector checks
// the same ancestors' classes for every element below them.
const classLists = new Map<string, readonly string[]>();

function classList(cls: string): readonly string[] {
  let list = classLists.get(cls);
  if (!list) {
    list = cls.split(/\s+/);
    if (classLists.size >= 4096) classLists.clear();
    classLists.set(cls, list);
  }
  return list;
}

function matchesCompound(c: Compound, el: ElementNode): boolean {
  if (c.tag !== undefined && c.tag !== el.tag) return false;
  const a = el.attrs;
  if (c.id !== undefined && a.id !== c.id) return false;
  if (c.classes.length > 0) {
    const cls = a.class;
    if (cls === undefined) return false;
    const list = classList(cls);
    for (const k of c.classes) if (!list.includes(k)) return false;
  }
  for (const t of c.attrs) {
    const raw = a[t.name];
    if (raw === undefined) return false;
    if (!t.op) continue;
    const v = t.insensitive ? raw.toLowerCase() : raw;
    const want = t.value as string;
    switch (t.op) {
      case '=':
        if (v !== want) return false;
        break;
      case '~=':
        if (!v.split(/\s+/).includes(want)) return false;
        break;
      case '|=':
        if (v !== want && !v.startsWith(`${want}-`)) return false;
        break;
      case '^=':
        if (want === '' || !v.startsWith(want)) return false;
        break;
      case '$=':
        if (want === '' || !v.endsWith(want)) return false;
        break;
      case '*=':
        if (want === '' || !v.includes(want)) return false;
        break;
    }
  }
  for (const p of c.pseudos) {
    switch (p.kind) {
      case 'never':
        return false;
      case 'root':
        if (el.tag !== 'html' && !(el.tag === 'body' && parentOf(el)?.tag === '#root' && !hasHtml(el))) return false;
        break;
      case 'empty':
        if (el.children.some((ch) => ch.type === 'element' || ch.text.length > 0)) return false;
        break;
      case 'link':
        if (el.tag !== 'a' || a.href === undefined) return false;
        break;
      case 'not':
        if (p.list.some((s) => matches(s, el))) return false;
        break;
      case 'is':
        if (!p.list.some((s) => matches(s, el))) return false;
        break;
      case 'nth':
      case 'only': {
        if (!el.parent) return false;
        let list = siblingsOf(el);
        if (p.ofType) list = list.filter((e) => e.tag === el.tag);
        if (p.kind === 'only') {
          if (list.length !== 1) return false;
          break;
        }
        const k = p.ofType ? list.indexOf(el) : positionIn(list, el);
        const pos = p.last ? list.length - k : k + 1;
        if (!nthMatches(p.a, p.b, pos)) return false;
        break;
      }
    }
  }
  return true;
}

function hasHtml(el: ElementNode): boolean {
  return parentOf(el)?.children.some((c) => c.type === 'element' && c.tag === 'html') ?? false;
}

/** Whether `sel` matches `el` (its pseudo-element aside). */
export function matches(sel: Selector, el: ElementNode): boolean {
  return matchFrom(sel, 0, el);
}

function matchFrom(sel: Selector, k: number, el: ElementNode): boolean {
  if (!matchesCompound(sel.compounds[k] as Compound, el)) return false;
  if (k === sel.compounds.length - 1) return true;
  const comb = sel.combinators[k];
  if (comb === '>') {
    const p = parentOf(el);
    return p !== undefined && matchFrom(sel, k + 1, p);
  }
  if (comb === ' ') {
    for (let p = parentOf(el); p; p = parentOf(p)) if (matchFrom(sel, k + 1, p)) return true;
    return false;
  }
  if (!el.parent) return false;
  const list = siblingsOf(el);
  const at = positionIn(list, el);
  if (comb === '+') {
    const prev = list[at - 1];
    return prev !== undefined && matchFrom(sel, k + 1, prev);
  }
  for (let j = at - 1; j >= 0; j--) if (matchFrom(sel, k + 1, list[j] as ElementNode)) return true;
  return false;
}
