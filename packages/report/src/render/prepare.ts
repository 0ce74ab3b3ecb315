// What a renderer keeps of its checked options (`Prepared`): the parsed fonts, the page geometry
// from `options.page` (`pageGeometry`) or, per page name, from the stylesheet's `@page` rules
// (`geometryByName`, `pageFromStyle`), and the header and footer templates compiled.

import type nunjucks from 'nunjucks';
import { namedPageBox, type PageRules, type PageStyle } from '../css/page.js';
import { ReportError } from '../errors.js';
import { compileTemplate, renderWith } from '../render-html.js';
import { FontSet } from '../text/fonts.js';
import { checkPdfOptions, PAGE_SIZES, type PageOptions, type RenderPdfOptions } from './options.js';

/** A page box in points: its size and its four margins. */
export interface PageGeometry {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Prepared {
  fonts: FontSet;
  page: PageGeometry;
  header?: (vars: Record<string, unknown>) => string;
  footer?: (vars: Record<string, unknown>) => string;
}

export function prepare(options: RenderPdfOptions, env: nunjucks.Environment): Prepared {
  checkPdfOptions(options);
  const fonts = new FontSet(options.fonts, options.fallbackFonts);
  const page = pageGeometry(options.page ?? {});
  const out: Prepared = { fonts, page };
  if (options.header !== undefined) {
    const t = compileTemplate(env, options.header, 'header');
    out.header = (vars) => renderWith(env, t, vars, 'header');
  }
  if (options.footer !== undefined) {
    const t = compileTemplate(env, options.footer, 'footer');
    out.footer = (vars) => renderWith(env, t, vars, 'footer');
  }
  return out;
}

function pageGeometry(p: PageOptions): PageGeometry {
  const size = p.size ?? 'A4';
  let wh: readonly [number, number];
  if (Array.isArray(size)) {
    if (size.length !== 2 || !size.every((v) => typeof v === 'number' && v >= 72 && v <= 14400)) {
      throw new ReportError('out-of-range', 'page.size', size, '[width, height] in points, each in [72, 14400]');
    }
    wh = size as [number, number];
  } else if (typeof size === 'string' && Object.hasOwn(PAGE_SIZES, size)) wh = PAGE_SIZES[size];
  else
    throw new ReportError('out-of-range', 'page.size', size, `one of ${Object.keys(PAGE_SIZES).join(', ')} or [width, height]`);
  const landscape = p.orientation === 'landscape';
  if (p.orientation !== undefined && p.orientation !== 'portrait' && !landscape)
    throw new ReportError('out-of-range', 'page.orientation', p.orientation, "'portrait' or 'landscape'");
  const [width, height] = landscape ? [wh[1], wh[0]] : [wh[0], wh[1]];
  const m = p.margin ?? 56.7;
  const margin =
    typeof m === 'number' ? { top: m, right: m, bottom: m, left: m } : { top: 56.7, right: 56.7, bottom: 56.7, left: 56.7, ...m };
  for (const [side, v] of Object.entries(margin)) {
    if (typeof v !== 'number' || !(v >= 0))
      throw new ReportError('out-of-range', `page.margin.${side}`, v, 'a number of points ≥ 0');
  }
  if (width - margin.left - margin.right < 72 || height - margin.top - margin.bottom < 72) {
    throw new ReportError(
      'out-of-range',
      'page.margin',
      JSON.stringify(margin),
      'margins that leave at least 72 points (1 in) of content width and height',
    );
  }
  return { width, height, ...margin };
}

/** The page geometry with what the stylesheet's @page rules set (checked as options.page is). */
function pageFromStyle(base: PageGeometry, style: Pick<PageRules, 'size' | 'margin'>, warnings: Set<string>): PageGeometry {
  const [width, height] = style.size ?? [base.width, base.height];
  const m = style.margin;
  // CSS's initial page margins are the user agent's; ours are those of options.page's default.
  const page = {
    width,
    height,
    top: m.top ?? base.top,
    right: m.right ?? base.right,
    bottom: m.bottom ?? base.bottom,
    left: m.left ?? base.left,
  };
  if (width - page.left - page.right < 72 || height - page.top - page.bottom < 72) {
    warnings.add('@page margins leave less than 72 pt (1 in) of content width or height; the default margins are used');
    return { ...base, width, height };
  }
  return page;
}

/**
 * The page box of each page name ('' for pages without one), each made once: `base` (options.page)
 * when `fixed` (the options set the page), else `base` with what the `@page` rules of that name set.
 */
export function geometryByName(
  base: PageGeometry,
  fixed: boolean,
  pageRules: PageStyle,
  warnings: Set<string>,
): (name: string) => PageGeometry {
  const geometries = new Map<string, PageGeometry>();
  return (name) => {
    let g = geometries.get(name);
    if (!g) {
      g = fixed ? base : pageFromStyle(base, namedPageBox(pageRules, name), warnings);
      geometries.set(name, g);
    }
    return g;
  };
}

/** Whether two page boxes have the same size and margins. */
export function sameGeometry(a: PageGeometry, b: PageGeometry): boolean {
  return (
    a.width === b.width &&
    a.height === b.height &&
    a.top === b.top &&
    a.left === b.left &&
    a.right === b.right &&
    a.bottom === b.bottom
  );
}
