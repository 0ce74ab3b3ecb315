import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '@ds/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer, ReportError } from '../src/index.js';
import { dejaVuFonts, readTemplates, writeReports } from '../src/node.js';

/** Each page's text in reading order (lines top to bottom, items left to right). */
const pdfPageTexts = async (bytes: Uint8Array) => (await pdfText(bytes, { order: 'reading' })).split('\f');

// Every folder the tests make lives in one scratch folder, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'report-node-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('@ds/report/node', () => {
  it('reads a folder of templates, with extends and include across subfolders', () => {
    const dir = mkdtempSync(join(scratch, 'report-tpl-'));
    mkdirSync(join(dir, 'partials'));
    writeFileSync(join(dir, 'base.html'), '<h1>{% block title %}{% endblock %}</h1>{% include "partials/note.html" %}');
    writeFileSync(join(dir, 'partials', 'note.html'), '<p>note</p>');
    writeFileSync(join(dir, 'r.html'), '{% extends "base.html" %}{% block title %}{{ rate }}%{% endblock %}');
    writeFileSync(join(dir, 'ignored.txt'), 'x');
    const templates = readTemplates(dir);
    expect(Object.keys(templates)).toEqual(['base.html', 'partials/note.html', 'r.html']);
    const renderer = createRenderer({ templates, fonts: dejaVuFonts() });
    expect(renderer.html('r.html', { rate: 3 })).toBe('<h1>3%</h1><p>note</p>');
    expect(() => readTemplates(join(dir, 'missing'))).toThrow(ReportError);
  });

  it('writes a batch with progress and bounded concurrency, PDF and HTML', async () => {
    const outDir = join(mkdtempSync(join(scratch, 'report-out-')), 'nested');
    const renderer = createRenderer({
      templates: { 'r.html': '<h1>Rate {{ rate }}%</h1>' },
      fonts: dejaVuFonts(),
      deterministic: true,
    });
    const progress: number[] = [];
    const reports = Array.from({ length: 5 }, (_, i) => ({ template: 'r.html', data: { rate: i + 1 }, file: `rate-${i + 1}` }));
    const result = await writeReports({
      renderer,
      reports,
      outDir,
      html: true,
      concurrency: 2,
      onProgress: (p) => progress.push(p.done),
    });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(readdirSync(outDir).sort()).toEqual(reports.flatMap((r) => [`${r.file}.html`, `${r.file}.pdf`]).sort());
    expect((await pdfPageTexts(new Uint8Array(readFileSync(join(outDir, 'rate-3.pdf')))))[0]).toBe('Rate 3%');
    expect(result.files).toHaveLength(10);
  });

  it('leaves no partial file when a report fails, and stops when aborted', async () => {
    const outDir = mkdtempSync(join(scratch, 'report-fail-'));
    const renderer = createRenderer({ templates: { 'r.html': '<p>{{ s }}</p>' }, fonts: dejaVuFonts() });
    const reports = [
      { template: 'r.html', data: { s: 'fine' }, file: 'a' },
      { template: 'r.html', data: { s: '北' }, file: 'b' },
    ];
    await expect(writeReports({ renderer, reports, outDir, concurrency: 1 })).rejects.toThrow(/no font has/);
    expect(readdirSync(outDir)).toEqual(['a.pdf']);
    expect(existsSync(join(outDir, 'b.pdf'))).toBe(false);
    const controller = new AbortController();
    controller.abort();
    await expect(
      writeReports({
        renderer,
        reports: [reports[0] as (typeof reports)[0]],
        outDir: join(outDir, 'x'),
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'aborted' });
    await expect(
      writeReports({ renderer, reports: [{ template: 'r.html', data: {}, file: '../escape' }], outDir }),
    ).rejects.toMatchObject({ code: 'out-of-range', argument: 'reports[0].file' });
  });

  // 4,000 rows (about 80 pages, 100 KB) keep the file past pdfTo's 64 KB pieces, and the failure
  // at row 3,000 comes after the first piece reached the file; 8,000 took 5.3 s on a loaded machine
  // for no more coverage.
  it('writes a long streamed table to its file as the pages fill, and nothing when its rows fail', async () => {
    const outDir = mkdtempSync(join(scratch, 'report-stream-'));
    const template =
      '<table><thead><tr><th>n</th><th>n²</th></tr></thead><tbody>{% streamrows n in numbers %}<tr><td>{{ n }}</td><td>{{ n * n }}</td></tr>{% endstreamrows %}</tbody></table>';
    const renderer = createRenderer({ templates: { 't.html': template }, fonts: dejaVuFonts() });
    function* numbers(n: number, failAt = Number.POSITIVE_INFINITY) {
      for (let i = 1; i <= n; i++) {
        if (i === failAt) throw new Error(`row ${i}: connection lost`);
        yield i;
      }
    }
    // The rows end in an error after some pages reached the file: no file is left.
    await expect(
      writeReports({
        renderer,
        reports: [{ template: 't.html', data: { numbers: numbers(4_000, 3_000) }, file: 'bad' }],
        outDir,
      }),
    ).rejects.toThrow(/row 3000: connection lost/);
    expect(readdirSync(outDir)).toEqual([]);
    const result = await writeReports({
      renderer,
      reports: [{ template: 't.html', data: { numbers: numbers(4_000) }, file: 'squares' }],
      outDir,
    });
    expect(readdirSync(outDir)).toEqual(['squares.pdf']);
    const pdf = new Uint8Array(readFileSync(join(outDir, 'squares.pdf')));
    expect(result.bytes).toBe(pdf.length);
    const pages = await pdfPageTexts(pdf);
    expect(pages.at(-1)).toMatch(/\n4000 16000000$/);
    // The HTML as well needs rows that can be read again: a generator is read once.
    await expect(
      writeReports({
        renderer,
        reports: [{ template: 't.html', data: { numbers: numbers(3) }, file: 'twice' }],
        outDir,
        html: true,
      }),
    ).rejects.toThrow(/an earlier render already read/);
    const again = { [Symbol.iterator]: () => numbers(3) };
    await writeReports({
      renderer,
      reports: [{ template: 't.html', data: { numbers: again }, file: 'twice' }],
      outDir,
      html: true,
    });
    expect(readFileSync(join(outDir, 'twice.html'), 'utf8')).toContain('<tr><td>3</td><td>9</td></tr>');
    // Two PDFs of 3,000 and 4,000 rows and 80 pages read back by pdf.js: about 1.5 s quiet, 4.5 s
    // beside a CPU-heavy job on 2 cores.
  }, 20_000);
});
