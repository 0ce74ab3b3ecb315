// Paged media: forced and avoided breaks, orphans and widows, named pages (`page`) and running
// strings (`string-set`, CSS GCPM 3 §1).

import type { Declaration } from '../parse.js';
import { splitValue } from '../shorthands.js';
import type { ComputedStyle, ContentPart } from '../style.js';
import { parseContent } from './generated.js';
import { at, bad, type Warn } from './shared.js';

/** Applies a paged-media property; false when `d` is not one. */
export function applyPaged(s: ComputedStyle, parent: ComputedStyle, d: Declaration, v: string, warn: Warn): boolean {
  const { name, value } = d;
  switch (name) {
    case 'break-before':
      s.breakBefore = forcesBreak(v);
      break;
    case 'break-after':
      s.breakAfter = forcesBreak(v);
      if (v === 'avoid' || v === 'avoid-page') s.avoidBreakAfter = true;
      break;
    case 'break-inside':
      s.avoidBreakInside = v === 'avoid' || v === 'avoid-page';
      break;
    case 'orphans':
    case 'widows': {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) bad(d, warn);
      else if (name === 'orphans') s.orphans = Math.min(n, 1000);
      else s.widows = Math.min(n, 1000);
      break;
    }
    case 'string-set': {
      if (v === 'none') {
        delete s.stringSet;
        break;
      }
      const sets: [string, ContentPart[]][] = [];
      for (const one of splitValue(value, /,/)) {
        const m = /^\s*(-?[_a-zA-Z][\w-]*)\s+([\s\S]+)$/.exec(one);
        const parts = m ? parseContent(m[2] as string) : undefined;
        if (!m || !parts) {
          warn(`string-set "${one.trim()}" ignored (a name, then strings, content(), attr() or counter())${at(d)}`);
          continue;
        }
        sets.push([m[1] as string, parts]);
      }
      if (sets.length > 0) s.stringSet = sets;
      break;
    }
    case 'page':
      // CSS Paged Media 3 §6.1: auto takes the parent's page; a name is a case-sensitive identifier.
      if (v === 'auto') {
        if (parent.page === undefined) delete s.page;
        else s.page = parent.page;
      } else if (/^-?[_a-zA-Z\u00a0-\uffff][-\w\u00a0-\uffff]*$/.test(value.trim())) s.page = value.trim();
      else bad(d, warn);
      break;
    default:
      return false;
  }
  return true;
}

/** Whether a break-before/break-after value forces a page break (all of them start a new page here). */
function forcesBreak(v: string): boolean {
  return v === 'always' || v === 'page' || v === 'left' || v === 'right' || v === 'recto' || v === 'verso';
}
