import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { barChart } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { renderWithBoxes } from '../src/render-pdf.js';

// Layout golden files: the position of every text box, not bytes. Regenerate after an intended
// layout change with UPDATE_GOLDEN=1 and review the diff.
const update = process.env.UPDATE_GOLDEN === '1';
const options = { fonts: dejaVuFonts(), deterministic: true, onWarning: () => {}, syntax: 'nunjucks' as const };

const cases: Record<string, { template: string; data: Record<string, unknown>; footer?: string }> = {
  'interest-table': {
    template: `<style>.note { font-size: 8pt; color: #555 } th { border-bottom: 1px solid #000 }</style>
<h1>Growth at {{ rate | percent(1) }}</h1><p class="note">Compounded yearly.</p>
<table><thead><tr><th>Year</th><th>$100</th><th>$20,000</th></tr></thead><tbody>
{% for y in range(1, 41) %}<tr><td>{{ y }}</td><td>{{ 100 * (1 + rate) ** y | round(2) }}</td><td>{{ (20000 * (1 + rate) ** y) | currency }}</td></tr>{% endfor %}
</tbody></table>`,
    data: { rate: 0.05 },
    footer: '<p style="text-align: right">Page {{ page }} of {{ pages }}</p>',
  },
  'paragraphs-and-lists': {
    template: `<h2>Notes</h2><p>{{ text }}</p><ol start="3"><li>three <b>bold</b></li><li>four <i>italic</i> <a href="https://example.org">link</a></li></ol>
<ul><li>Ελληνικά</li><li>Русский</li></ul><blockquote style="border-left: 2pt solid #999; padding-left: 6pt">quoted</blockquote><hr>`,
    data: {
      text: 'A paragraph long enough to wrap across several lines of the page, with words of varied length such as interest, compounding and amortisation. '.repeat(
        3,
      ),
    },
  },
  justified: {
    template:
      '<p style="text-align: justify">{{ text }}</p><p style="text-align: justify; font-size: 9pt">{{ text }}<br>{{ text }}</p>',
    data: {
      text: 'Each line of a justified paragraph but its last ends at the right margin, its spaces stretched to take up the slack. '.repeat(
        2,
      ),
    },
  },
  rowspan: {
    template: `<table border="1"><thead><tr><th rowspan="2">Rate</th><th colspan="2">Balance</th></tr><tr><th>$100</th><th>$500</th></tr></thead>
<tbody><tr><td rowspan="3">5%<br>yearly</td><td>105.00</td><td>525.00</td></tr><tr><td>110.25</td><td>551.25</td></tr><tr><td>115.76</td><td>578.81</td></tr>
<tr><td>6%</td><td>106.00</td><td>530.00</td></tr></tbody></table>`,
    data: {},
  },
  'chart-and-colspan': {
    template:
      '<table border="1"><tr><td colspan="2">wide cell across both</td></tr><tr><td>a</td><td>1.5</td></tr></table>{{ chart | safe }}',
    data: { chart: barChart({ categories: ['1%', '2%'], series: [{ name: 'x', values: [1, 2] }], title: 'Bars' }) },
  },
};

describe('layout golden files', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`lays out ${name} as recorded`, async () => {
      const { boxes } = await renderWithBoxes(c.template, c.data, { ...options, ...(c.footer ? { footer: c.footer } : {}) });
      const file = new URL(`fixtures/golden/${name}.json`, import.meta.url);
      const actual = `${JSON.stringify(boxes, null, 1)}\n`;
      if (update || !existsSync(file)) writeFileSync(file, actual);
      expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
