// `npm run demo`: the ten interest-rate reports ($100, $500, $20,000 and $50,000 over 30 years at
// 1% … 10%) as PDF and HTML from one template, each with a chart; a ledger of 50,000 rows pulled
// from a generator ({% streamrows %}) and written to its file as the pages fill; and a page of
// right-to-left and other scripts; and an invoice template written for Flask/Jinja2, rendered
// unchanged (Python's str.format and %, loop.cycle, namespace, groupby, dict methods); into outDir.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRenderer, lineChart } from '@ds/report';
import { dejaVuFonts, writeReports } from '@ds/report/node';

const templates = {
  'interest.html': `<style>
  h1 { font-size: 18pt } h2 { margin-top: 12pt } .note { color: #555; font-size: 8pt }
  th { background: #e8eef7; border-bottom: 1px solid #345 } td, th { padding: 2pt 6pt }
</style>
<title>Growth at {{ rate | percent(0) }}</title>
<h1>What money becomes at {{ rate | percent(0) }} a year</h1>
<p class="note">Compounded yearly; figures rounded to the cent.</p>
{{ chart | safe }}
{% for t in tables %}<h2>{{ t.principal | currency('USD', 0) }}</h2>
<table><thead><tr><th>Year</th><th>Balance</th><th>Interest that year</th></tr></thead><tbody>
{% for r in t.rows %}<tr><td>{{ r.year }}</td><td>{{ r.balance | currency }}</td><td>{{ r.interest | currency }}</td></tr>{% endfor %}
</tbody></table>{% endfor %}`,
};

function growth(rate) {
  const tables = [100, 500, 20_000, 50_000].map((principal) => ({
    principal,
    rows: Array.from({ length: 30 }, (_, i) => ({
      year: i + 1,
      balance: principal * (1 + rate) ** (i + 1),
      interest: principal * (1 + rate) ** i * rate,
    })),
  }));
  const years = Array.from({ length: 31 }, (_, i) => i);
  const chart = lineChart({
    x: years,
    series: [{ name: '$100', values: years.map((y) => 100 * (1 + rate) ** y) }],
    title: `$100 at ${Math.round(rate * 100)}% a year`,
    xLabel: 'Year',
    yLabel: 'Balance ($)',
    width: 460,
    height: 220,
  });
  return { rate, tables, chart };
}

export default async function demo({ outDir }) {
  const renderer = createRenderer({
    templates,
    fonts: dejaVuFonts(),
    footer: '<p style="text-align: center; font-size: 8pt">{{ title }} · page {{ page }} of {{ pages }}</p>',
    deterministic: true,
  });
  const reports = Array.from({ length: 10 }, (_, i) => ({
    template: 'interest.html',
    data: growth((i + 1) / 100),
    file: `interest-${i + 1}pct`,
  }));
  const started = performance.now();
  const { files, bytes } = await writeReports({ renderer, reports, outDir, html: true, concurrency: 2 });
  const ms = Math.round(performance.now() - started);
  const index = join(outDir, 'index.html');
  writeFileSync(
    index,
    `<!doctype html><meta charset="utf-8"><title>Interest-rate reports</title><ul>${reports.map((r) => `<li><a href="${r.file}.html">${r.file}</a> (<a href="${r.file}.pdf">PDF</a>)</li>`).join('')}</ul>`,
  );

  // A long table: rows made one at a time and laid out as the pages fill, never all in memory.
  const extras = createRenderer({
    templates: { 'ledger.html': ledgerTemplate, 'scripts.html': scriptsTemplate },
    fonts: dejaVuFonts(),
    footer: '<p style="text-align: right; font-size: 8pt">page {{ page }} of {{ pages }}</p>',
    deterministic: true,
  });
  const ledgerStarted = performance.now();
  const ledger = await writeReports({
    renderer: extras,
    reports: [
      { template: 'ledger.html', data: { accounts: accounts(50_000) }, file: 'ledger-50000-rows' },
      { template: 'scripts.html', data: {}, file: 'scripts' },
    ],
    outDir,
    concurrency: 1,
  });
  const ledgerMs = Math.round(performance.now() - ledgerStarted);

  // A template written for Jinja2 (Flask, WeasyPrint), as it is: it renders as Python renders it.
  const jinja = createRenderer({ templates: { 'invoice.html': invoiceTemplate }, fonts: dejaVuFonts(), deterministic: true });
  const invoiceHtml = join(outDir, 'invoice-jinja2.html');
  const invoicePdf = join(outDir, 'invoice-jinja2.pdf');
  writeFileSync(invoiceHtml, jinja.html('invoice.html', invoiceData));
  writeFileSync(invoicePdf, await jinja.pdf('invoice.html', invoiceData));
  return {
    files: [...files, index, ...ledger.files, invoiceHtml, invoicePdf],
    summary: `ten interest-rate reports (PDF + HTML), ${Math.round(bytes / 1024)} KB, rendered and written in ${ms} ms; a 50,000-row ledger streamed from a generator and a page of right-to-left scripts, ${Math.round(ledger.bytes / 1024)} KB in ${ledgerMs} ms; an invoice template written for Jinja2, rendered unchanged`,
  };
}

