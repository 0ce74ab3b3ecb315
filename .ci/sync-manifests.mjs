#!/usr/bin/env node
// Generates the parts of each package.json that follow from its exports, so they cannot drift:
// `typesVersions` for every subpath export (TypeScript's node10 resolution ignores `exports`;
// arethetypeswrong checks it). Run after adding a subpath: node .ci/sync-manifests.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const file = join(root, 'packages', name, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const subpaths = Object.keys(manifest.exports)
    .filter((key) => key !== '.' && key !== './package.json')
    .map((key) => key.slice(2));
  const typesVersions =
    subpaths.length === 0 ? undefined : { '*': Object.fromEntries(subpaths.map((s) => [s, [`./dist/${s}.d.ts`]])) };
  const out = {};
  for (const [key, value] of Object.entries(manifest)) {
    if (key === 'typesVersions') continue;
    out[key] = value;
    if (key === 'exports' && typesVersions) out.typesVersions = typesVersions;
  }
  const text = `${JSON.stringify(out, null, 2)}\n`;
  if (text !== readFileSync(file, 'utf8')) {
    writeFileSync(file, text);
    console.log(`updated packages/${name}/package.json`);
  }
}
