import { createRenderer } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { corpusTemplates } from '../test/corpus/compare.js';

const templates = corpusTemplates(new URL('../test/corpus/', import.meta.url).pathname);
const renderer = createRenderer({
  templates: Object.fromEntries(templates.map((t) => [t.name, t.source])),
  fonts: dejaVuFonts(),
  deterministic: true,
  onWarning: () => {},
});
const out: Record<string, number> = {};
for (const t of templates) await renderer.pdf(t.name, {});
for (let r = 0; r < 20; r++)
  for (const t of templates) {
    const s = performance.now();
    await renderer.pdf(t.name, {});
    const d = performance.now() - s;
    out[t.name] = Math.min(out[t.name] ?? 1e9, d);
  }
console.log(JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, +v.toFixed(1)]))));
