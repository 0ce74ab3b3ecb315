// Stylesheet text to rules: comments, strings and nested at-rules handled; `@media print` kept,
// `@media screen` skipped; `@page` and its margin boxes kept apart for the page layout.

import { expandShorthand } from './shorthands.js';

/** One declaration after shorthand expansion. */
export interface Declaration {
  name: string;
  value: string;
  important: boolean;
  /** Line of the document it was written on (for warnings), 0 if unknown. */
  line: number;
}

/** A style rule: its selector text (split later) and its declarations. */
export interface StyleRule {
  selectors: string;
  declarations: Declaration[];
  line: number;
}

/** An `@page` rule: `:first`, `:left`, `:right` or none, its declarations and margin boxes. */
export interface PageRule {
  /** `@page name`: the named page it styles (CSS Paged Media 3 §6); undefined for every page. */
  name?: string;
  pseudo: '' | 'first' | 'left' | 'right' | 'blank';
  declarations: Declaration[];
  /** `@top-center` … by name, their declarations. */
  boxes: Record<string, Declaration[]>;
  line: number;
}

/** A parsed stylesheet. */
export interface ParsedSheet {
  rules: StyleRule[];
  pages: PageRule[];
  /** The declarations of each `@font-face`. */
  fontFaces: Declaration[][];
  /** The URLs of `@import` rules, in order. */
  imports: string[];
}

const MARGIN_BOXES = new Set([
  'top-left-corner',
  'top-left',
  'top-center',
  'top-right',
  'top-right-corner',
  'bottom-left-corner',
  'bottom-left',
  'bottom-center',
  'bottom-right',
  'bottom-right-corner',
  'left-top',
  'left-middle',
  'left-bottom',
  'right-top',
  'right-middle',
  'right-bottom',
]);

/**
 * Whether a media query list applies to print: `print`, `all`, none given, `not screen`;
 * queries on features (`(min-width: …)`) are evaluated against an A4 page's width in CSS px.
 */
export function mediaApplies(query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return q.split(',').some((part) => {
    const p = part.trim();
    const not = p.startsWith('not ');
    const body = (not ? p.slice(4) : p).replace(/^only\s+/, '').trim();
    const [type, ...features] = body.split(/\s+and\s+/);
    let ok: boolean;
    if ((type as string).startsWith('(')) {
      features.unshift(type as string);
      ok = true;
    } else ok = type === 'print' || type === 'all';
    for (const f of features) {
      const m = /^\(\s*(min|max)-width\s*:\s*([\d.]+)(px|em|rem|mm|cm|in|pt)?\s*\)$/.exec(f.trim());
      // Chromium prints A4 at 794 CSS px wide (less its margins); 700 px is near enough for
      // the breakpoints templates use.
      if (m) {
        const unit = m[3] ?? 'px';
        const n =
          Number(m[2]) *
          (unit === 'em' || unit === 'rem'
            ? 16
            : unit === 'mm'
              ? 3.78
              : unit === 'cm'
                ? 37.8
                : unit === 'in'
                  ? 96
                  : unit === 'pt'
                    ? 4 / 3
                    : 1);
        ok &&= m[1] === 'min' ? 700 >= n : 700 <= n;
      } else if (/^\(\s*orientation\s*:\s*portrait\s*\)$/.test(f.trim())) ok &&= true;
      else if (/^\(\s*orientation\s*:\s*landscape\s*\)$/.test(f.trim())) ok = false;
      else if (/^\(\s*(prefers-|hover|pointer|any-)/.test(f.trim())) ok = false;
    }
    return not ? !ok : ok;
  });
}

/** Where the text goes on: the end of a string, a comment or a balanced block. */
function skipString(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === q || s[j] === '\n') return j + 1;
  }
  return s.length;
}

/** Index of the `}` closing the block whose `{` is at `open` (or the end of the text). */
function blockEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") i = skipString(s, i) - 1;
    else if (c === '/' && s[i + 1] === '*') {
      const e = s.indexOf('*/', i + 2);
      i = e < 0 ? s.length : e + 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return s.length;
}

/** Splits at `;` outside strings and parentheses (data URIs hold semicolons). */
function splitDeclarations(s: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") i = skipString(s, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      out.push({ text: s.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  out.push({ text: s.slice(start), offset: start });
  return out;
}

function stripComments(s: string): string {
  // Comments become spaces of the same length with their newlines, so offsets keep their lines.
  return s.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, (c) => c.replace(/[^\n]/g, ' '));
}

