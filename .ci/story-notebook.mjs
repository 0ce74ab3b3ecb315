#!/usr/bin/env node
// Writes docs/notebooks/story.ipynb from docs/story.md, so the story is written once: each `ts`
// block becomes a code cell (its `// =>` checks stay as comments: the docs test runs them from the
// page), the prose between them markdown cells. `--check` exits 1 when the notebook is out of date.
//   node .ci/story-notebook.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const page = join(root, 'docs', 'story.md');
const target = join(root, 'docs', 'notebooks', 'story.ipynb');

/** The page as cells, in order. */
export function storyCells(markdown) {
  const cells = [];
  let prose = [];
  let code = null;
  const flushProse = () => {
    const text = prose.join('\n').trim();
    if (text !== '') cells.push({ type: 'markdown', text });
    prose = [];
  };
  for (const line of markdown.split('\n')) {
    if (code === null && /^```(ts|typescript)\s*$/.test(line)) {
      flushProse();
      code = [];
    } else if (code !== null && /^```\s*$/.test(line)) {
      cells.push({ type: 'code', text: code.join('\n') });
      code = null;
    } else if (code !== null) {
      code.push(line);
    } else {
      prose.push(line);
    }
  }
  flushProse();
  return cells;
}

export function storyNotebook(markdown) {
  const lines = (text) => {
    const all = text.split('\n');
    return all.map((l, i) => (i < all.length - 1 ? `${l}\n` : l));
  };
  const cells = storyCells(markdown).map((c) =>
    c.type === 'code'
      ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: lines(c.text) }
      : { cell_type: 'markdown', metadata: {}, source: lines(c.text) },
  );
  cells.unshift({
    cell_type: 'markdown',
    metadata: {},
    source: lines('*Generated from `docs/story.md` by `node .ci/story-notebook.mjs`: edit the page, not this notebook.*'),
  });
  const notebook = {
    cells,
    metadata: {
      kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/x.typescript' },
    },
    nbformat: 4,
    nbformat_minor: 4,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = storyNotebook(readFileSync(page, 'utf8'));
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {}
    if (current !== text) {
      console.error('docs/notebooks/story.ipynb is out of date: node .ci/story-notebook.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log('wrote docs/notebooks/story.ipynb');
  }
}
