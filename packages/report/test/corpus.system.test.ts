import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import {
  chromiumPdf,
  corpusTemplates,
  type Gray,
  missingWords,
  pageCount,
  rasterize,
  similarity,
  words,
  writeSideBySide,
} from './corpus/compare.js';

// The corpus of report templates (test/corpus/*.j2), rendered by @ds/report and printed by
// Debian's Chromium: the same pages, every word of Chromium's text layer in ours, each page's
// 50-dpi raster alike. Side-by-side PNGs (ours left) are written to CORPUS_OUT (default a folder in
// the system's temp directory) for a person to look at.
const out = process.env.CORPUS_OUT ?? join(tmpdir(), 'ds-report-corpus');
mkdirSync(out, { recursive: true });

// Similarity below which a page is a failure: the lowest page of the corpus when this was written
// was 0.78 (different fonts: Chromium draws Helvetica and Georgia with fontconfig's Noto/DejaVu
// choices, we with DejaVu); see docs/report.md for the per-template figures.
const THRESHOLD = 0.7;

interface Result {
  name: string;
  pages: [number, number];
  missing: string[];
  similarity: number[];
  warnings: string[];
}

// CORPUS_ONLY=name,name runs those templates only (while working on one layout feature).
const only = process.env.CORPUS_ONLY?.split(',').map((n) => n.trim());
const templates = corpusTemplates().filter((t) => !only || only.includes(t.name));
const results = new Map<string, Result>();

beforeAll(async () => {
  // Chromium takes one to three seconds a document on a busy machine: two at a time.
  const queue = [...templates];
  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      const dir = join(out, t.name);
      mkdirSync(dir, { recursive: true });
      const warnings: string[] = [];
      const ours = join(dir, 'ds.pdf');
      writeFileSync(
        ours,
        await renderPdf(t.source, {}, { fonts: dejaVuFonts(), deterministic: true, onWarning: (w) => warnings.push(w) }),
      );
      const html = join(dir, 'page.html');
      writeFileSync(html, renderHtml(t.source, {}));
      const chrome = join(dir, 'chromium.pdf');
      await chromiumPdf(html, chrome, join(dir, 'profile'));
      const [a, b] = await Promise.all([rasterize(ours, join(dir, 'ds')), rasterize(chrome, join(dir, 'chromium'))]);
      const n = Math.max(a.length, b.length);
      const sims: number[] = [];
      for (let i = 0; i < n; i++) {
        writeSideBySide(join(out, `${t.name}-${i + 1}.png`), a[i] as Gray | undefined, b[i] as Gray | undefined);
        if (a[i] && b[i]) sims.push(similarity(a[i] as Gray, b[i] as Gray));
        else sims.push(0);
      }
      results.set(t.name, {
        name: t.name,
        pages: [await pageCount(ours), await pageCount(chrome)],
        missing: missingWords(await words(chrome), await words(ours)),
        similarity: sims,
        warnings,
      });
    }
  };
  await Promise.all([worker(), worker()]);
  const table = [...results.values()].map(
    (r) => `${r.name.padEnd(22)} pages ${r.pages.join('/')}  similarity ${r.similarity.map((s) => s.toFixed(3)).join(' ')}`,
  );
  console.log(`corpus vs Chromium (side-by-side PNGs in ${out}):\n${table.join('\n')}`);
}, 600_000); // 21 Chromium prints, two at a time, on a shared machine

describe('the template corpus against Chromium', () => {
  it('has at least twenty templates', () => {
    expect(corpusTemplates().length).toBeGreaterThanOrEqual(20);
  });

  for (const { name } of templates) {
    describe(name, () => {
      it('has as many pages as Chromium prints', () => {
        const r = results.get(name) as Result;
        expect(r.pages[0]).toBe(r.pages[1]);
      });

      it("keeps every word of Chromium's text layer", () => {
        expect((results.get(name) as Result).missing).toEqual([]);
      });

      it('looks like Chromium page by page (50-dpi raster similarity)', () => {
        for (const s of (results.get(name) as Result).similarity) expect(s).toBeGreaterThan(THRESHOLD);
      });

      it('writes a PDF that qpdf --check accepts', () => {
        expect(() => execFileSync('qpdf', ['--check', join(out, name, 'ds.pdf')], { stdio: 'pipe' })).not.toThrow();
      });
    });
  }
});
