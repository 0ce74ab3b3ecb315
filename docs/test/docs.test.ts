import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesOf, guideCode, instrument, type Snippet } from './examples.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const generated = join(root, 'docs', 'test', '.generated');
rmSync(generated, { recursive: true, force: true });
mkdirSync(generated, { recursive: true });

const packages = readdirSync(join(root, 'packages')).sort();

// Examples may write files into os.tmpdir(): give them a folder of their own, removed afterwards.
const scratch = mkdtempSync(join(tmpdir(), 'ds-docs-'));
const previousTmpdir = process.env.TMPDIR;
process.env.TMPDIR = scratch;
afterAll(() => {
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  rmSync(scratch, { recursive: true, force: true });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

let counter = 0;
async function run(snippet: Snippet): Promise<void> {
  const file = join(generated, `${String(++counter).padStart(4, '0')}-${snippet.origin.replace(/[^\w.-]+/g, '_')}.ts`);
  writeFileSync(file, instrument(snippet));
  await import(/* @vite-ignore */ file);
}

describe.each(packages)('@example blocks of @ds/%s run and print what they say', (name) => {
  const files = sourceFiles(join(root, 'packages', name, 'src'));
  const snippets = files.flatMap((file) => examplesOf(relative(root, file), readFileSync(file, 'utf8')));
  it('has examples', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });
  for (const snippet of snippets) {
    // Some examples start PGlite (initdb) or write a PDF: turi's crawl examples took 35–38 s beside
    // two busy loops on a loaded 2-core machine, most examples well under 1 s.
    it(snippet.origin, async () => {
      await run(snippet);
    }, 120_000);
  }
});

describe.each(packages)('every export of @ds/%s has a doc comment with an @example', (name) => {
  const dir = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const sources = sourceFiles(join(dir, 'src')).map((file) => readFileSync(file, 'utf8'));
  const documented = new Map<string, boolean>();
  const declaration =
    /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)?\s*export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let)\s+([A-Za-z_$][\w$]*)/g;
  for (const source of sources) {
    for (const m of source.matchAll(declaration)) {
      const name = m[2] as string;
      documented.set(name, (documented.get(name) ?? false) || /@example\b/.test(m[1] ?? ''));
    }
  }
  const entries = Object.keys(manifest.exports).filter((key) => key !== './package.json');
  for (const entry of entries) {
    const file = join(dir, 'src', entry === '.' ? 'index.ts' : `${entry.slice(2)}.ts`);
    it(`${entry} (${relative(root, file)})`, async () => {
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const missing = Object.keys(module).filter((exported) => documented.get(exported) !== true);
      expect(missing, 'exports without an @example in their doc comment').toEqual([]);
    });
  }
});

describe('the guides run', () => {
  const guides = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  for (const guide of guides) {
    const snippet = guideCode(`docs/${guide}`, readFileSync(join(root, 'docs', guide), 'utf8'));
    if (snippet === undefined) continue;
    it(`docs/${guide}`, async () => {
      await run(snippet);
    }, 120_000);
  }
});

// A README shows a user's files by bare name (`readFileSync('airports.csv')`) and writes into
// `out/`: each runs in a fresh folder of its own, holding the files of its package's
// `test/fixtures/` that it names. Blocks fenced `ts no-run` are shown, not run. The root README
// has only shell blocks today; a `ts` block added there runs too.
describe('the READMEs run', () => {
  for (const dir of ['', ...packages.map((name) => `packages/${name}/`)]) {
    const readme = join(root, dir, 'README.md');
    if (!existsSync(readme)) continue;
    const snippet = guideCode(`${dir}README.md`, readFileSync(readme, 'utf8'));
    if (snippet === undefined) continue;
    it(`${dir}README.md`, async () => {
      const cwd = mkdtempSync(join(scratch, 'readme-'));
      const fixtures = join(root, dir, 'test', 'fixtures');
      if (dir !== '' && existsSync(fixtures)) {
        for (const file of readdirSync(fixtures, { withFileTypes: true })) {
          if (file.isFile() && snippet.code.includes(`'${file.name}'`))
            copyFileSync(join(fixtures, file.name), join(cwd, file.name));
        }
      }
      const previous = process.cwd();
      process.chdir(cwd);
      try {
        await run(snippet);
      } finally {
        process.chdir(previous);
      }
    }, 60_000);
  }
});
