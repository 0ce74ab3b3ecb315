#!/usr/bin/env node
// `npm run docs`: one static site of the guides, the notebooks (with their outputs) and the API
// reference, with navigation and search, built by TypeDoc into out/site/ (offline, no server).
//
// TypeDoc, because the API reference is the part that must not be hand-kept: it reads the doc
// comments (and their @example blocks, which the docs test runs) of every public entry, and since
// 0.26 it also renders Markdown "project documents" beside them, in the same navigation and search
// index. A static-site generator would need TypeDoc's output fed into it anyway.
//
// The notebooks are rendered from executed copies when there are some (`node .ci/notebooks.mjs
// --keep out/notebooks`, which the notebooks' integration test leaves behind), else from the
// notebooks as committed (code, no outputs): each becomes a Markdown page, its images inlined and
// its HTML outputs (tables, maps in iframes) kept as HTML.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const pages = join(root, 'out', 'site-pages');
rmSync(pages, { recursive: true, force: true });
mkdirSync(pages, { recursive: true });

const text = (v) => (Array.isArray(v) ? v.join('') : String(v ?? ''));
// A page shown in an iframe's srcdoc (a Leaflet map, a report) is written as a file of its own
// beside the site and framed by src: a megabyte of escaped HTML inside a Markdown page would slow
// TypeDoc's Markdown parser down for nothing.
const framedPages = [];
function framed(notebook, html) {
  const m = /^<iframe ([^>]*?)srcdoc="([^"]*)"><\/iframe>$/.exec(html.trim());
  if (m === null) return html.replace(/\n/g, ' ');
  const page = m[2]
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  const file = `${notebook}-${framedPages.length + 1}.html`;
  framedPages.push({ file, page });
  return `<iframe ${m[1]}src="../notebook-outputs/${file}"></iframe>`;
}

const executed = ['deno', 'tslab'].map((k) => join(root, 'out', 'notebooks', k)).find((d) => existsSync(d));
const titles = {
  geo: '@ds/geo',
  report: '@ds/report',
  'sample-size': '@ds/sample-size',
  story: 'The story',
  testkit: '@ds/testkit',
  turi: '@ds/turi',
};
const notebooks = readdirSync(join(root, 'docs', 'notebooks'))
  .filter((f) => f.endsWith('.ipynb') && !f.startsWith('.'))
  .sort();
for (const file of notebooks) {
  const name = file.replace(/\.ipynb$/, '');
  const source = executed && existsSync(join(executed, file)) ? join(executed, file) : join(root, 'docs', 'notebooks', file);
  const nb = JSON.parse(readFileSync(source, 'utf8'));
  const out = [
    '---',
    `title: Notebook ${titles[name] ?? name}`,
    'group: Notebooks',
    '---',
    '',
    `*\`docs/notebooks/${file}\`, ${source.includes(join('out', 'notebooks')) ? `as executed on ${source.includes('deno') ? "Deno's kernel" : 'tslab'}` : 'not executed in this build'}.*`,
    '',
  ];
  for (const cell of nb.cells) {
    if (cell.cell_type === 'markdown') {
      out.push(text(cell.source).replace(/^# /m, '## '), '');
      continue;
    }
    if (cell.cell_type !== 'code') continue;
    out.push('```ts', text(cell.source), '```', '');
    for (const o of cell.outputs ?? []) {
      if (o.output_type === 'stream') out.push('```text', text(o.text).replace(/\n$/, ''), '```', '');
      else if (o.output_type === 'error') out.push('```text', `${o.ename}: ${o.evalue}`, '```', '');
      else if (o.data) {
        const d = o.data;
        if (d['image/png'])
          out.push(`<p><img alt="output" src="data:image/png;base64,${text(d['image/png']).replace(/\s/g, '')}"></p>`, '');
        else if (d['image/svg+xml']) out.push(`<div class="nb-output">${text(d['image/svg+xml'])}</div>`, '');
        else if (d['text/html']) out.push(`<div class="nb-output">${framed(name, text(d['text/html']))}</div>`, '');
        else if (d['text/plain']) out.push('```text', text(d['text/plain']), '```', '');
      }
    }
  }
  writeFileSync(join(pages, `notebook-${name}.md`), `${out.join('\n')}\n`);
}

const typedoc = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--options', join(root, 'typedoc.config.mjs')],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DS_DOCS_SITE: '1' },
  },
);
if (typedoc.status !== 0) process.exit(typedoc.status ?? 1);
mkdirSync(join(root, 'out', 'site', 'notebook-outputs'), { recursive: true });
for (const { file, page } of framedPages) writeFileSync(join(root, 'out', 'site', 'notebook-outputs', file), page);
console.log(
  `docs site: out/site/index.html (${notebooks.length} notebooks${executed ? ' with outputs' : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
