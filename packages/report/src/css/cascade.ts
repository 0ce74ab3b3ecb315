// The cascade (CSS Cascading 4, for one medium: print): which declarations apply to an element,
// in the order that makes the last one win — origin and importance, then specificity, then order.

import type { ElementNode } from '../html.js';
import type { ComputedStyle } from './computed.js';
import { type Declaration, type PageRule, parseDeclarations, parseStylesheet } from './parse.js';
import { matches, parseSelector, type Selector, SelectorError, splitList } from './selectors.js';

interface Rule {
  id: number;
  selector: Selector;
  declarations: Declaration[];
  /** 0 the user-agent stylesheet, 1 the document's. */
  origin: 0 | 1;
  order: number;
  /** Its subject depends on siblings or on attributes (see `Stylesheet.match`). */
  positional?: boolean;
}

/** Whether a selector's subject looks at its siblings, its content or attributes besides id and class. */
function isPositional(sel: Selector): boolean {
  const c = sel.compounds[0];
  if (!c) return false;
  if (sel.combinators[0] === '+' || sel.combinators[0] === '~') return true;
  if (c.attrs.length > 0) return true;
  return c.pseudos.some(
    (p) =>
      p.kind === 'nth' || p.kind === 'only' || p.kind === 'empty' || p.kind === 'link' || p.kind === 'not' || p.kind === 'is',
  );
}

/** The declarations that apply to an element and to its `::before`, `::after` and `::marker`. */
export interface Matched {
  /** Identifies the set of rules matched: elements with the same key and attributes style alike. */
  key: string;
  declarations: Declaration[];
  /** How many of `declarations`, from the start, are the user agent's (presentational hints go after them). */
  userAgent?: number;
  before?: Declaration[];
  after?: Declaration[];
  marker?: Declaration[];
}

// Defaults in the spirit of a browser's user-agent stylesheet (HTML's rendering section), in points.
const USER_AGENT = `
body { font-size: 10pt; line-height: 1.3; color: #000 }
h1 { font-size: 20pt; font-weight: bold; margin: 0 0 10pt 0 }
h2 { font-size: 16pt; font-weight: bold; margin: 14pt 0 8pt 0 }
h3 { font-size: 13pt; font-weight: bold; margin: 12pt 0 6pt 0 }
h4, h5, h6 { font-size: 11pt; font-weight: bold; margin: 10pt 0 4pt 0 }
p { margin: 0 0 7pt 0 }
ul, ol { margin: 0 0 7pt 0; padding-left: 18pt }
ul { list-style-type: disc }
ol { list-style-type: decimal }
ul ul { list-style-type: circle }
ul ul ul { list-style-type: square }
li { margin: 0 0 2pt 0 }
dl { margin: 0 0 7pt 0 }
dd { margin: 0 0 0 30pt }
blockquote { margin: 0 0 7pt 18pt }
strong, b, th { font-weight: bold }
em, i, cite, var, dfn, address { font-style: italic }
u, ins { text-decoration: underline }
s, del, strike { text-decoration: line-through }
a { color: #1a4fbf; text-decoration: underline }
small { font-size: smaller }
big { font-size: larger }
sub { vertical-align: sub; font-size: smaller }
sup { vertical-align: super; font-size: smaller }
mark { background-color: yellow; color: black }
code, kbd, samp, tt { font-family: monospace }
pre { font-family: monospace; white-space: pre; margin: 0 0 7pt 0 }
q::before { content: open-quote }
q::after { content: close-quote }
table { margin: 0 0 10pt 0 }
th, td { padding: 2pt 4pt; vertical-align: top }
caption { font-weight: bold; padding: 0 0 3pt 0 }
hr { margin: 6pt 0; border-top: 0.75pt solid #999 }
figure { margin: 0 0 10pt 0 }
center { text-align: center }
`;

let uaRules: Rule[] | undefined;

