import type { ElementNode } from '../html.js';

// ---- lists -------------------------------------------------------------------------------------

/** Rewrites list item markers: `•` for `<ul>`, `1.` … for `<ol>` (honouring `start`). */
export function numberLists(el: ElementNode): void {
  let n = el.tag === 'ol' ? Number(el.attrs.start ?? 1) || 1 : 0;
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    if (child.tag === 'li' && (el.tag === 'ol' || el.tag === 'ul')) {
      child.attrs = { ...child.attrs, 'data-marker': el.tag === 'ol' ? `${n++}.` : '•' };
    }
    numberLists(child);
  }
}
