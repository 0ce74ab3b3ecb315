/**
 * What the fuzz tables found, pinned down answer by answer: the error each hostile input gets (code,
 * argument, message) or the result it now gives, so a regression shows as the exact change.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { barChart, createRenderer, formatFilters, lineChart, niceTicks, renderHtml, renderPdf } from '../src/index.js';
import { dejaVuFonts, readTemplates, writeReports } from '../src/node.js';
import { errorOf, rejection } from './errors.js';

const fonts = () => ({ 'DejaVu Sans': { regular: (dejaVuFonts()['DejaVu Sans'] as { regular: Uint8Array }).regular } });
const scratch = mkdtempSync(join(tmpdir(), 'report-bad-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('niceTicks', () => {
  it('gives a reversed range the ticks of the range in order', () => {
    expect(niceTicks(1, -1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(97, 0)).toEqual(niceTicks(0, 97));
  });

  it('refuses a range too wide for finite ticks, and counts and ends that are not numbers', () => {
    expect(errorOf(() => niceTicks(-1e308, 1e308))).toMatchObject({ code: 'out-of-range', argument: 'hi' });
    expect(errorOf(() => niceTicks(1e308, 1.7e308))).toMatchObject({ code: 'out-of-range', argument: 'hi' });
    expect(errorOf(() => niceTicks(0, 1, 1e9))).toMatchObject({ code: 'out-of-range', argument: 'count' });
    expect(errorOf(() => niceTicks(0, '5' as never))).toMatchObject({ code: 'invalid-type', argument: 'hi' });
    expect(errorOf(() => niceTicks(0, '5' as never)).message).toBe("hi must be a finite number, got '5' (a string)");
    expect(errorOf(() => niceTicks(Number.NaN, 1))).toMatchObject({ code: 'out-of-range', argument: 'lo' });
  });

  it('gives finite, increasing ticks that cover any finite range (seeded, 500 ranges)', () => {
    const end = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), fc.integer());
    fc.assert(
      fc.property(end, end, fc.integer({ min: 1, max: 50 }), (lo, hi, count) => {
        const t = niceTicks(lo, hi, count);
        const slack = 1e-9 * Math.abs(hi - lo);
        expect(t.every((v, i) => Number.isFinite(v) && (i === 0 || v > (t[i - 1] as number)))).toBe(true);
        expect(t[0] as number).toBeLessThanOrEqual(Math.min(lo, hi) + slack);
        expect(t[t.length - 1] as number).toBeGreaterThanOrEqual(Math.max(lo, hi) - slack);
        expect(t.length).toBeLessThanOrEqual(Math.ceil(count / 0.4) + 3);
      }),
      { seed: 14, numRuns: 500 },
    );
  });
});

describe('charts', () => {
  const series = [{ name: 'a', values: [1, 2] }];
  it('refuses a width of Infinity rather than writing width="Infinity"', () => {
    expect(errorOf(() => lineChart({ x: [0, 1], series, width: Number.POSITIVE_INFINITY }))).toMatchObject({
      code: 'out-of-range',
      argument: 'width',
    });
    expect(errorOf(() => lineChart({ x: [0, 1], series, height: 1e9 }))).toMatchObject({ argument: 'height' });
  });

  it('names the series, the value and the option that is wrong', () => {
    expect(errorOf(() => lineChart({ x: [0, 1, 2], series }))).toMatchObject({
      code: 'length-mismatch',
      argument: 'series[0].values',
    });
    expect(errorOf(() => barChart({ categories: ['a', 'b'], series: [{ name: 'a', values: [1, '2' as never] }] }))).toMatchObject(
      {
        code: 'invalid-type',
        argument: 'series[0].values[1]',
      },
    );
    expect(errorOf(() => lineChart({ x: [0, 1], series, colors: ['red'] }))).toMatchObject({ argument: 'colors[0]' });
    expect(errorOf(() => lineChart({ x: [0, 1], series, format: () => 1 as never }))).toMatchObject({ argument: 'format' });
    expect(errorOf(() => lineChart({ x: [0, 1], series: [{ name: 5 as never, values: [1, 2] }] }))).toMatchObject({
      argument: 'series[0].name',
    });
    expect(errorOf(() => lineChart(null as never))).toMatchObject({ code: 'invalid-type', argument: 'options' });
    expect(errorOf(() => lineChart({ x: [0, 1], series: [{ name: 'a', values: [-1e308, 1e308] }] }))).toMatchObject({
      code: 'out-of-range',
      argument: 'series',
    });
  });
});

describe('template filters and options', () => {
  it('throw ReportError naming the filter argument, and name data inside a template', () => {
    const f = formatFilters('en-US');
    expect(errorOf(() => f.number('abc'))).toMatchObject({ code: 'out-of-range', argument: 'value' });
    expect(errorOf(() => f.number(1, 500))).toMatchObject({ code: 'out-of-range', argument: 'digits' });
    expect(errorOf(() => f.currency(1, 'euro'))).toMatchObject({ code: 'too-large', argument: 'currency' });
    expect(errorOf(() => f.currency(1, 'E1R'))).toMatchObject({ code: 'out-of-range', argument: 'currency' });
    expect(errorOf(() => f.date('yesterday'))).toMatchObject({ code: 'out-of-range', argument: 'value' });
    expect(errorOf(() => f.date(0, 'longest' as never))).toMatchObject({ code: 'out-of-range', argument: 'style' });
    expect(f.number(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(errorOf(() => formatFilters('not a locale!'))).toMatchObject({ code: 'out-of-range', argument: 'locale' });
    const inTemplate = errorOf(() => renderHtml('<p>\n{{ x | number(1) }}</p>', { x: {} }, { name: 'r.html' }));
    expect(inTemplate).toMatchObject({ code: 'invalid-type', argument: 'data' });
    expect(inTemplate.message).toMatch(
      /^r\.html:2:\d+: the number filter's value must be a number or a string holding one, got \{\}$/,
    );
    expect(errorOf(() => renderHtml('{% for i in n %}{% endfor %}', { n: 3 }))).toMatchObject({ argument: 'data' });
    expect(errorOf(() => renderHtml('x', {}, { name: 5 as never }))).toMatchObject({ code: 'invalid-type', argument: 'name' });
    expect(errorOf(() => renderHtml('x', {}, { locale: 'xx_!!' }))).toMatchObject({ argument: 'locale' });
    expect(errorOf(() => renderHtml('x', {}, { syntax: Object.create(null) }))).toMatchObject({ argument: 'syntax' });
  });

  it('caps what one expression may allocate: repetition, slices, format widths and precisions', () => {
    const cases: [string, RegExp][] = [
      ['{{ ([1] * 1000000000) | length }}', /a list repeated 1000000000 times would hold 1000000000 items \(at most 10000000\)/],
      ["{{ 'x' * 100000000 }}", /a string repeated 100000000 times/],
      ['{{ [1, 2] | slice(1000000000) | list }}', /slice filter: at most 100000 slices, got 1000000000/],
      ["{{ '%.1000000000f' % 1.5 }}", /precision 1000000000 is too big in format '%\.1000000000f' \(at most 1000\)/],
      ["{{ '{:>1000000000}'.format(1) }}", /width 1000000000 is too big/],
    ];
    for (const [template, message] of cases) {
      const e = errorOf(() => renderHtml(template, {}));
      expect(e, template).toMatchObject({ code: 'too-large' });
      expect(e.message, template).toMatch(message);
    }
    // What a report needs stays as Python prints it.
    expect(renderHtml("{{ '-' * 5 }} {{ [0] * 3 }} {{ '%*d' % (5, 3) }} {{ '{:>8.3f}'.format(2.25) }}", {})).toBe(
      '----- [0, 0, 0]     3    2.250',
    );
  });

  it('refuses templates nested thousands deep with too-large, not a stack overflow', () => {
    const e = errorOf(() => renderHtml(`${'{% if true %}'.repeat(3000)}x${'{% endif %}'.repeat(3000)}`, {}));
    expect(e).toMatchObject({ code: 'too-large', argument: 'template' });
  });
});

describe('renderPdf on hostile documents', () => {
  it('refuses 5,000 nested elements with too-large, and lays out 512', async () => {
    const deep = (n: number) => `${'<div>'.repeat(n)}x${'</div>'.repeat(n)}`;
    const e = await rejection(renderPdf(deep(5_000), {}, { fonts: fonts() }));
    expect(e).toMatchObject({ code: 'too-large', argument: 'template' });
    expect(e.message).toMatch(/nests elements more than 512 deep \(<div> on line 1\)/);
    expect((await renderPdf(deep(512), {}, { fonts: fonts() })).length).toBeGreaterThan(1000);
  });

  it('refuses CSS nested thousands deep with too-large, not a stack overflow', async () => {
    const css = await rejection(
      renderPdf(`<p style="width: ${'calc('.repeat(5_000)}1px${')'.repeat(5_000)}">x</p>`, {}, { fonts: fonts() }),
    );
    expect(css).toMatchObject({ code: 'too-large', argument: 'template' });
    expect(css.cause).toBeInstanceOf(RangeError);
  });

  it('parses colspan as HTML does (at most 1000), so colspan=1e9 is a table, not a fatal error', async () => {
    const pdf = await renderPdf(
      '<table><tr><td colspan="1000000000">x</td><td colspan="2.9">y</td></tr></table>',
      {},
      { fonts: fonts() },
    );
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
  });

  it('names loadImage when it returns something else than bytes or throws, with the throw as cause', async () => {
    const offline = new TypeError('offline');
    const thrown = await rejection(
      renderPdf(
        '<img src="a.png">',
        {},
        {
          fonts: fonts(),
          loadImage: () => {
            throw offline;
          },
        },
      ),
    );
    expect(thrown).toMatchObject({ code: 'invalid-image', argument: 'loadImage', value: 'a.png', cause: offline });
    const wrong = await rejection(renderPdf('<img src="a.png">', {}, { fonts: fonts(), loadImage: () => 'bytes' as never }));
    expect(wrong).toMatchObject({ code: 'invalid-type', argument: 'loadImage' });
    expect(wrong.message).toBe("loadImage('a.png') must return the image's bytes (a Uint8Array), got 'bytes' (a string)");
  });

  it('checks metadata, header and footer before rendering', async () => {
    const bad = async (options: object) => rejection(renderPdf('x', {}, { fonts: fonts(), ...options }));
    expect(await bad({ metadata: { keywords: 'a, b' } })).toMatchObject({ argument: 'metadata.keywords' });
    expect(await bad({ metadata: { date: new Date(Number.NaN) } })).toMatchObject({ argument: 'metadata.date' });
    expect(await bad({ footer: 5 })).toMatchObject({ code: 'invalid-type', argument: 'footer' });
    expect(await bad({ page: { size: [10n, 5] } })).toMatchObject({ argument: 'page.size' });
  });

  it("a renderer's methods refuse a name that is not a string", () => {
    const renderer = createRenderer({ templates: { 'a.html': 'x' }, fonts: fonts() });
    expect(errorOf(() => renderer.html(Object.create(null), {}))).toMatchObject({ code: 'invalid-type', argument: 'name' });
    expect(errorOf(() => renderer.html('b.html', {})).message).toBe("template not found: 'b.html' (the templates are: a.html)");
  });
});

describe('@ds/report/node on hostile folders', () => {
  it('skips a FIFO named like a template instead of blocking on it', () => {
    const dir = join(scratch, 'fifo');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.html'), 'a');
    const made = spawnSync('mkfifo', [join(dir, 'b.html')]).status === 0;
    expect(readdirSync(dir).length).toBe(made ? 2 : 1);
    expect(readTemplates(dir)).toEqual({ 'a.html': 'a' });
  });

  it('says when dir is a file, and refuses a dir that is not a string', () => {
    const file = join(scratch, 'one.html');
    writeFileSync(file, 'x');
    expect(errorOf(() => readTemplates(file))).toMatchObject({ code: 'template-not-found', argument: 'dir' });
    expect(errorOf(() => readTemplates(5 as never))).toMatchObject({ code: 'invalid-type', argument: 'dir' });
  });

  it('wraps file-system errors of writeReports as invalid-file with the cause, and leaves nothing behind', async () => {
    const file = join(scratch, 'not-a-folder');
    writeFileSync(file, 'x');
    const renderer = createRenderer({ templates: { 'a.html': 'x' }, fonts: fonts() });
    const e = await rejection(writeReports({ renderer, reports: [{ template: 'a.html', data: {}, file: 'a' }], outDir: file }));
    expect(e).toMatchObject({ code: 'invalid-file', argument: 'outDir' });
    expect((e.cause as NodeJS.ErrnoException).code).toMatch(/EEXIST|ENOTDIR/);
  });

  it('names the report whose template the renderer lacks, gives progress with fraction, and aborts with the one error', async () => {
    const outDir = join(scratch, 'out');
    const renderer = createRenderer({ templates: { 'a.html': 'x' }, fonts: fonts() });
    const lacks = await rejection(
      writeReports({
        renderer,
        outDir,
        reports: [
          { template: 'a.html', data: {}, file: 'a' },
          { template: 'b.html', data: {}, file: 'b' },
        ],
        concurrency: 1,
      }),
    );
    expect(lacks).toMatchObject({ code: 'template-not-found', argument: 'reports[1].template' });
    const seen: unknown[] = [];
    await writeReports({
      renderer,
      outDir,
      reports: [{ template: 'a.html', data: {}, file: 'c' }],
      onProgress: (p) => seen.push(p),
    });
    expect(seen).toEqual([{ done: 1, total: 1, fraction: 1, file: 'c' }]);
    const reason = new Error('stop');
    const aborted = await rejection(
      writeReports({
        renderer,
        outDir,
        reports: [{ template: 'a.html', data: {}, file: 'd' }],
        signal: AbortSignal.abort(reason),
      }),
    );
    expect(aborted).toMatchObject({ code: 'aborted', argument: 'signal', cause: reason });
    expect(readdirSync(outDir).sort()).toEqual(['a.pdf', 'c.pdf']);
  });
});
