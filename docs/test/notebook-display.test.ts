// The notebook display convention of the five packages' `/notebook` subpaths, on each kernel,
// with the kernels' APIs stood in for: Deno's `Deno.jupyter.display` reads the value's
// `Symbol.for('Jupyter.display')` method; tslab's display takes one MIME type per message. Outside
// a kernel nothing is sent. (The real kernels run the notebooks in .ci/tests/notebooks.integration.test.ts.)
import { joinCheck } from '@ds/geo';
import { showJoinCheck, showMap, showSvgMap } from '@ds/geo/notebook';
import { renderPdf } from '@ds/report';
import { dejaVuFonts } from '@ds/report/node';
import { showHtml, showPdf } from '@ds/report/notebook';
import { sampleSizeCurve } from '@ds/sample-size';
import { showBoundaries, showCurve } from '@ds/sample-size/notebook';
import { showDiff } from '@ds/testkit/notebook';
import { rankUnderrated } from '@ds/turi';
import { showRanking } from '@ds/turi/notebook';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const jupyter = Symbol.for('Jupyter.display');
type Shown = { bundle: Record<string, string> } & Record<symbol, () => Record<string, string>>;

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__tslab__;
  delete (globalThis as { Deno?: unknown }).Deno;
});

function onDeno<T>(show: () => T): { sent: Record<string, string>[]; value: T } {
  const sent: Record<string, string>[] = [];
  const deno = { jupyter: { display: (v: Shown) => sent.push(v[jupyter]?.() as Record<string, string>) } };
  Object.defineProperty(globalThis, 'Deno', { value: deno, configurable: true, writable: true });
  return { sent, value: show() };
}

function onTslab<T>(show: () => T): { sent: [string, string][]; value: T } {
  const sent: [string, string][] = [];
  const raw = (mime: string, data: string) => sent.push([mime, data]);
  (globalThis as Record<string, unknown>).__tslab__ = {
    require: (id: string) => (id === 'tslab' ? { display: { raw } } : undefined),
  };
  return { sent, value: show() };
}

const face = (value: unknown) => (value as Shown)[jupyter]?.();
const curve = sampleSizeCurve({ vary: 'difference', values: [0.02, 0.05, 0.1], p1: 0.5 });
const square = (x: number, name: string) => ({
  type: 'Feature' as const,
  properties: { name },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, 0],
        [x + 1, 0],
        [x + 1, 1],
        [x, 1],
        [x, 0],
      ],
    ],
  },
});
const areas = { type: 'FeatureCollection' as const, features: [square(0, 'A'), square(1, 'B')] };
const point = (x: number, area: string) => ({
  type: 'Feature' as const,
  properties: { area },
  geometry: { type: 'Point' as const, coordinates: [x, 0.5] },
});
const trees = { type: 'FeatureCollection' as const, features: [point(0.5, 'A'), point(1.5, 'A')] };

// One of each package's views, and the MIME type it must show.
const views: [string, string, () => unknown][] = [
  ['showCurve', 'image/svg+xml', () => showCurve(curve)],
  ['showBoundaries', 'image/svg+xml', () => showBoundaries({ informationRates: [0.5, 1], criticalValues: [2.797, 1.977] })],
  ['showRanking', 'text/html', () => showRanking(rankUnderrated([{ id: 'a', followersCount: 3, tweetCount: 2, influence: 10 }]))],
  ['showJoinCheck', 'text/html', () => showJoinCheck(joinCheck(trees, areas, { claimed: 'area', label: 'name' }))],
  ['showMap', 'text/html', () => showMap({ layers: [{ type: 'circles', name: 'Trees', data: trees }] })],
  [
    'showSvgMap',
    'image/svg+xml',
    () => showSvgMap({ layers: [{ type: 'features', name: 'Areas', data: areas }], width: 200, height: 100 }),
  ],
  ['showHtml', 'text/html', () => showHtml('<h1>Q3</h1>')],
  ['showDiff', 'text/html', () => showDiff([1, 2], [1, 2.5])],
];

describe.each(views)('%s', (_name, mime, show) => {
  it(`outside a kernel, returns the bundle (${mime} first, then text/plain) and sends nothing`, () => {
    const shown = show() as Shown;
    expect(Object.keys(shown.bundle)).toEqual([mime, 'text/plain']);
    expect(face(shown)).toBe(shown.bundle);
  });

  it('on Deno, sends the whole bundle through Deno.jupyter.display at the call; the value is a one-line summary', () => {
    const { sent, value } = onDeno(show);
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0] ?? {})).toEqual([mime, 'text/plain']);
    expect(Object.keys(face(value) ?? {})).toEqual(['text/plain']);
    expect(face(value)?.['text/plain']).not.toContain('\n');
    expect((value as Shown).bundle).toEqual(sent[0]);
  });

  it(`on tslab, sends ${mime} through tslab's display at the call`, () => {
    const { sent, value } = onTslab(show);
    expect(sent.map(([m]) => m)).toEqual([mime]);
    expect(sent[0]?.[1]).toBe((value as Shown).bundle[mime]);
  });
});

