import type { ElementNode } from '../html.js';

/** An RGB colour, components in [0, 1]. */
export type Rgb = [number, number, number];

/** One side's border. */
export interface BorderSide {
  width: number;
  color: Rgb;
}

/** The computed style of an element, lengths in PDF points (1/72 in). */
export interface ComputedStyle {
  fontFamily: string[];
  fontSize: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  color: Rgb;
  background?: Rgb;
  textAlign?: 'left' | 'right' | 'center' | 'justify';
  /** Base direction of the text (CSS `direction`, HTML `dir`); 'auto' takes it from the first strong character. */
  direction?: 'ltr' | 'rtl' | 'auto';
  verticalAlign: 'top' | 'middle' | 'bottom';
  lineHeight: number;
  margin: [number, number, number, number];
  padding: [number, number, number, number];
  border: [BorderSide, BorderSide, BorderSide, BorderSide];
  width?: { value: number; percent: boolean };
  height?: number;
  breakBefore: boolean;
  breakAfter: boolean;
  avoidBreakInside: boolean;
  display?: 'none' | 'block' | 'inline';
}

interface Rule {
  tag?: string;
  classes: string[];
  specificity: number;
  order: number;
  declarations: [string, string][];
}

/** The properties the layout reads; others are reported as warnings. */
export const SUPPORTED_PROPERTIES = new Set([
  'font',
  'font-size',
  'font-weight',
  'font-style',
  'font-family',
  'color',
  'background',
  'background-color',
  'text-align',
  'direction',
  'vertical-align',
  'text-decoration',
  'line-height',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-width',
  'border-color',
  'border-style',
  'border-collapse',
  'width',
  'height',
  'page-break-before',
  'page-break-after',
  'page-break-inside',
  'break-before',
  'break-after',
  'break-inside',
  'display',
]);

// Defaults in the spirit of a browser's user-agent stylesheet, in points.
const USER_AGENT = `
body { font-size: 10pt; line-height: 1.3; color: #000 }
h1 { font-size: 20pt; font-weight: bold; margin: 0 0 10pt 0 }
h2 { font-size: 16pt; font-weight: bold; margin: 14pt 0 8pt 0 }
h3 { font-size: 13pt; font-weight: bold; margin: 12pt 0 6pt 0 }
h4, h5, h6 { font-size: 11pt; font-weight: bold; margin: 10pt 0 4pt 0 }
p { margin: 0 0 7pt 0 }
ul, ol { margin: 0 0 7pt 0; padding-left: 18pt }
li { margin: 0 0 2pt 0 }
blockquote { margin: 0 0 7pt 18pt }
strong, b, th { font-weight: bold }
em, i { font-style: italic }
u { text-decoration: underline }
a { color: #1a4fbf; text-decoration: underline }
small { font-size: 8pt }
table { margin: 0 0 10pt 0 }
th, td { padding: 2pt 4pt; vertical-align: top }
caption { font-weight: bold; padding: 0 0 3pt 0 }
hr { margin: 6pt 0; border-top: 0.75pt solid #999 }
figure { margin: 0 0 10pt 0 }
`;

const NAMED_COLORS: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [1, 1, 1],
  red: [1, 0, 0],
  green: [0, 0.5, 0],
  blue: [0, 0, 1],
  gray: [0.5, 0.5, 0.5],
  grey: [0.5, 0.5, 0.5],
  silver: [0.75, 0.75, 0.75],
  navy: [0, 0, 0.5],
  maroon: [0.5, 0, 0],
  orange: [1, 0.65, 0],
  purple: [0.5, 0, 0.5],
  teal: [0, 0.5, 0.5],
  olive: [0.5, 0.5, 0],
  yellow: [1, 1, 0],
  lightgray: [0.83, 0.83, 0.83],
  lightgrey: [0.83, 0.83, 0.83],
  darkgray: [0.66, 0.66, 0.66],
  steelblue: [0.27, 0.51, 0.71],
};

