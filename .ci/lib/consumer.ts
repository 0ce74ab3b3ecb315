// What a user writes: the same imports from Node ESM, Node CJS, TypeScript and Deno. Every public
// entry of every package is imported; the main entries are called and their results printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packages, root } from './exec.js';

/**
 * Every public subpath of every package, e.g. `@ds/turi`, `@ds/turi/crawl`; with `require`, only
 * those that have a CommonJS build (`@ds/testkit/vitest` is ESM only, as Vitest is).
 */
export function entryPoints(condition: 'import' | 'require' = 'import'): string[] {
  return packages.flatMap((name) => {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, unknown> | string>;
    };
    return Object.entries(manifest.exports)
      .filter(([key, value]) => key !== './package.json' && typeof value === 'object' && condition in value)
      .map(([key]) => (key === '.' ? `@ds/${name}` : `@ds/${name}/${key.slice(2)}`));
  });
}

/** One call per package whose result is known (the same as the docs index shows). */
export const calls = [
  ['@ds/sample-size', 'cohensH', 'cohensH(0.52, 0.5).toFixed(8)', '0.04001067'],
  [
    '@ds/turi',
    'turi',
    'String(turi({ followersCount: 3, tweetCount: 10, followerFollowerCounts: [120, 40, 5000] }).turi)',
    '172',
  ],
  ['@ds/report', 'renderHtml', "renderHtml('<td>{{ rate }}%</td>', { rate: 5 })", '<td>5%</td>'],
  ['@ds/geo', 'classify', "classify([3, 1, 4, 1, 5, 9, 2, 6], { scheme: 'equal-interval', k: 2 }).breaks.join(',')", '5,9'],
  ['@ds/testkit', 'allClose', 'String(allClose([0.1 + 0.2], [0.3]))', 'true'],
] as const;

/** The line the scripts print when all is well, so each runtime is checked for the same output. */
export const expectedOutput = `${calls.map(([, , , out]) => out).join('|')}`;

export function esmScript(): string {
  const entries = entryPoints();
  return [
    ...calls.map(([pkg, fn], i) => `import { ${fn} as f${i} } from '${pkg}';`),
    ...entries.map((e, i) => `import * as m${i} from '${e}';`),
    `const sizes = [${entries.map((_, i) => `Object.keys(m${i}).length`).join(', ')}];`,
    `if (sizes.some((n) => n === 0)) throw new Error('an entry exports nothing: ' + JSON.stringify(sizes));`,
    `console.log([${calls.map(([, fn, expr], i) => expr.replace(fn, `f${i}`)).join(', ')}].join('|'));`,
  ].join('\n');
}

export function cjsScript(): string {
  const entries = entryPoints('require');
  return [
    ...calls.map(([pkg, fn], i) => `const { ${fn}: f${i} } = require('${pkg}');`),
    `const entries = ${JSON.stringify(entries)};`,
    `for (const e of entries) if (Object.keys(require(e)).length === 0) throw new Error(e + ' exports nothing');`,
    `console.log([${calls.map(([, fn, expr], i) => expr.replace(fn, `f${i}`)).join(', ')}].join('|'));`,
  ].join('\n');
}

/** Type-checked with `moduleResolution: nodenext`: the results have the types the docs promise. */
export function typescriptModule(condition: 'import' | 'require'): string {
  const entries = entryPoints(condition);
  return [
    ...calls.map(([pkg, fn], i) => `import { ${fn} as f${i} } from '${pkg}';`),
    ...entries.map((e, i) => `import type * as T${i} from '${e}';`),
    `export type Entries = [${entries.map((_, i) => `typeof T${i}`).join(', ')}];`,
    `const h: number = f0(0.52, 0.5);`,
    `const t: number | undefined = f1({ followersCount: 3, tweetCount: 10, followerFollowerCounts: [1] }).turi;`,
    `const html: string = f2('<p>{{ x }}</p>', { x: 1 });`,
    `const breaks: number[] = f3([1, 2, 3], { k: 2 }).breaks;`,
    `const ok: boolean = f4([1], [1], { rtol: 1e-9 });`,
    `// @ts-expect-error: a string is not a proportion`,
    `f0('0.5', 0.5);`,
    `export const results = { h, t, html, breaks, ok };`,
  ].join('\n');
}