function lineAt(s: string, offset: number, base: number): number {
  let n = base;
  for (let i = s.indexOf('\n'); i >= 0 && i < offset; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Parses a declaration block (also a `style` attribute), expanding shorthands into longhands.
 * `warn` hears about declarations that are not even syntactically declarations.
 */
export function parseDeclarations(text: string, line = 0, warn?: (message: string) => void): Declaration[] {
  const out: Declaration[] = [];
  const clean = stripComments(text);
  for (const { text: part, offset } of splitDeclarations(clean)) {
    if (part.trim() === '') continue;
    const i = part.indexOf(':');
    const at = line > 0 ? lineAt(clean, offset + (part.length - part.trimStart().length), line) : 0;
    if (i < 0) {
      warn?.(`CSS declaration "${part.trim().slice(0, 40)}" has no ":"; ignored${at ? ` (line ${at})` : ''}`);
      continue;
    }
    const name = part.slice(0, i).trim().toLowerCase();
    let value = part.slice(i + 1).trim();
    let important = false;
    const imp = /!\s*important\s*$/i.exec(value);
    if (imp) {
      important = true;
      value = value.slice(0, imp.index).trim();
    }
    // Custom properties keep their value as written (case and all); a shorthand that uses var() is
    // expanded once the variables are known (computed style).
    if (name.startsWith('--') || /var\(/i.test(value)) out.push({ name, value, important, line: at });
    else for (const [n, v] of expandShorthand(name, value)) out.push({ name: n, value: v, important, line: at });
  }
  return out;
}

/** Parses a stylesheet. `line` is the document line its text starts on. */
export function parseStylesheet(source: string, line = 0, warn: (message: string) => void = () => {}): ParsedSheet {
  const sheet: ParsedSheet = { rules: [], pages: [], fontFaces: [], imports: [] };
  const s = stripComments(source);
  parseBlock(s, 0, s.length, sheet, line, warn);
  return sheet;
}

function parseBlock(
  s: string,
  from: number,
  to: number,
  sheet: ParsedSheet,
  line: number,
  warn: (message: string) => void,
): void {
  let i = from;
  while (i < to) {
    // The prelude: up to "{" or ";" at top level.
    let j = i;
    while (j < to && s[j] !== '{' && s[j] !== ';' && s[j] !== '}') {
      if (s[j] === '"' || s[j] === "'") j = skipString(s, j);
      else j++;
    }
    const prelude = s.slice(i, j).trim();
    const at = line > 0 ? lineAt(s, i + (s.slice(i, j).length - s.slice(i, j).trimStart().length), line) : 0;
    const where = at ? ` (line ${at})` : '';
    if (j >= to || s[j] === '}') {
      if (prelude !== '') warn(`CSS "${prelude.slice(0, 40)}" without a block ignored${where}`);
      i = j + 1;
      continue;
    }
    if (s[j] === ';') {
      // A statement at-rule.
      const m = /^@import\s+(?:url\(\s*)?["']?([^"')\s]+)["']?\s*\)?\s*(.*)$/i.exec(prelude);
      if (m) {
        if (mediaApplies(m[2] ?? '')) sheet.imports.push(m[1] as string);
      } else if (/^@charset\b/i.test(prelude) || /^@namespace\b/i.test(prelude)) {
        // nothing to do
      } else if (prelude !== '') warn(`CSS "${prelude.slice(0, 40)}" ignored${where}`);
      i = j + 1;
      continue;
    }
    const end = Math.min(blockEnd(s, j), to);
    const body = s.slice(j + 1, end);
    if (prelude.startsWith('@')) {
      const name = (/^@([-\w]+)/.exec(prelude)?.[1] ?? '').toLowerCase();
      const rest = prelude.slice(name.length + 1).trim();
      if (name === 'media') {
        if (mediaApplies(rest)) parseBlock(s, j + 1, end, sheet, line, warn);
      } else if (name === 'supports') {
        parseBlock(s, j + 1, end, sheet, line, warn);
      } else if (name === 'page') parsePage(rest, body, sheet, at, warn);
      else if (name === 'font-face') sheet.fontFaces.push(parseDeclarations(body, at, warn));
      else if (name === 'keyframes' || name === '-webkit-keyframes' || name === 'layer' || name === 'property') {
        // Animations do not print; nothing is lost.
      } else warn(`CSS at-rule @${name} ignored${where}`);
    } else if (prelude === '') warn(`CSS block without a selector ignored${where}`);
    else sheet.rules.push({ selectors: prelude, declarations: parseDeclarations(body, at, warn), line: at });
    i = end + 1;
  }
}

function parsePage(prelude: string, body: string, sheet: ParsedSheet, line: number, warn: (message: string) => void): void {
  // A page name is an identifier (case-sensitive), then at most one pseudo-class.
  const m = /^(-?[_a-zA-Z\u00a0-\uffff][-\w\u00a0-\uffff]*)?\s*(?::(first|left|right|blank))?\s*$/i.exec(prelude.trim());
  if (!m) {
    warn(`@page selector "${prelude}" ignored${line ? ` (line ${line})` : ''}`);
    return;
  }
  const rule: PageRule = { pseudo: (m[2] ?? '').toLowerCase() as PageRule['pseudo'], declarations: [], boxes: {}, line };
  if (m[1] !== undefined) rule.name = m[1];
  // Margin boxes are nested at-rules; what is outside them is the page's declarations.
  let rest = '';
  let i = 0;
  while (i < body.length) {
    const atRule = /@([-\w]+)\s*\{/y;
    atRule.lastIndex = i;
    const found = body.slice(i).search(/@[-\w]+\s*\{/);
    if (found < 0) {
      rest += body.slice(i);
      break;
    }
    rest += body.slice(i, i + found);
    atRule.lastIndex = i + found;
    const mm = atRule.exec(body) as RegExpExecArray;
    const open = atRule.lastIndex - 1;
    const end = blockEnd(body, open);
    const box = (mm[1] as string).toLowerCase();
    if (MARGIN_BOXES.has(box)) rule.boxes[box] = parseDeclarations(body.slice(open + 1, end), line, warn);
    else warn(`@page at-rule @${box} ignored${line ? ` (line ${line})` : ''}`);
    i = end + 1;
  }
  rule.declarations = parseDeclarations(rest, line, warn);
  sheet.pages.push(rule);
}
