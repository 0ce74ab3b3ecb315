// The stylesheets a renderer keeps between reports: the document's stylesheet by its text (with the
// styles it has computed, so the second report from a template computes no style again), and the
// root style of each default font family (the key computed styles are cached under).

import { type ComputedStyle, rootStyle, Stylesheet } from '../css/computed.js';
import type { ParsedHtml } from '../html.js';

/** Stylesheets by their text, per renderer (at most 32; one that computed 20,000 styles starts afresh). */
const sheetCache = new WeakMap<object, Map<string, Stylesheet>>();
const MAX_CACHED_SHEETS = 32;
const MAX_CACHED_STYLES = 20_000;
/** The root style of each default family: the key computed styles are cached under. */
const rootStyles = new Map<string, ComputedStyle>();

/**
 * The stylesheet of a document's `<style>` elements, from `owner`'s cache (a renderer's prepared
 * options) or read now and cached; `importStyles` gives the text an `@import` names.
 */
export function documentSheet(
  owner: object,
  parsed: Pick<ParsedHtml, 'styles' | 'styleLines'>,
  importStyles: (url: string) => string | undefined,
): Stylesheet {
  const sheetKey = `${parsed.styleLines.join(',')}\u0000${parsed.styles.join('\u0000')}`;
  const sheets = sheetCache.get(owner) ?? new Map<string, Stylesheet>();
  sheetCache.set(owner, sheets);
  let bodySheet = sheets.get(sheetKey);
  if (!bodySheet || bodySheet.computed > MAX_CACHED_STYLES) {
    bodySheet = new Stylesheet(parsed.styles, parsed.styleLines, importStyles);
    sheets.delete(sheetKey);
    if (sheets.size >= MAX_CACHED_SHEETS) sheets.delete(sheets.keys().next().value as string);
    sheets.set(sheetKey, bodySheet);
  }
  return bodySheet;
}

/** The root style of `family` as the default family, made once (frozen: the cache key of computed styles). */
export function rootStyleOf(family: string): ComputedStyle {
  let base = rootStyles.get(family);
  if (!base) {
    base = Object.freeze(rootStyle(family)) as ComputedStyle;
    rootStyles.set(family, base);
  }
  return base;
}
