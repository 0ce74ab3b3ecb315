// API reference from the doc comments. Each package's `npm run docs` (run by `turbo run docs`)
// documents every public entry of its package.json exports into docs/api/<package>/.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = process.cwd();
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const entryPoints = Object.keys(manifest.exports)
  .filter((key) => key !== './package.json')
  .map((key) => join(dir, 'src', key === '.' ? 'index.ts' : `${key.slice(2)}.ts`));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: manifest.name,
  entryPoints,
  tsconfig: join(dir, 'tsconfig.json'),
  out: join(dir, '..', '..', 'docs', 'api', basename(dir)),
  readme: join(dir, 'README.md'),
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: false,
  validation: { notExported: false, invalidLink: true },
  githubPages: false,
  // Source links to the repository named in package.json, whatever the checkout's remotes are.
  disableGit: true,
  basePath: dir,
  sourceLinkTemplate: `${manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/${manifest.repository.directory}/{path}#L{line}`,
};
