// TypeDoc, two ways:
// - in a package folder (each package's `npm run docs`): the API reference of every public entry
//   of its package.json exports, into docs/api/<package>/;
// - at the root (`npm run docs`, through .ci/docs-site.mjs): the docs site, out/site/: the guides,
//   the story and the rendered notebooks as project documents, and the API reference of all five
//   packages, with one navigation and one search index.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = process.cwd();
const site = !existsSync(join(dir, 'src')) && existsSync(join(dir, 'packages'));

function entriesOf(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => join(packageDir, 'src', key === '.' ? 'index.ts' : `${key.slice(2)}.ts`));
}

function packageConfig() {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  /** @type {Partial<import('typedoc').TypeDocOptions>} */
  return {
    name: manifest.name,
    entryPoints: entriesOf(dir),
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
}

function siteConfig() {
  const packages = readdirSync(join(dir, 'packages')).sort();
  const guides = ['story.md', ...packages.map((p) => `${p}.md`), 'contributing.md'].map((f) => join(dir, 'docs', f));
  const pages = join(dir, 'out', 'site-pages');
  const notebooks = existsSync(pages)
    ? readdirSync(pages)
        .sort()
        .map((f) => join(pages, f))
    : [];
  /** @type {Partial<import('typedoc').TypeDocOptions>} */
  return {
    name: 'ds',
    entryPoints: packages.flatMap((p) => entriesOf(join(dir, 'packages', p))),
    entryPointStrategy: 'resolve',
    tsconfig: join(dir, 'docs', 'site', 'tsconfig.json'),
    plugin: [join(dir, 'docs', 'site', 'module-names.mjs')],
    out: join(dir, 'out', 'site'),
    readme: join(dir, 'docs', 'index.md'),
    projectDocuments: [...guides, ...notebooks],
    excludePrivate: true,
    excludeInternal: true,
    treatWarningsAsErrors: false,
    validation: { notExported: false, invalidLink: true },
    githubPages: false,
    disableGit: true,
    disableSources: true,
    // tsc checks the packages (npm run typecheck); the site only reads them.
    skipErrorChecking: true,
    // The search index holds the names (exports, guides, notebooks): with the comments and the
    // documents' text it grows to megabytes (the notebooks' images), loaded by every page.
    searchInComments: false,
    searchInDocuments: false,
    navigation: { includeCategories: false, includeGroups: false, includeFolders: false },
    customCss: join(dir, 'docs', 'site', 'site.css'),
    highlightLanguages: ['typescript', 'javascript', 'json', 'bash', 'sql', 'markdown', 'md', 'text', 'html', 'r', 'python'],
  };
}

export default site ? siteConfig() : packageConfig();
