import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FontFamilies, lineChart } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { renderWithBoxes, type TextBox } from './boxes.js';

// Checks with Debian's qpdf and poppler-utils (pdftotext, pdftoppm), which `.ci/run` installs.
const dir = mkdtempSync(join(tmpdir(), 'report-system-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = {
  fonts: dejaVuFonts(),
  deterministic: true,
  onWarning: () => {},
  footer: '<p>Page {{ page }} of {{ pages }}</p>',
};

// Debian's fonts-noto-core (which .ci/run installs): fonts for scripts DejaVu does not cover.
const noto = (file: string) => ({ regular: new Uint8Array(readFileSync(join('/usr/share/fonts/truetype/noto', file))) });

const documents: Record<
  string,
  {
    template: string;
    data: Record<string, unknown>;
    expected: string[];
    images?: Record<string, Uint8Array>;
    fonts?: () => FontFamilies;
  }
> = {
  // Scripts the font's tables shape (reordered vowel signs, conjuncts): extraction reads the
  // ActualText each shaped run carries, so the text comes back as typed.
  indic: {
    template: '<h1>ब्याज दर: हिन्दी</h1><p>प्रार्थना क्षत्रिय कि — বাংলা ভাষা ক্ষমা — 5%</p>',
    data: {},
    fonts: () => ({
      ...dejaVuFonts(),
      'Noto Sans Devanagari': noto('NotoSansDevanagari-Regular.ttf'),
      'Noto Sans Bengali': noto('NotoSansBengali-Regular.ttf'),
    }),
    expected: ['ब्याज दर: हिन्दी', 'प्रार्थना क्षत्रिय कि — বাংলা ভাষা ক্ষমা — 5%'],
  },
  // Everything a page refers to once it is written: links both ways, the outline, an image on
  // two pages, the footer; rows pulled from a generator as the pages fill.
  streamed: {
    template: `<h1 id="top">Squares</h1><p><a href="#end">To the end</a> or <a href="https://example.org/">the web</a>.</p>
<p><img src="page.png" width="40"></p>
<table><thead><tr><th>n</th><th>n²</th></tr></thead><tbody>
{% streamrows n in numbers %}<tr><td>{{ n }}</td><td>{{ n * n }}</td></tr>{% endstreamrows %}</tbody></table>
<h2 id="end">End</h2><p><img src="page.png" width="40"> <a href="#top">Back to the top</a></p>`,
    data: {
      numbers: (function* () {
        for (let n = 1; n <= 400; n++) yield n;
      })(),
    },
    images: { 'page.png': new Uint8Array(readFileSync(new URL('fixtures/page.png', import.meta.url))) },
    expected: ['Squares', 'To the end or the web.', 'n n²', '1 1', '400 160000', 'End', 'Back to the top'],
  },
  interest: {
    template: `<h1>Growth at {{ rate }}%</h1>{% for p in [100, 500, 20000, 50000] %}<h2>{{ p | currency }}</h2>
<table><thead><tr><th>Year</th><th>Balance</th></tr></thead><tbody>
{% for y in range(1, 31) %}<tr><td>{{ y }}</td><td>{{ (p * (1 + rate / 100) ** y) | currency }}</td></tr>{% endfor %}</tbody></table>{% endfor %}`,
    data: { rate: 7 },
    expected: ['Growth at 7%', '$100.00', 'Year Balance', '30 $761.23', '$50,000.00', '30 $380,612.75'],
  },
  // Right to left: Hebrew and Arabic (joined, lam-alef), in a right-to-left paragraph and mixed
  // into a left-to-right one. Extraction puts the letters back in reading order.
  rtl: {
    template: '<h1 dir="rtl">שלום עולם</h1><p dir="rtl">السلام عليكم ورحمة الله، ١٢٣ (٤٥)</p>',
    data: {},
    // (Where digits and brackets go in a right-to-left line is each reader's guess: words only.)
    expected: ['שלום עולם', 'السلام عليكم ورحمة الله'],
  },
  // (A reader orders a page by its main direction: this one reads left to right.)
  mixed: {
    template: '<p>Mixed: العربية and עברית together.</p>',
    data: {},
    expected: ['Mixed:', 'العربية', 'and', 'עברית', 'together.'],
  },
  scripts: {
    template:
      '<h1>Αναφορά — Отчёт</h1><p>Grüße aus Köln; ἀρχή; Ёжик; ½ ≤ ∞ — “quoted”.</p><p><b>Жирный</b> <i>κυρτά</i> <b><i>bold-italic</i></b></p>',
    data: {},
    expected: ['Αναφορά — Отчёт', 'Grüße aus Köln; ἀρχή; Ёжик; ½ ≤ ∞ — “quoted”.', 'Жирный κυρτά bold-italic'],
  },
  justified: {
    template: '<p style="text-align: justify">{{ text }}</p>',
    data: { text: 'Interest compounds yearly on the balance, so a small rate grows a deposit slowly at first. '.repeat(4) },
    expected: ['Interest compounds yearly on the balance, so a small rate', 'grows a deposit slowly at first.'],
  },
  rowspan: {
    template:
      '<table border="1"><tr><td rowspan="3">AVATAR To</td><td>one</td></tr><tr><td>two</td></tr><tr><td>three</td></tr><tr><td>after</td><td>four</td></tr></table>',
    data: {},
    expected: ['one', 'two', 'three', 'after'],
  },
  chart: {
    template: '<h1>Chart</h1>{{ chart | safe }}<p>After the chart.</p>',
    data: {
      chart: lineChart({
        x: [1, 2, 3, 4],
        series: [
          { name: 'a', values: [1, 3, 2, 4] },
          { name: 'b', values: [2, 2, 3, 1] },
        ],
        title: 'Two series',
      }),
    },
    expected: ['Chart', 'Two series', 'After the chart.'],
  },
};

interface Rendered {
  file: string;
  boxes: TextBox[];
  pageSize: [number, number];
}
const rendered = new Map<string, Rendered>();
async function render(name: string): Promise<Rendered> {
  let r = rendered.get(name);
  if (!r) {
    const doc = documents[name] as (typeof documents)[string];
    const out = await renderWithBoxes(doc.template, doc.data, {
      ...options,
      ...(doc.images ? { images: doc.images } : {}),
      ...(doc.fonts ? { fonts: doc.fonts() } : {}),
    });
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, out.bytes);
    r = { file, boxes: out.boxes, pageSize: out.pageSize };
    rendered.set(name, r);
  }
  return r;
}

