import type { ElementNode } from '../html.js';

/**
 * Numbers list items: `data-ordinal` is the item's number (honouring `start`, `reversed` and an
 * item's `value`), `data-marker` the default marker (`•` in `<ul>`, `1.` in `<ol>`); the layout
 * draws the number in the item's list-style-type.
 */
export function numberLists(el: ElementNode): void {
  const items = el.tag === 'ol' || el.tag === 'ul' ? el.children.filter((c) => c.type === 'element' && c.tag === 'li').length : 0;
  const reversed = el.tag === 'ol' && el.attrs.reversed !== undefined;
  let n = el.tag === 'ol' ? Number(el.attrs.start ?? (reversed ? items : 1)) || (reversed ? items : 1) : 1;
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    if (child.tag === 'li' && (el.tag === 'ol' || el.tag === 'ul')) {
      if (child.attrs.value !== undefined && Number.isFinite(Number(child.attrs.value))) n = Number(child.attrs.value);
      child.attrs = { ...child.attrs, 'data-marker': el.tag === 'ol' ? `${n}.` : '•', 'data-ordinal': String(n) };
      n += reversed ? -1 : 1;
    }
    numberLists(child);
  }
}