const ledgerTemplate = `<style>th { background: #e8eef7 } td, th { padding: 1pt 6pt }</style><title>Ledger</title>
<h1>Ledger: 50,000 accounts</h1>
<table style="width: 100%"><thead><tr><th>#</th><th>Account</th><th>Opened</th><th>Balance</th></tr></thead><tbody>
{% streamrows a in accounts %}<tr><td>{{ loop.index }}</td><td>{{ a.name }}</td><td>{{ a.opened | date }}</td><td>{{ a.balance | currency }}</td></tr>{% endstreamrows %}
</tbody></table>`;

function* accounts(n) {
  for (let i = 1; i <= n; i++) {
    yield {
      name: `Account ${String(i).padStart(5, '0')}`,
      opened: new Date(Date.UTC(2000 + (i % 25), i % 12, 1 + (i % 28))),
      balance: ((i * 7919) % 1_000_000) / 100,
    };
  }
}

const scriptsTemplate = `<title>Scripts</title><h1>One report, many scripts</h1>
<p>Latin, Ελληνικά, Русский, Հայերեն, ქართული.</p>
<h2 dir="rtl">עברית</h2><p dir="rtl">הריבית השנתית היא 5% (לפני מס).</p>
<h2 dir="rtl">العربية</h2><p dir="rtl">سعر الفائدة السنوي ٥٪ (قبل الضريبة)، والمبلغ ١٠٠ دولار.</p>
<table dir="rtl" border="1"><thead><tr><th>السنة</th><th>الرصيد</th></tr></thead><tbody><tr><td>١</td><td>$105.00</td></tr><tr><td>٢</td><td>$110.25</td></tr></tbody></table>
<h2>ߒߞߏ · ລາວ</h2><p dir="auto">ߒߞߏ ߞߊ߲</p><p>ພາສາລາວ</p>`;

// Written for Flask/Jinja2 and used unchanged: str.format with ',.2f', '%' formatting, loop.cycle,
// namespace, groupby with .grouper/.list, dict .items(), negative indexes, |sum(attribute=),
// truthiness of an empty list, {% with %}, a macro with a default.
const invoiceTemplate = `<style>
  table { width: 100% } th { background: #e8eef7; text-align: left } td, th { padding: 2pt 6pt }
  .odd { background: #f6f6f6 } .num { text-align: right } .muted { color: #666; font-size: 8pt }
</style>
{%- macro money(x, symbol='€') -%}{{ symbol }}{{ "{:,.2f}".format(x) }}{%- endmacro -%}
<title>Invoice {{ invoice.number }}</title>
<h1>Invoice {{ invoice.number }}</h1>
<p>{{ customer.name|title }} · {{ customer.city|upper }} · issued {{ invoice.date[:10] }}</p>
{% set ns = namespace(total=0, lines=0) %}
{% for group in lines|groupby('section') %}
<h2>{{ group.grouper }} ({{ group.list|length }} item{{ 's' if group.list|length != 1 else '' }})</h2>
<table><thead><tr><th>#</th><th>Item</th><th class="num">Qty</th><th class="num">Unit</th><th class="num">Amount</th></tr></thead><tbody>
{% for line in group.list %}{% set amount = line.qty * line.unit %}{% set ns.total = ns.total + amount %}{% set ns.lines = ns.lines + 1 %}
<tr class="{{ loop.cycle('odd', 'even') }}"><td>{{ loop.index }}</td><td>{{ line.item }}</td><td class="num">{{ line.qty }}</td><td class="num">{{ money(line.unit) }}</td><td class="num">{{ money(amount) }}</td></tr>
{% endfor %}</tbody></table>
{% endfor %}
{% with vat = ns.total * invoice.vat_rate %}
<p><b>Subtotal</b> {{ money(ns.total) }} · <b>VAT {{ "%.0f%%" % (invoice.vat_rate * 100) }}</b> {{ money(vat) }} · <b>Total</b> {{ money(ns.total + vat) }}</p>
{% endwith %}
<p>{{ ns.lines }} lines; {{ lines|sum(attribute='qty') }} units; largest: {{ (lines|max(attribute='unit')).item }}; last: {{ lines[-1].item }}.</p>
{% if credits %}<p>Credits applied.</p>{% else %}<p>No credits applied.</p>{% endif %}
<p class="muted">{% for key, value in invoice.terms.items() %}{{ key|capitalize }}: {{ value }}{{ '; ' if not loop.last }}{% endfor %}</p>`;

const invoiceData = {
  invoice: {
    number: 'INV-2026-0042',
    date: '2026-12-07T09:30:00Z',
    vat_rate: 0.2,
    terms: { payment: '30 days', currency: 'EUR', late_fee: '1.5% a month' },
  },
  customer: { name: 'acme analytics ltd', city: 'Lyon' },
  credits: [],
  lines: [
    { section: 'Consulting', item: 'A/B test design review', qty: 3, unit: 950 },
    { section: 'Consulting', item: 'Power analysis workshop', qty: 1, unit: 1200.5 },
    { section: 'Software', item: 'Report template licence', qty: 12, unit: 49.99 },
    { section: 'Consulting', item: 'Sample-size memo', qty: 2, unit: 425.25 },
    { section: 'Software', item: 'Dashboard hosting', qty: 6, unit: 19 },
  ],
};
