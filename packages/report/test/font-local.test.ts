import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Draw } from '../src/layout/boxes.js';
import { dejaVuFonts, systemFonts } from '../src/node.js';
import { renderLayout } from '../src/render-pdf.js';
import { fontNames } from '../src/text/font-names.js';
import { errorOf } from './errors.js';

const all = dejaVuFonts();
const serif = all['DejaVu Serif'] as (typeof all)[string];
const sansOnly = { 'DejaVu Sans': all['DejaVu Sans'] as (typeof all)[string] };
const dataUri = (b: Uint8Array) => `data:font/ttf;base64,${Buffer.from(b).toString('base64')}`;

/** The PostScript name of the face each word is drawn in, and the warnings. */
async function faces(css: string, html: string, options: object = {}) {
  const warnings: string[] = [];
  const rendered = await renderLayout(
    `<style>${css}</style>${html}`,
    {},
    {
      fonts: all,
      deterministic: true,
      onWarning: (w) => warnings.push(w),
      ...options,
    },
  );
  const out: Record<string, string> = {};
  for (const p of rendered.pages)
    for (const { atom } of p.placed)
      for (const d of atom.draws) if (d.op === 'text') out[d.text.trim()] = (d as Extract<Draw, { op: 'text' }>).face.name;
  return { faces: out, warnings };
}

describe('the names a font gives itself', () => {
  it("reads DejaVu's family, style, full and PostScript names from the name table", () => {
    expect(fontNames(serif.bold as Uint8Array)).toEqual({
      family: 'DejaVu Serif',
      style: 'Bold',
      full: 'DejaVu Serif Bold',
      postscript: 'DejaVuSerif-Bold',
    });
    expect(fontNames(new Uint8Array([0, 1, 0, 0, 0, 200]))).toBeUndefined();
    expect(fontNames(new Uint8Array(0))).toBeUndefined();
  });
});

describe('@font-face src: local()', () => {
  it('finds registered faces by family (the rule’s weight and style), full name and PostScript name', async () => {
    const { faces: f, warnings } = await faces(
      `@font-face { font-family: Body; src: local("DejaVu Serif"), url(body.ttf) }
       @font-face { font-family: Body; font-weight: bold; src: local('DejaVu Serif') }
       @font-face { font-family: Title; src: local(DejaVu Serif Bold Italic) }
       @font-face { font-family: Note; src: local("DejaVuSansMono-Oblique") }
       .b { font-family: Body } .t { font-family: Title } .n { font-family: Note }`,
      '<p class="b">plain <b>strong</b></p><p class="t">title</p><p class="n">note</p>',
    );
    expect(f).toMatchObject({
      plain: expect.stringMatching(/DejaVuSerif$/),
      strong: expect.stringMatching(/DejaVuSerif-Bold$/),
      title: expect.stringMatching(/DejaVuSerif-BoldItalic$/),
      note: expect.stringMatching(/DejaVuSansMono-Oblique$/),
    });
    expect(warnings).toEqual([]);
  });

  it('falls through to the next src entry, as browsers do, and warns only when none loads', async () => {
    const asked: string[] = [];
    const { faces: f, warnings } = await faces(
      `@font-face { font-family: Brand; src: local("Brand Sans"), local(BrandSans-Regular), url("${dataUri(serif.italic as Uint8Array)}") }
       @font-face { font-family: Gone; src: local("Gone Sans"), url(gone.woff2) format("woff2") }
       .b { font-family: Brand } .g { font-family: Gone, sans-serif }`,
      '<p class="b">brand</p><p class="g">gone</p>',
      { fonts: sansOnly, localFont: (name: string) => void asked.push(name) },
    );
    expect(f.brand).toMatch(/DejaVuSerif-Italic$/);
    expect(f.gone).toMatch(/DejaVuSans$/);
    expect(asked).toEqual(['Brand Sans', 'BrandSans-Regular', 'Gone Sans']);
    expect(warnings).toEqual([
      '@font-face "Gone" not loaded: local("Gone Sans") (no font of that name); gone.woff2 (WOFF is not read: give a .ttf or .otf); the family falls back (line 2)',
    ]);
  });

  it('asks options.localFont for a name the registered fonts lack, and warns what it answered', async () => {
    const { faces: f, warnings } = await faces(
      `@font-face { font-family: A; src: local("Corporate Serif") }
       @font-face { font-family: B; src: local("Thrower") }
       @font-face { font-family: C; src: local("Texty") }
       .a { font-family: A } .b { font-family: B, sans-serif } .c { font-family: C, sans-serif }`,
      '<p class="a">aa</p><p class="b">bb</p><p class="c">cc</p>',
      {
        fonts: sansOnly,
        localFont: (name: string) => {
          if (name === 'Thrower') throw new Error('no access');
          if (name === 'Texty') return 'bytes' as never;
          return serif.bold;
        },
      },
    );
    expect(f.aa).toMatch(/DejaVuSerif-Bold$/);
    expect(warnings).toEqual([
      '@font-face "B" not loaded: local("Thrower") (options.localFont failed: no access); the family falls back (line 2)',
      '@font-face "C" not loaded: local("Texty") (options.localFont gave no bytes); the family falls back (line 3)',
    ]);
  });

  it('says so when there is no options.localFont to look further', async () => {
    const { warnings } = await faces(
      `@font-face { font-family: A; src: local("Nowhere") } p { font-family: A, serif }`,
      '<p>x</p>',
    );
    expect(warnings).toEqual([
      '@font-face "A" not loaded: local("Nowhere") (no font of that name registered; options.localFont can look further); the family falls back (line 1)',
    ]);
  });

  it('refuses a localFont that is not a function, typed', async () => {
    const { renderPdf } = await import('../src/index.js');
    const e = await renderPdf('<p>x</p>', {}, { fonts: sansOnly, localFont: 'fonts' as never }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'invalid-type', argument: 'localFont' });
  });
});