describe('a report page as an image', () => {
  let pdf: Uint8Array;
  // Cold: the fonts are parsed and pdf.js and @napi-rs/canvas imported once, which takes seconds
  // on a busy machine; the tests after it are warm.
  beforeAll(async () => {
    pdf = await renderPdf('<h1>Hello</h1>', {}, { fonts: dejaVuFonts(), deterministic: true });
    await showPdf(pdf, { scale: 0.1 });
  }, 60_000);

  it('is a PNG of the page at the scale asked for', async () => {
    const shown = (await showPdf(pdf, { scale: 0.5 })) as unknown as Shown;
    expect(Object.keys(shown.bundle)).toEqual(['image/png', 'text/plain']);
    const png = Buffer.from(shown.bundle['image/png'] as string, 'base64');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, big-endian, at bytes 16 and 20. A4 is 595.28 × 841.89 pt.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([298, 421]);
  });

  it('refuses what is not a PDF, a page it does not have and a scale out of range, with typed errors', async () => {
    await expect(showPdf(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({
      name: 'ReportError',
      code: 'invalid-type',
      argument: 'pdf',
    });
    await expect(showPdf('%PDF-' as never)).rejects.toMatchObject({
      code: 'invalid-type',
      message: "pdf must be the bytes of a PDF (a Uint8Array), got '%PDF-' (a string)",
    });
    await expect(showPdf(pdf, { page: 2 })).rejects.toMatchObject({
      code: 'out-of-range',
      argument: 'page',
      expected: 'a page of the PDF, 1 to 1',
    });
    await expect(showPdf(pdf, { scale: 0 })).rejects.toMatchObject({ code: 'out-of-range', argument: 'scale' });
    await expect(showPdf(pdf, { scale: '2' as never })).rejects.toMatchObject({ code: 'out-of-range', argument: 'scale' });
    await expect(showPdf(pdf, null as never)).rejects.toMatchObject({ code: 'invalid-type', argument: 'options' });
  });
});

describe('bad input is a typed error of the package', () => {
  it.each([
    ['showCurve(null)', () => showCurve(null as never), 'SampleSizeError', 'curve'],
    [
      'showCurve with a NaN',
      () => showCurve({ ...curve, values: [0.02, Number.NaN, 0.1] }),
      'SampleSizeError',
      'curve.values[1]',
    ],
    ['showCurve width as a string', () => showCurve(curve, { width: '600' as never }), 'SampleSizeError', 'width'],
    [
      'showBoundaries of unequal lengths',
      () => showBoundaries({ informationRates: [0.5, 1], criticalValues: [2] }),
      'SampleSizeError',
      'design.criticalValues',
    ],
    ['showRanking of an object', () => showRanking({} as never), 'TuriError', 'rows'],
    ['showRanking limit 0', () => showRanking([], { limit: 0 }), 'TuriError', 'limit'],
    ['showMap height in em', () => showMap({ layers: [], height: '20em' }), 'GeoError', 'height'],
    ['showSvgMap(undefined)', () => showSvgMap(undefined as never), 'GeoError', 'options'],
    ['showJoinCheck of a collection', () => showJoinCheck(areas as never), 'GeoError', 'check'],
    ['showHtml of bytes', () => showHtml(new Uint8Array(2) as never), 'ReportError', 'html'],
    ['showDiff of strings', () => showDiff('1' as never, [1]), 'TestkitError', 'actual'],
    ['showDiff of different shapes', () => showDiff([1, 2], [1]), 'TestkitError', 'actual'],
    ['showDiff rows against numbers', () => showDiff([{ a: 1 }], [1]), 'TestkitError', 'expected'],
  ])('%s', (_name, call, errorName, argument) => {
    expect(call).toThrow(expect.objectContaining({ name: errorName, argument }));
  });
});

describe('what the views show', () => {
  it('a diff lists the elements that are not close, worst first, with the tolerance they missed', () => {
    const text = showDiff([1, 2.1, 3.5], [1, 2, 3], { atol: 0.05 }).bundle['text/plain'];
    expect(text.split('\n')).toEqual([
      'Not close (rtol=1e-7, atol=0.05): 2 of 3 elements',
      'element  actual  expected  |actual − expected|  allowed',
      '[2]      3.5     3         0.5                  0.0500003',
      '[1]      2.1     2         0.1                  0.0500002',
    ]);
  });

  it('a table escapes what it shows', () => {
    const rows = rankUnderrated([{ id: '<b>x</b>', followersCount: 3, tweetCount: 2, influence: 10 }]);
    expect(showRanking(rows).bundle['text/html']).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('a map in an iframe keeps the page whole in srcdoc, escaped, with no script fetched', () => {
    const html = showMap({ layers: [{ type: 'circles', name: 'Trees "quoted"', data: trees }] }).bundle['text/html'];
    expect(html).toMatch(/^<iframe [^>]*srcdoc="&lt;!doctype html&gt;/i);
    expect(html).not.toContain('<script');
  });
});