/** Reads a binary PGM (P5) as written by pdftoppm -gray. */
function readPgm(file: string): { width: number; height: number; pixels: Uint8Array } {
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error(`not a PGM: ${file}`);
  const offset = m[0].length;
  return { width: Number(m[1]), height: Number(m[2]), pixels: new Uint8Array(bytes.subarray(offset)) };
}

describe.each(Object.keys(documents))('%s.pdf', (name) => {
  it('passes qpdf --check', async () => {
    const { file } = await render(name);
    const out = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(out).toMatch(/No syntax or stream encoding errors found/);
  });

  it('extracts with pdftotext in reading order', async () => {
    const { file } = await render(name);
    // (pdftotext marks right-to-left runs with embedding controls: dropped here.)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/[ \t]+/g, ' ');
    const doc = documents[name] as (typeof documents)[string];
    let from = 0;
    for (const piece of doc.expected) {
      const at = text.indexOf(piece, from);
      expect(at, `"${piece}" after offset ${from}`).toBeGreaterThanOrEqual(0);
      from = at + piece.length;
    }
  });

  it('shows ink in every text box when rasterised with pdftoppm', async () => {
    const { file, boxes, pageSize } = await render(name);
    const dpi = 72;
    const pages = new Set(boxes.map((b) => b.page));
    for (const page of pages) {
      const prefix = join(dir, `${name}-${page}`);
      execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
      const img = readPgm(`${prefix}.pgm`);
      const scale = img.width / pageSize[0];
      for (const b of boxes.filter((x) => x.page === page && x.text.trim() !== '')) {
        const x0 = Math.floor(b.x * scale);
        const x1 = Math.ceil((b.x + b.w) * scale);
        const y0 = Math.floor((b.y - b.size * 0.8) * scale);
        const y1 = Math.ceil((b.y + b.size * 0.25) * scale);
        let ink = 0;
        for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
          for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++)
            if ((img.pixels[y * img.width + x] as number) < 160) ink++;
        }
        // Every visible character leaves at least a pixel or two of ink at 72 dpi.
        const visible = [...b.text].filter((c) => c.trim() !== '').length;
        expect(ink, `ink for "${b.text}" on page ${page}`).toBeGreaterThanOrEqual(visible);
      }
    }
  });
});