/** Parses a CSS colour (`#rgb`, `#rrggbb`, `rgb(r, g, b)`, a basic name); `undefined` if it is none of these. */
export function parseColor(value: string): Rgb | undefined {
  const v = value.trim().toLowerCase();
  if (Object.hasOwn(NAMED_COLORS, v)) return NAMED_COLORS[v];
  let m = /^#([0-9a-f]{3})$/.exec(v);
  if (m) return [...(m[1] as string)].map((c) => Number.parseInt(c + c, 16) / 255) as Rgb;
  m = /^#([0-9a-f]{6})$/.exec(v);
  if (m) return [0, 2, 4].map((i) => Number.parseInt((m as RegExpExecArray)[1]?.slice(i, i + 2) as string, 16) / 255) as Rgb;
  m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/.exec(v);
  if (m) return [m[1], m[2], m[3]].map((c) => Math.min(1, Number(c) / 255)) as Rgb;
  return undefined;
}

/** Parses a CSS length to points; `em` relative to `fontSize`, `%` relative to `percentOf`. */
export function parseLength(value: string, fontSize: number, percentOf = 0): number | undefined {
  const m = /^(-?[\d.]+)(px|pt|em|rem|mm|cm|in|%)?$/.exec(value.trim().toLowerCase());
  if (!m) return value.trim() === 'auto' ? undefined : undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  switch (m[2]) {
    case 'pt':
      return n;
    case 'em':
      return n * fontSize;
    case 'rem':
      return n * 10;
    case 'mm':
      return (n * 72) / 25.4;
    case 'cm':
      return (n * 720) / 25.4;
    case 'in':
      return n * 72;
    case '%':
      return (n / 100) * percentOf;
    default:
      return n * 0.75; // CSS px: 96 per inch
  }
}

/** A stylesheet: the user-agent defaults, then the document's `<style>` blocks, in order. */
export class Stylesheet {
  private readonly rules: Rule[] = [];
  readonly warnings = new Set<string>();
  /** Computed styles by parent style and element key (see `computeStyle`). */
  readonly cache = new WeakMap<ComputedStyle, Map<string, ComputedStyle>>();

  constructor(sources: string[]) {
    for (const source of [USER_AGENT, ...sources]) this.add(source);
  }

  private add(source: string): void {
    const clean = source.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of clean.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const declarations = parseDeclarations(m[2] as string, this.warnings);
      for (const raw of (m[1] as string).split(',')) {
        const selector = raw.trim();
        if (selector === '') continue;
        const sm = /^([a-z][a-z0-9]*|\*)?((?:\.[\w-]+)*)$/i.exec(selector);
        if (!sm || (!sm[1] && !sm[2])) {
          this.warnings.add(`unsupported CSS selector "${selector}" ignored (element and class selectors only)`);
          continue;
        }
        const tag = sm[1] && sm[1] !== '*' ? sm[1].toLowerCase() : undefined;
        const classes = (sm[2] ?? '').split('.').filter(Boolean);
        this.rules.push({
          ...(tag ? { tag } : {}),
          classes,
          specificity: classes.length * 10 + (tag ? 1 : 0),
          order: this.rules.length,
          declarations,
        });
      }
    }
  }

  /** The declarations that apply to `el`, in cascade order (inline style last). */
  declarationsFor(el: ElementNode): [string, string][] {
    const classList = (el.attrs.class ?? '').split(/\s+/).filter(Boolean);
    const matched = this.rules.filter((r) => (!r.tag || r.tag === el.tag) && r.classes.every((c) => classList.includes(c)));
    matched.sort((a, b) => a.specificity - b.specificity || a.order - b.order);
    const out = matched.flatMap((r) => r.declarations);
    if (el.attrs.style) out.push(...parseDeclarations(el.attrs.style, this.warnings));
    return out;
  }
}

function parseDeclarations(text: string, warnings: Set<string>): [string, string][] {
  const out: [string, string][] = [];
  for (const part of text.split(';')) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const name = part.slice(0, i).trim().toLowerCase();
    const value = part
      .slice(i + 1)
      .replace(/!important/i, '')
      .trim();
    if (!SUPPORTED_PROPERTIES.has(name)) {
      warnings.add(`unsupported CSS property "${name}" ignored`);
      continue;
    }
    out.push([name, value]);
  }
  return out;
}

const NO_BORDER: BorderSide = { width: 0, color: [0, 0, 0] };

