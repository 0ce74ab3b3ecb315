// Shorthand properties expanded into their longhands, so that the cascade decides each longhand on
// its own (`margin: 0` then `margin-top: 4pt` is a 4 pt top margin; `border-bottom` after `border`).

const SIDES = ['top', 'right', 'bottom', 'left'] as const;

/** Splits a value at top-level whitespace (not inside parentheses or strings). */
export function splitValue(value: string, sep: RegExp = /\s/): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const c of value) {
    if (quote) {
      cur += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === '(') {
      depth++;
      cur += c;
    } else if (c === ')') {
      depth--;
      cur += c;
    } else if (depth === 0 && sep.test(c)) {
      if (cur.trim() !== '') out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

/** `a b c d` to four values, CSS's 1-to-4 value rule. */
function fourSides(value: string): [string, string, string, string] | undefined {
  const p = splitValue(value);
  if (p.length === 0 || p.length > 4) return undefined;
  const [t, r = t, b = t, l = r] = p as [string, string?, string?, string?];
  return [t, r as string, b as string, l as string];
}

const BORDER_STYLES = new Set(['none', 'hidden', 'dotted', 'dashed', 'solid', 'double', 'groove', 'ridge', 'inset', 'outset']);
const WIDTH_KEYWORDS = new Set(['thin', 'medium', 'thick']);

function isLengthish(v: string): boolean {
  return /^-?[\d.]/.test(v) || v.startsWith('calc(') || WIDTH_KEYWORDS.has(v);
}

/** `border: 1px solid red` to width, style and colour (the omitted ones at their initial values). */
function borderParts(value: string): [string, string, string] {
  if (value.trim().toLowerCase() === 'none' || value.trim() === '0') return ['medium', 'none', 'currentcolor'];
  let width = 'medium';
  let style = 'none';
  let color = 'currentcolor';
  for (const p of splitValue(value)) {
    const l = p.toLowerCase();
    if (BORDER_STYLES.has(l)) style = l;
    else if (isLengthish(l)) width = l;
    else color = p;
  }
  return [width, style, color];
}

const FONT_STYLE = new Set(['italic', 'oblique']);
const FONT_WEIGHT = new Set(['bold', 'bolder', 'lighter', '100', '200', '300', '400', '500', '600', '700', '800', '900']);

/**
 * The longhands a declaration sets. Anything not a shorthand is returned as it is; so are
 * shorthands whose parts the layout reads as one (`border-radius`, `text-decoration`).
 */
export function expandShorthand(name: string, value: string): [string, string][] {
  const v = value.trim();
  const global = /^(inherit|initial|unset|revert)$/i.test(v) ? v.toLowerCase() : undefined;
  switch (name) {
    case 'margin':
    case 'padding': {
      if (global) return SIDES.map((s) => [`${name}-${s}`, global]);
      const f = fourSides(v);
      return f ? SIDES.map((s, i) => [`${name}-${s}`, f[i] as string]) : [[name, v]];
    }
    case 'inset': {
      const f = global ? [global, global, global, global] : fourSides(v);
      return f ? SIDES.map((s, i) => [s, f[i] as string]) : [[name, v]];
    }
    case 'border': {
      const [w, st, c] = global ? [global, global, global] : borderParts(v);
      return SIDES.flatMap((s) => [
        [`border-${s}-width`, w],
        [`border-${s}-style`, st],
        [`border-${s}-color`, c],
      ]) as [string, string][];
    }
    case 'border-top':
    case 'border-right':
    case 'border-bottom':
    case 'border-left': {
      const [w, st, c] = global ? [global, global, global] : borderParts(v);
      return [
        [`${name}-width`, w],
        [`${name}-style`, st],
        [`${name}-color`, c],
      ];
    }
    case 'border-width':
    case 'border-style':
    case 'border-color': {
      const part = name.slice(7);
      const f = global ? [global, global, global, global] : fourSides(v);
      return f ? SIDES.map((s, i) => [`border-${s}-${part}`, f[i] as string]) : [[name, v]];
    }
    case 'background': {
      if (global) return [['background-color', global]];
      // The colour is the last layer's; images and gradients are reported by the computed stage.
      let color = 'transparent';
      const out: [string, string][] = [];
      for (const p of splitValue(v)) {
        const l = p.toLowerCase();
        if (/^(url|linear-gradient|radial-gradient|repeating-|conic-gradient|image-set)/.test(l))
          out.push(['background-image', p]);
        else if (/^(#|rgb|hsl)/.test(l) || /^[a-z]+$/.test(l)) {
          if (
            !/^(none|repeat|no-repeat|repeat-x|repeat-y|left|right|top|bottom|center|scroll|fixed|local|cover|contain|border-box|padding-box|content-box|auto)$/.test(
              l,
            )
          )
            color = p;
        }
      }
      return [['background-color', color], ...out];
    }
    case 'font': {
      if (global)
        return ['font-style', 'font-variant', 'font-weight', 'font-size', 'line-height', 'font-family'].map((n) => [n, global]);
      const parts = splitValue(v);
      let style = 'normal';
      let variant = 'normal';
      let weight = 'normal';
      let k = 0;
      for (; k < parts.length; k++) {
        const l = (parts[k] as string).toLowerCase();
        if (FONT_STYLE.has(l)) style = l;
        else if (l === 'small-caps') variant = l;
        else if (FONT_WEIGHT.has(l)) weight = l;
        else if (l === 'normal' || /^(ultra-|extra-|semi-)?(condensed|expanded)$/.test(l)) continue;
        else break;
      }
      const sizePart = parts[k];
      if (sizePart === undefined) return [[name, v]];
      const [size, lineHeight] = sizePart.split('/');
      const family = parts.slice(k + 1).join(' ');
      const out: [string, string][] = [
        ['font-style', style],
        ['font-variant', variant],
        ['font-weight', weight],
        ['font-size', size as string],
        ['line-height', lineHeight ?? 'normal'],
      ];
      if (family) out.push(['font-family', family]);
      return out;
    }
    case 'list-style': {
      if (global) return [['list-style-type', global]];
      const out: [string, string][] = [];
      for (const p of splitValue(v)) {
        const l = p.toLowerCase();
        if (l === 'inside' || l === 'outside') out.push(['list-style-position', l]);
        else if (l.startsWith('url(')) out.push(['list-style-image', p]);
        else out.push(['list-style-type', l]);
      }
      return out.length > 0 ? out : [[name, v]];
    }
    case 'flex': {
      if (global) return ['flex-grow', 'flex-shrink', 'flex-basis'].map((n) => [n, global]);
      const l = v.toLowerCase();
      if (l === 'none')
        return [
          ['flex-grow', '0'],
          ['flex-shrink', '0'],
          ['flex-basis', 'auto'],
        ];
      if (l === 'auto')
        return [
          ['flex-grow', '1'],
          ['flex-shrink', '1'],
          ['flex-basis', 'auto'],
        ];
      const parts = splitValue(l);
      const nums = parts.filter((p) => /^[\d.]+$/.test(p));
      const basis = parts.find((p) => !/^[\d.]+$/.test(p)) ?? (nums.length > 0 ? '0%' : 'auto');
      return [
        ['flex-grow', nums[0] ?? '1'],
        ['flex-shrink', nums[1] ?? '1'],
        ['flex-basis', basis],
      ];
    }
    case 'flex-flow': {
      const out: [string, string][] = [];
      for (const p of splitValue(v.toLowerCase())) out.push([/wrap/.test(p) ? 'flex-wrap' : 'flex-direction', p]);
      return out;
    }
    case 'gap':
    case 'grid-gap': {
      const p = splitValue(v);
      return [
        ['row-gap', p[0] ?? v],
        ['column-gap', p[1] ?? p[0] ?? v],
      ];
    }
    case 'grid-column-gap':
      return [['column-gap', v]];
    case 'grid-row-gap':
      return [['row-gap', v]];
    case 'overflow': {
      const p = splitValue(v);
      return [
        ['overflow-x', p[0] ?? v],
        ['overflow-y', p[1] ?? p[0] ?? v],
      ];
    }
    case 'page-break-before':
    case 'page-break-after':
    case 'page-break-inside':
      // CSS Fragmentation 3: the legacy names are aliases.
      return [[name.slice(5), v]];
    case 'word-wrap':
      return [['overflow-wrap', v]];
    case 'grid-column':
    case 'grid-row': {
      const [a, b] = v.split('/').map((x) => x.trim());
      return [
        [`${name}-start`, a ?? v],
        [`${name}-end`, b ?? 'auto'],
      ];
    }
    default:
      return [[name, v]];
  }
}
