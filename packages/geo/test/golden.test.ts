// Golden files, as Turf keeps them: each test/in/<case>.json names an operation and its input;
// test/out/<case>.json holds the reviewed output. Regenerate with
//     UPDATE_GOLDEN=1 npx vitest run --project geo test/golden.test.ts
// and review the diff.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buffer, clip, dissolve, overlay, readGeoJSON, splitAntimeridian, startGeometryEngine } from '../src/index.js';

// Overlay, dissolve, clip, buffer and line/polygon joins run on GEOS (WebAssembly), started once.
await startGeometryEngine();

const dir = (d: string) => fileURLToPath(new URL(`./${d}/`, import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

// biome-ignore lint/suspicious/noExplicitAny: the cases are JSON
function run(c: any): unknown {
  switch (c.operation) {
    case 'splitAntimeridian':
      return splitAntimeridian(c.input);
    case 'readGeoJSON':
      return readGeoJSON(c.input, c.options);
    case 'clip':
      return clip(c.input, c.mask);
    case 'dissolve':
      return dissolve(c.input, c.options);
    case 'overlay':
      return overlay(c.input, c.other, c.how);
    case 'buffer':
      return buffer(c.input, c.metres);
    default:
      throw new Error(`unknown operation ${c.operation}`);
  }
}

/** Coordinates rounded to 1e-6 (a tenth of a metre in degrees, a micrometre in metres). */
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
}

describe('golden files (test/in → test/out)', () => {
  for (const file of readdirSync(dir('in'))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const c = JSON.parse(readFileSync(dir('in') + file, 'utf8'));
    it(`${file.replace('.json', '')}: ${c.about}`, () => {
      const actual = rounded(run(c));
      if (update) writeFileSync(dir('out') + file, `${JSON.stringify(actual, null, 1)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(dir('out') + file, 'utf8')));
    });
  }
});
