// CSS values: colours and lengths, in the units the layout works in (PDF points, RGB in [0, 1]).

/** An RGB colour, components in [0, 1]. */
export type Rgb = [number, number, number];

// CSS Color Module Level 4 named colours that report templates use (a subset; others warn).
const NAMED: Record<string, string> = {
  black: '000000',
  white: 'ffffff',
  red: 'ff0000',
  green: '008000',
  blue: '0000ff',
  gray: '808080',
  grey: '808080',
  silver: 'c0c0c0',
  navy: '000080',
  maroon: '800000',
  orange: 'ffa500',
  purple: '800080',
  teal: '008080',
  olive: '808000',
  yellow: 'ffff00',
  lime: '00ff00',
  aqua: '00ffff',
  cyan: '00ffff',
  fuchsia: 'ff00ff',
  magenta: 'ff00ff',
  lightgray: 'd3d3d3',
  lightgrey: 'd3d3d3',
  darkgray: 'a9a9a9',
  darkgrey: 'a9a9a9',
  dimgray: '696969',
  dimgrey: '696969',
  gainsboro: 'dcdcdc',
  whitesmoke: 'f5f5f5',
  steelblue: '4682b4',
  darkblue: '00008b',
  darkred: '8b0000',
  darkgreen: '006400',
  darkorange: 'ff8c00',
  crimson: 'dc143c',
  firebrick: 'b22222',
  gold: 'ffd700',
  goldenrod: 'daa520',
  seagreen: '2e8b57',
  forestgreen: '228b22',
  royalblue: '4169e1',
  slategray: '708090',
  slategrey: '708090',
  lightblue: 'add8e6',
  lightgreen: '90ee90',
  lightyellow: 'ffffe0',
  ivory: 'fffff0',
  beige: 'f5f5dc',
  tomato: 'ff6347',
  coral: 'ff7f50',
  salmon: 'fa8072',
  pink: 'ffc0cb',
  indigo: '4b0082',
  tan: 'd2b48c',
  brown: 'a52a2a',
  chocolate: 'd2691e',
  midnightblue: '191970',
  darkslategray: '2f4f4f',
  darkslategrey: '2f4f4f',
  aliceblue: 'f0f8ff',
  ghostwhite: 'f8f8ff',
  honeydew: 'f0fff0',
  lavender: 'e6e6fa',
  linen: 'faf0e6',
  mintcream: 'f5fffa',
  snow: 'fffafa',
  cornflowerblue: '6495ed',
  dodgerblue: '1e90ff',
  deepskyblue: '00bfff',
  skyblue: '87ceeb',
  orangered: 'ff4500',
  limegreen: '32cd32',
  mediumseagreen: '3cb371',
  darkcyan: '008b8b',
};

const hex = (s: string, i: number, n: number) => Number.parseInt(n === 1 ? s[i]! + s[i]! : s.slice(i, i + 2), 16) / 255;

/**
 * Parses a CSS colour: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` (numbers or
 * percentages, comma or space separated), `hsl()`/`hsla()`, a named colour. Returns the colour and
 * its alpha; `undefined` if it is none of these.
 */
