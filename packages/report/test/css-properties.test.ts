// The property table against the family modules that parse each property (src/css/properties/):
// every property the computed stage claims to resolve is handled by exactly one family, so a
// property added to the table without its parsing (or parsed twice) fails here instead of falling
// through to the flex and grid family, which would give the element an empty `flex` object.

import { describe, expect, it } from 'vitest';
import type { Declaration } from '../src/css/parse.js';
import { applyBackground } from '../src/css/properties/backgrounds.js';
import { applyBox } from '../src/css/properties/box.js';
import { applyGenerated } from '../src/css/properties/generated.js';
import { applyPaged } from '../src/css/properties/paged.js';
import { applyPosition } from '../src/css/properties/position.js';
import { INHERITED, SCREEN_ONLY, SUPPORTED_PROPERTIES } from '../src/css/properties/registry.js';
import type { Pending } from '../src/css/properties/shared.js';
import { applyText } from '../src/css/properties/text.js';
import { type ComputedStyle, rootStyle } from '../src/css/style.js';

// What the flex and grid family takes: the rest of the table (font-size is applied before all).
const FLEX_AND_GRID = [
  'flex-direction',
  'flex-wrap',
  'justify-content',
  'align-items',
  'align-self',
  'align-content',
  'flex-grow',
  'flex-shrink',
  'order',
  'flex-basis',
  'row-gap',
  'column-gap',
  'grid-template-columns',
  'grid-template-rows',
  'grid-template-areas',
  'grid-column-start',
  'grid-column-end',
  'grid-row-start',
  'grid-row-end',
  'grid-area',
];

/** The families that claim `name` (each is called on a scratch style with a plain value). */
function claims(name: string, value: string): string[] {
  const s: ComputedStyle = { ...rootStyle('DejaVu Sans') };
  const parent = rootStyle('DejaVu Sans');
  const pending: Pending = {
    borderWidth: [0, 0, 0, 0],
    borderStyle: ['none', 'none', 'none', 'none'],
    borderColor: [undefined, undefined, undefined, undefined],
  };
  const d: Declaration = { name, value, important: false, line: 1 };
  const v = value.toLowerCase();
  const warn = () => {};
  const out: string[] = [];
  if (applyText(s, parent, d, v, warn)) out.push('text');
  if (applyBackground(s, d, v, pending, warn)) out.push('backgrounds');
  if (applyBox(s, d, v, warn)) out.push('box');
  if (applyPosition(s, d, v, warn)) out.push('position');
  if (applyPaged(s, parent, d, v, warn)) out.push('paged');
  if (applyGenerated(s, d, v, warn)) out.push('generated');
  return out;
}

describe('the property table and the property families', () => {
  const table = [...SUPPORTED_PROPERTIES].filter((p) => p !== 'font-size');

  it.each(['none', 'auto', '1px', 'red'])('every property of the table has one family (value %s)', (value) => {
    const unclaimed: string[] = [];
    const twice: string[] = [];
    for (const name of table) {
      const by = claims(name, value);
      if (by.length === 0) unclaimed.push(name);
      if (by.length > 1) twice.push(`${name}: ${by.join(', ')}`);
    }
    expect(twice).toEqual([]);
    expect(unclaimed.sort()).toEqual([...FLEX_AND_GRID].sort());
  });

  it('no family claims a property that is not in the table', () => {
    for (const name of ['float-side', 'colour', 'margin', 'border-top', 'text-wrap', 'cursor', '--x'])
      expect(claims(name, 'none'), name).toEqual([]);
  });

  it('inherited and screen-only properties are consistent with the table', () => {
    for (const name of INHERITED) expect(SUPPORTED_PROPERTIES.has(name), name).toBe(true);
    for (const name of SCREEN_ONLY) expect(SUPPORTED_PROPERTIES.has(name), name).toBe(false);
  });
});