/** A stylesheet: the user-agent defaults, then the document's `<style>` blocks, in order. */
export class Stylesheet {
  private readonly rules: Rule[] = [];
  // Rules by the most selective part of their subject: id, class, tag, or none.
  private readonly byId = new Map<string, Rule[]>();
  private readonly byClass = new Map<string, Rule[]>();
  private readonly byTag = new Map<string, Rule[]>();
  private readonly universal: Rule[] = [];
  /** `@page` rules, in order. */
  readonly pages: PageRule[] = [];
  /** `@font-face` rules' declarations. */
  readonly fontFaces: Declaration[][] = [];
  readonly warnings = new Set<string>();
  /** Computed styles by parent style and element key (see `computeStyle`). */
  readonly cache = new WeakMap<ComputedStyle, Map<string, ComputedStyle>>();
  /** Styles computed and cached so far (a cap on what a long-lived sheet holds). */
  computed = 0;
  private readonly inline = new Map<string, Declaration[]>();
  private readonly matched = new Map<string, Matched>();

  /**
   * @param sources - the document's stylesheets, in order
   * @param lines - the document line each source starts on (for warnings)
   * @param resolveImport - the text of an `@import`ed stylesheet, by its URL (undefined: not found)
   */
  constructor(sources: string[], lines: number[] = [], resolveImport?: (url: string) => string | undefined) {
    uaRules ??= compileUserAgent();
    for (const r of uaRules) this.index(r);
    const warn = (m: string) => this.warnings.add(m);
    sources.forEach((source, i) => {
      const sheet = parseStylesheet(source, lines[i] ?? 0, warn);
      for (const url of sheet.imports) {
        const text = resolveImport?.(url);
        if (text === undefined) warn(`@import "${url}" not found (pass it in options.templates); ignored`);
        else this.addParsed(parseStylesheet(text, 0, warn), warn);
      }
      this.addParsed(sheet, warn);
    });
  }

  private addParsed(sheet: ReturnType<typeof parseStylesheet>, warn: (m: string) => void): void {
    for (const rule of sheet.rules) {
      for (const text of splitList(rule.selectors)) {
        if (text === '') continue;
        let selector: Selector;
        try {
          selector = parseSelector(text);
        } catch (e) {
          if (!(e instanceof SelectorError)) throw e;
          warn(`unsupported CSS selector "${text}" ignored (${e.message})${rule.line ? ` (line ${rule.line})` : ''}`);
          continue;
        }
        this.index({ id: this.rules.length, selector, declarations: rule.declarations, origin: 1, order: this.rules.length });
      }
    }
    this.pages.push(...sheet.pages);
    this.fontFaces.push(...sheet.fontFaces);
  }

  private index(rule: Rule): void {
    rule.positional = isPositional(rule.selector);
    this.rules.push(rule);
    const subject = rule.selector.compounds[0];
    if (subject?.id !== undefined) push(this.byId, subject.id, rule);
    else if (subject && subject.classes.length > 0) push(this.byClass, subject.classes[0] as string, rule);
    else if (subject?.tag !== undefined) push(this.byTag, subject.tag, rule);
    else this.universal.push(rule);
  }

  /** The declarations that apply to `el`, in cascade order (the last wins), inline style included. */
  match(el: ElementNode): Matched {
    // Rules whose subject does not depend on the element's place among its siblings or on its
    // other attributes match alike for children of one parent with the same tag, id and class.
    const a = el.attrs;
    const parent = el.parent;
    let byParent: Map<string, Matched> | undefined;
    let shortKey: string | undefined;
    const kind = `${el.tag}\u0000${a.id ?? ''}\u0000${a.class ?? ''}`;
    let free = this.free.get(kind);
    if (free === undefined) {
      free = this.contextFree(el);
      if (this.free.size >= 4096) this.free.clear();
      this.free.set(kind, free);
    }
    if (parent && free) {
      // Siblings are styled one after another: only the last parent's results are kept.
      if (parent !== this.lastParent) {
        this.lastParent = parent;
        this.lastParentMatches = new Map();
      }
      byParent = this.lastParentMatches;
      shortKey = a.style === undefined ? kind : `${kind}\u0000${a.style}`;
      const hit = byParent.get(shortKey);
      if (hit) return hit;
    }
    const result = this.matchAll(el);
    if (byParent && shortKey !== undefined) byParent.set(shortKey, result);
    return result;
  }

  /** Whether elements of a tag, id and class are context-free (see `contextFree`), by those three. */
  private readonly free = new Map<string, boolean>();
  private lastParent: ElementNode | undefined;
  private lastParentMatches = new Map<string, Matched>();