describe('systemFonts', () => {
  const require = createRequire(import.meta.url);
  const ttf = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const dir = mkdtempSync(join(tmpdir(), 'ds-fonts-'));
  mkdirSync(join(dir, 'sub'));
  copyFileSync(join(ttf, 'DejaVuSerif-Bold.ttf'), join(dir, 'sub', 'a.ttf'));
  copyFileSync(join(ttf, 'DejaVuSerif.ttf'), join(dir, 'b.ttf'));
  writeFileSync(join(dir, 'junk.otf'), 'not a font');

  it('finds fonts in the folders by full name, PostScript name (any case) and family (its regular face)', () => {
    const find = systemFonts({ dirs: [dir, join(dir, 'missing')] });
    expect(fontNames(find('DejaVu Serif Bold') as Uint8Array)?.postscript).toBe('DejaVuSerif-Bold');
    expect(fontNames(find('dejavuserif-bold') as Uint8Array)?.postscript).toBe('DejaVuSerif-Bold');
    expect(fontNames(find('DejaVu  Serif') as Uint8Array)?.postscript).toBe('DejaVuSerif');
    expect(find('not a font')).toBeUndefined();
    expect(find('DejaVu Sans')).toBeUndefined();
  });

  it('serves renderPdf as options.localFont', async () => {
    const { faces: f, warnings } = await faces(
      `@font-face { font-family: Head; src: local("DejaVuSerif-Bold") } h1 { font-family: Head }`,
      '<h1>head</h1>',
      { fonts: sansOnly, localFont: systemFonts({ dirs: [dir] }) },
    );
    expect(f.head).toMatch(/DejaVuSerif-Bold$/);
    expect(warnings).toEqual([]);
  });

  it('checks its options and the name, typed', () => {
    expect(errorOf(() => systemFonts(null as never))).toMatchObject({ code: 'invalid-type', argument: 'options' });
    expect(errorOf(() => systemFonts({ dirs: '/usr' as never }))).toMatchObject({ code: 'invalid-type', argument: 'dirs' });
    expect(errorOf(() => systemFonts({ dirs: [3 as never] }))).toMatchObject({ code: 'invalid-type', argument: 'dirs[0]' });
    expect(errorOf(() => systemFonts({ dirs: [dir] })(0.5 as never))).toMatchObject({ code: 'invalid-type', argument: 'name' });
  });
});
