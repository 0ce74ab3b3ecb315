// The story demo: runs docs/story.md's code (the page is the one source of the story; the
// notebook is generated from it too) against the built packages, and writes its report into
// outDir: story.pdf (printed from the template) and story.html (the same template, interactive).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { storyCells } from '../../.ci/story-notebook.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function demo({ outDir }) {
  const page = await readFile(join(root, 'docs', 'story.md'), 'utf8');
  const code = storyCells(page)
    .filter((cell) => cell.type === 'code')
    .map((cell) => cell.text)
    .join('\n');
  // TypeScript to JavaScript (types stripped, nothing bundled): `@ds/*` resolve from the
  // workspace's node_modules, so the module sits inside the repository while it runs.
  const { code: js } = await transform(code, { loader: 'ts', format: 'esm', target: 'node20' });
  const module = join(outDir, '.story.mjs');
  await writeFile(module, `${js}\nexport { byBorough, partners, x1, x2, z };\n`);
  const cwd = process.cwd();
  const env = process.env.DS_STORY_OUT;
  process.chdir(root);
  process.env.DS_STORY_OUT = outDir;
  try {
    const story = await import(pathToFileURL(module).href);
    const summary = [
      `${story.x1} of ${story.byBorough.reduce((s, b) => s + b.customers, 0) / 2} returned without the card, ${story.x2} with it: z = ${story.z.toFixed(2)}`,
      `partners: ${story.partners.map((p) => `@account${p.id}`).join(', ')}`,
    ].join('\n');
    // The values the story computed, for the tests that read its PDF and HTML.
    const values = { byBorough: story.byBorough, partners: story.partners, x1: story.x1, x2: story.x2, z: story.z };
    return { files: [join(outDir, 'story.pdf'), join(outDir, 'story.html')], summary, values };
  } finally {
    process.chdir(cwd);
    if (env === undefined) delete process.env.DS_STORY_OUT;
    else process.env.DS_STORY_OUT = env;
    await rm(module, { force: true });
  }
}