  /** Whether no rule that may match `el` looks at its position or at attributes besides id and class. */
  private contextFree(el: ElementNode): boolean {
    const a = el.attrs;
    const check = (list: Rule[] | undefined) => {
      if (list) for (const r of list) if (r.positional) return false;
      return true;
    };
    if (!check(this.byTag.get(el.tag)) || !check(this.universal)) return false;
    if (a.id !== undefined && !check(this.byId.get(a.id))) return false;
    if (a.class !== undefined) for (const c of a.class.split(/\s+/)) if (c !== '' && !check(this.byClass.get(c))) return false;
    return true;
  }

  private matchAll(el: ElementNode): Matched {
    const found: Rule[] = [];
    const consider = (list: Rule[] | undefined) => {
      if (list) for (const r of list) if (matches(r.selector, el)) found.push(r);
    };
    const a = el.attrs;
    if (a.id !== undefined) consider(this.byId.get(a.id));
    if (a.class !== undefined) {
      const seen = new Set<string>();
      for (const c of a.class.split(/\s+/)) {
        if (c === '' || seen.has(c)) continue;
        seen.add(c);
        consider(this.byClass.get(c));
      }
    }
    consider(this.byTag.get(el.tag));
    consider(this.universal);
    if (found.length > 1 && !inCascadeOrder(found))
      found.sort((x, y) => x.origin - y.origin || x.selector.specificity - y.selector.specificity || x.order - y.order);
    let key = '';
    for (const r of found) key += `${r.id},`;
    // Elements that match the same rules (most cells of a table) share one ordered list.
    const cacheKey = a.style === undefined ? key : `${key}|${a.style}`;
    const cached = this.matched.get(cacheKey);
    if (cached) return cached;
    const out: Matched = { key, declarations: [] };
    const layers: Record<string, [Declaration, number][]> = { '': [] };
    found.forEach((r, k) => {
      const where = r.selector.pseudoElement ?? '';
      layers[where] ??= [];
      for (const d of r.declarations)
        (layers[where] as [Declaration, number][]).push([d, weight(r.origin, d.important) * 1e6 + k]);
    });
    if (a.style !== undefined) {
      let decls = this.inline.get(a.style);
      if (!decls) {
        decls = parseDeclarations(a.style, el.line ?? 0, (m) => this.warnings.add(m));
        this.inline.set(a.style, decls);
      }
      // Inline style: the author origin, above every selector.
      for (const d of decls) (layers[''] as [Declaration, number][]).push([d, weight(1, d.important) * 1e6 + 999_999]);
    }
    const ordered = (list: [Declaration, number][]) => list.sort((x, y) => x[1] - y[1]).map((x) => x[0]);
    const main = layers[''] as [Declaration, number][];
    out.declarations = ordered(main);
    out.userAgent = main.filter((x) => x[1] < 1e6).length;
    if (layers.before) out.before = ordered(layers.before);
    if (layers.after) out.after = ordered(layers.after);
    if (layers.marker) out.marker = ordered(layers.marker);
    this.matched.set(cacheKey, out);
    return out;
  }

  /** The declarations that apply to `el`, in cascade order (inline style last). */
  declarationsFor(el: ElementNode): Declaration[] {
    return this.match(el).declarations;
  }
}

function compileUserAgent(): Rule[] {
  const out: Rule[] = [];
  for (const rule of parseStylesheet(USER_AGENT).rules) {
    for (const text of splitList(rule.selectors)) {
      out.push({
        id: -1 - out.length,
        selector: parseSelector(text),
        declarations: rule.declarations,
        origin: 0,
        order: out.length - 10_000,
      });
    }
  }
  return out;
}

/** Origin and importance, lowest first: user-agent, author, author !important (CSS Cascading 4 §6.1). */
function weight(origin: 0 | 1, important: boolean): number {
  if (important) return origin === 1 ? 3 : 4;
  return origin === 1 ? 1 : 0;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Whether rules are already in cascade order (origin, specificity, source order): most lists are. */
function inCascadeOrder(rules: Rule[]): boolean {
  for (let i = 1; i < rules.length; i++) {
    const x = rules[i - 1] as Rule;
    const y = rules[i] as Rule;
    const c = x.origin - y.origin || x.selector.specificity - y.selector.specificity || x.order - y.order;
    if (c > 0) return false;
  }
  return true;
}