/** The initial style of the root. */
export function rootStyle(fontFamily: string): ComputedStyle {
  return {
    fontFamily: [fontFamily],
    fontSize: 10,
    bold: false,
    italic: false,
    underline: false,
    color: [0, 0, 0],
    verticalAlign: 'top',
    lineHeight: 1.3,
    margin: [0, 0, 0, 0],
    padding: [0, 0, 0, 0],
    border: [NO_BORDER, NO_BORDER, NO_BORDER, NO_BORDER],
    breakBefore: false,
    breakAfter: false,
    avoidBreakInside: false,
  };
}

/**
 * Computes an element's style from its parent's: inherited properties (font, colour, alignment,
 * line height) carry over, box properties start afresh.
 */
export function computeStyle(el: ElementNode, parent: ComputedStyle, sheet: Stylesheet): ComputedStyle {
  // Table rows repeat the same elements thousands of times: compute each combination once.
  // (An element without class, style or border is keyed by its tag alone: no string to build.)
  const a = el.attrs;
  const key =
    a.class === undefined && a.style === undefined && a.border === undefined && a.dir === undefined
      ? el.tag
      : `${el.tag}|${a.class ?? ''}|${a.style ?? ''}|${a.border ?? ''}|${a.dir ?? ''}`;
  let byParent = sheet.cache.get(parent);
  if (!byParent) {
    byParent = new Map();
    sheet.cache.set(parent, byParent);
  }
  let style = byParent.get(key);
  if (!style) {
    style = Object.freeze(compute(el, parent, sheet)) as ComputedStyle;
    byParent.set(key, style);
  }
  return style;
}

function compute(el: ElementNode, parent: ComputedStyle, sheet: Stylesheet): ComputedStyle {
  const s: ComputedStyle = {
    ...parent,
    margin: [0, 0, 0, 0],
    padding: [0, 0, 0, 0],
    border: [NO_BORDER, NO_BORDER, NO_BORDER, NO_BORDER],
    verticalAlign: parent.verticalAlign,
    breakBefore: false,
    breakAfter: false,
    avoidBreakInside: false,
  };
  delete s.background;
  delete s.width;
  delete s.height;
  delete s.display;
  const dir = el.attrs.dir?.toLowerCase();
  if (dir === 'ltr' || dir === 'rtl' || dir === 'auto') s.direction = dir;
  const attrBorder = el.attrs.border;
  if ((el.tag === 'td' || el.tag === 'th') && attrBorder !== undefined) s.border = sides({ width: 0.75, color: [0, 0, 0] });
  const decls = sheet.declarationsFor(el);
  // font-size first: em lengths in the same rule refer to it.
  for (const [name, value] of decls) {
    if (name === 'font-size') s.fontSize = parseLength(value, parent.fontSize, parent.fontSize) ?? s.fontSize;
    if (name === 'font') {
      const size = /([\d.]+(?:pt|px|em|rem|mm|%))/.exec(value);
      if (size) s.fontSize = parseLength(size[1] as string, parent.fontSize, parent.fontSize) ?? s.fontSize;
    }
  }
  for (const [name, value] of decls) applyDeclaration(s, name, value, sheet.warnings);
  return s;
}

function sides(b: BorderSide): [BorderSide, BorderSide, BorderSide, BorderSide] {
  return [b, b, b, b];
}

function box(value: string, fontSize: number): [number, number, number, number] | undefined {
  const parts = value.split(/\s+/).map((p) => parseLength(p, fontSize) ?? 0);
  if (parts.length === 0) return undefined;
  const [t = 0, r = t, b = t, l = r] = parts;
  return [t, r, b, l];
}

function parseBorder(value: string, fontSize: number): BorderSide {
  if (/\bnone\b|\bhidden\b/.test(value)) return NO_BORDER;
  let width = 0.75;
  let color: Rgb = [0, 0, 0];
  for (const part of value.split(/\s+(?![^(]*\))/)) {
    const len = parseLength(part, fontSize);
    if (len !== undefined) width = len;
    else if (part === 'thin') width = 0.5;
    else if (part === 'medium') width = 1.5;
    else if (part === 'thick') width = 3;
    else {
      const c = parseColor(part);
      if (c) color = c;
    }
  }
  return { width, color };
}

const SIDE = { top: 0, right: 1, bottom: 2, left: 3 } as const;

