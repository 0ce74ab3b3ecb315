import { createRenderer } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { corpusTemplates } from '../test/corpus/compare.js';
export async function makeRun(dir: string) {
  const templates = corpusTemplates(dir);
  const renderer = createRenderer({
    templates: Object.fromEntries(templates.map((t) => [t.name, t.source])),
    fonts: dejaVuFonts(),
    deterministic: true,
    onWarning: () => {},
  });
  return {
    names: templates.map((t) => t.name),
    one: async (name: string) => {
      const s = performance.now();
      await renderer.pdf(name, {});
      return performance.now() - s;
    },
  };
}