export function parseColorAlpha(value: string): { rgb: Rgb; alpha: number } | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'transparent') return { rgb: [0, 0, 0], alpha: 0 };
  const named = Object.hasOwn(NAMED, v) ? NAMED[v] : undefined;
  if (named) return { rgb: [hex(named, 0, 2), hex(named, 2, 2), hex(named, 4, 2)], alpha: 1 };
  let m = /^#([0-9a-f]{3,8})$/.exec(v);
  if (m) {
    const h = m[1] as string;
    if (h.length === 3 || h.length === 4)
      return { rgb: [hex(h, 0, 1), hex(h, 1, 1), hex(h, 2, 1)], alpha: h.length === 4 ? hex(h, 3, 1) : 1 };
    if (h.length === 6 || h.length === 8)
      return { rgb: [hex(h, 0, 2), hex(h, 2, 2), hex(h, 4, 2)], alpha: h.length === 8 ? hex(h, 6, 2) : 1 };
    return undefined;
  }
  m = /^(rgba?|hsla?)\(\s*([^)]*)\)$/.exec(v);
  if (!m) return undefined;
  const parts = (m[2] as string).split(/\s*[,/]\s*|\s+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return undefined;
  const alphaPart = parts[3];
  const alpha = alphaPart === undefined ? 1 : alphaPart.endsWith('%') ? Number.parseFloat(alphaPart) / 100 : Number(alphaPart);
  if (!Number.isFinite(alpha)) return undefined;
  if (m[1]?.startsWith('rgb')) {
    const rgb = parts.slice(0, 3).map((p) => (p.endsWith('%') ? Number.parseFloat(p) / 100 : Number(p) / 255));
    if (rgb.some((c) => !Number.isFinite(c))) return undefined;
    return { rgb: rgb.map(clamp01) as Rgb, alpha: clamp01(alpha) };
  }
  const h = (((Number.parseFloat(parts[0] as string) % 360) + 360) % 360) / 360;
  const s = Number.parseFloat(parts[1] as string) / 100;
  const l = Number.parseFloat(parts[2] as string) / 100;
  if (![h, s, l].every(Number.isFinite)) return undefined;
  // CSS Color 4, "Converting HSL colors to sRGB".
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    const a = s * Math.min(l, 1 - l);
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return { rgb: [f(0), f(8), f(4)].map(clamp01) as Rgb, alpha: clamp01(alpha) };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** Parses a CSS colour (see `parseColorAlpha`); a translucent colour is composited over white. */
export function parseColor(value: string): Rgb | undefined {
  const c = parseColorAlpha(value);
  if (!c) return undefined;
  if (c.alpha >= 1) return c.rgb;
  return c.rgb.map((v) => v * c.alpha + (1 - c.alpha)) as Rgb;
}

/** What lengths are relative to. */
export interface LengthBasis {
  /** The element's font size, points (`em`; `ex` and `ch` are taken as 0.5 em and 0.6 em... see below). */
  fontSize: number;
  /** The root font size, points (`rem`). */
  rootFontSize?: number;
  /** What `%` is of. */
  percentOf?: number;
  /** The page box (`vw`, `vh`). */
  viewport?: [number, number];
}

// DejaVu Sans: x-height 1120/2048 em, the advance of "0" 1303/2048 em (the faces ex and ch refer to).
const EX = 1120 / 2048;
const CH = 1303 / 2048;

const UNIT = /^(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(px|pt|pc|em|rem|ex|ch|mm|cm|q|in|vw|vh|vmin|vmax|%)?$/;

/** Parses a CSS length to points; `em` relative to `fontSize`, `%` relative to `percentOf`. `calc()` is evaluated. */
export function parseLength(
  value: string,
  fontSize: number,
  percentOf = 0,
  basis?: Omit<LengthBasis, 'fontSize' | 'percentOf'>,
): number | undefined {
  const v = value.trim().toLowerCase();
  if (v.startsWith('calc(') || v.startsWith('min(') || v.startsWith('max(') || v.startsWith('clamp(')) {
    const r = evalCalc(v, { fontSize, percentOf, ...basis });
    return r === undefined || !Number.isFinite(r) ? undefined : r;
  }
  const m = UNIT.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  if (m[2] === undefined && n !== 0) return n * 0.75; // a bare number, as in presentational attributes: CSS px
  return unitToPoints(n, m[2] ?? 'pt', { fontSize, percentOf, ...basis });
}

function unitToPoints(n: number, unit: string, b: LengthBasis): number {
  switch (unit) {
    case 'pt':
      return n;
    case 'pc':
      return n * 12;
    case 'em':
      return n * b.fontSize;
    case 'rem':
      return n * (b.rootFontSize ?? 10);
    case 'ex':
      return n * b.fontSize * EX;
    case 'ch':
      return n * b.fontSize * CH;
    case 'mm':
      return (n * 72) / 25.4;
    case 'cm':
      return (n * 720) / 25.4;
    case 'q':
      return (n * 18) / 25.4;
    case 'in':
      return n * 72;
    case 'vw':
      return (n / 100) * (b.viewport?.[0] ?? 595.28);
    case 'vh':
      return (n / 100) * (b.viewport?.[1] ?? 841.89);
    case 'vmin':
      return (n / 100) * Math.min(...(b.viewport ?? [595.28, 841.89]));
    case 'vmax':
      return (n / 100) * Math.max(...(b.viewport ?? [595.28, 841.89]));
    case '%':
      return (n / 100) * (b.percentOf ?? 0);
    default:
      return n * 0.75; // CSS px: 96 per inch
  }
}

/** A length that may hold a percentage still to resolve: `points + percent% of the base`. */
export interface Linear {
  points: number;
  percent: number;
}

/**
 * Parses a length or percentage whose percentage is resolved later (widths): `calc(100% - 2em)`
 * gives `{ points: -2 em, percent: 100 }`. `undefined` for anything else (`auto` included).
 */
export function parseLinear(
  value: string,
  fontSize: number,
  basis?: Omit<LengthBasis, 'fontSize' | 'percentOf'>,
): Linear | undefined {
  const v = value.trim().toLowerCase();
  if (v.endsWith('%') && UNIT.test(v)) return { points: 0, percent: Number.parseFloat(v) };
  if (v.startsWith('calc(')) {
    // Linear in the percentage: evaluate at two bases.
    const a = evalCalc(v, { fontSize, percentOf: 0, ...basis });
    const b = evalCalc(v, { fontSize, percentOf: 100, ...basis });
    if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return undefined;
    return { points: a, percent: b - a };
  }
  const len = parseLength(v, fontSize, 0, basis);
  return len === undefined ? undefined : { points: len, percent: 0 };
}

/** Resolves a `Linear` against its percentage base. */
export function resolveLinear(l: Linear, base: number): number {
  return l.points + (l.percent / 100) * base;
}

// calc(), min(), max(), clamp(): a recursive-descent evaluator over + - * / and parentheses.
function evalCalc(text: string, b: LengthBasis): number | undefined {
  const tokens = text.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?(?:[a-z]+|%)?|[a-z-]+\(|[-+*/(),]/g);
  if (!tokens) return undefined;
  let i = 0;
  const peek = () => tokens[i];
  const expr = (): number | undefined => {
    let v = term();
    while (v !== undefined && (peek() === '+' || peek() === '-')) {
      const op = tokens[i++];
      const r = term();
      if (r === undefined) return undefined;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const term = (): number | undefined => {
    let v = factor();
    while (v !== undefined && (peek() === '*' || peek() === '/')) {
      const op = tokens[i++];
      const r = factor();
      if (r === undefined) return undefined;
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const args = (): number[] | undefined => {
    const out: number[] = [];
    for (;;) {
      const v = expr();
      if (v === undefined) return undefined;
      out.push(v);
      const t = tokens[i++];
      if (t === ')') return out;
      if (t !== ',') return undefined;
    }
  };
  const factor = (): number | undefined => {
    const t = tokens[i++];
    if (t === undefined) return undefined;
    if (t === '(' || t === 'calc(') {
      const v = expr();
      return tokens[i++] === ')' ? v : undefined;
    }
    if (t === 'min(' || t === 'max(' || t === 'clamp(') {
      const a = args();
      if (!a || a.length === 0) return undefined;
      if (t === 'min(') return Math.min(...a);
      if (t === 'max(') return Math.max(...a);
      return a.length === 3 ? Math.max(a[0] as number, Math.min(a[1] as number, a[2] as number)) : undefined;
    }
    const m = /^(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)([a-z]+|%)?$/.exec(t);
    if (!m) return undefined;
    const n = Number(m[1]);
    // A bare number is a factor (calc(2 * 3px)); a unit makes it a length.
    return m[2] === undefined ? n : unitToPoints(n, m[2], b);
  };
  const v = expr();
  return i === tokens.length ? v : undefined;
}