function applyDeclaration(s: ComputedStyle, name: string, value: string, warnings: Set<string>): void {
  const v = value.toLowerCase();
  switch (name) {
    case 'font-weight':
      s.bold = v === 'bold' || v === 'bolder' || Number(v) >= 600;
      break;
    case 'font-style':
      s.italic = v === 'italic' || v === 'oblique';
      break;
    case 'font-family':
      s.fontFamily = value.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''));
      break;
    case 'font':
      s.bold = /\bbold\b|\b[6-9]00\b/.test(v);
      s.italic = /\bitalic\b|\boblique\b/.test(v);
      break;
    case 'color': {
      const c = parseColor(value);
      if (c) s.color = c;
      else warnings.add(`unsupported color "${value}" ignored`);
      break;
    }
    case 'background':
    case 'background-color': {
      const c = parseColor(value);
      if (c) s.background = c;
      else if (v !== 'none' && v !== 'transparent') warnings.add(`unsupported background "${value}" ignored (colours only)`);
      break;
    }
    case 'text-align':
      if (v === 'left' || v === 'right' || v === 'center' || v === 'justify') s.textAlign = v;
      else if (v === 'start' || v === 'end') {
        // Resolved against the direction here: 'auto' counts as left to right.
        const rtl = s.direction === 'rtl';
        s.textAlign = (v === 'start') === rtl ? 'right' : 'left';
      }
      break;
    case 'direction':
      if (v === 'ltr' || v === 'rtl') s.direction = v;
      else warnings.add(`unsupported direction "${value}" ignored`);
      break;
    case 'vertical-align':
      if (v === 'top' || v === 'middle' || v === 'bottom') s.verticalAlign = v;
      break;
    case 'text-decoration':
      s.underline = v.includes('underline');
      break;
    case 'line-height': {
      const n = Number(v);
      const len = parseLength(v, s.fontSize);
      if (v !== '' && Number.isFinite(n)) s.lineHeight = n;
      else if (len !== undefined) s.lineHeight = len / s.fontSize;
      break;
    }
    case 'margin':
      s.margin = box(v, s.fontSize) ?? s.margin;
      break;
    case 'padding':
      s.padding = box(v, s.fontSize) ?? s.padding;
      break;
    case 'border':
      s.border = sides(parseBorder(v, s.fontSize));
      break;
    case 'border-width': {
      const w = box(v, s.fontSize);
      if (w) s.border = s.border.map((b, i) => ({ ...b, width: w[i] as number })) as ComputedStyle['border'];
      break;
    }
    case 'border-color': {
      const c = parseColor(v);
      if (c) s.border = s.border.map((b) => ({ ...b, color: c })) as ComputedStyle['border'];
      break;
    }
    case 'border-style':
      if (v === 'none') s.border = sides(NO_BORDER);
      break;
    case 'border-collapse':
      break; // borders are always drawn collapsed
    case 'width': {
      if (v.endsWith('%')) s.width = { value: Number.parseFloat(v), percent: true };
      else {
        const len = parseLength(v, s.fontSize);
        if (len !== undefined) s.width = { value: len, percent: false };
      }
      break;
    }
    case 'height': {
      const len = parseLength(v, s.fontSize);
      if (len !== undefined) s.height = len;
      break;
    }
    case 'page-break-before':
    case 'break-before':
      s.breakBefore = v === 'always' || v === 'page';
      break;
    case 'page-break-after':
    case 'break-after':
      s.breakAfter = v === 'always' || v === 'page';
      break;
    case 'page-break-inside':
    case 'break-inside':
      s.avoidBreakInside = v === 'avoid' || v === 'avoid-page';
      break;
    case 'display':
      if (v === 'none' || v === 'block' || v === 'inline') s.display = v;
      else warnings.add(`unsupported display "${value}" ignored`);
      break;
    default: {
      const m = /^(margin|padding|border)-(top|right|bottom|left)$/.exec(name);
      if (!m) break;
      const i = SIDE[m[2] as keyof typeof SIDE];
      if (m[1] === 'border') {
        const b = [...s.border] as ComputedStyle['border'];
        b[i] = parseBorder(v, s.fontSize);
        s.border = b;
      } else {
        const target = m[1] === 'margin' ? s.margin : s.padding;
        const copy = [...target] as [number, number, number, number];
        copy[i] = parseLength(v, s.fontSize) ?? 0;
        if (m[1] === 'margin') s.margin = copy;
        else s.padding = copy;
      }
    }
  }
}
