import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { ReportError } from '../errors.js';
import type { Renderer } from '../render-pdf.js';

/**
 * Reads every `.html`, `.njk` and `.jinja` file under a folder into the object of strings the
 * renderers take, keyed by path relative to the folder (`'partials/table.html'`), so `extends` and
 * `include` reach only files inside it.
 *
 * @example
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readTemplates } from '@ds/report/node';
 * const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
 * writeFileSync(join(dir, 'rate.html'), '<p>{{ rate }}</p>');
 * Object.keys(readTemplates(dir)); // => ['rate.html']
 */
export function readTemplates(dir: string): Record<string, string> {
  const root = resolve(dir);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(root);
  } catch {
    throw new ReportError('template-not-found', 'dir', dir, 'a folder of templates');
  }
  if (!stat.isDirectory()) throw new ReportError('template-not-found', 'dir', dir, 'a folder of templates');
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(html|njk|jinja|jinja2|j2)$/.test(entry.name))
        out[relative(root, p).split(sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** One report of a batch: the template to use, its data, and the base name of the files written. */
export interface ReportJob {
  template: string;
  data: Record<string, unknown>;
  /** File name without extension; `.pdf` (and `.html`) are added. */
  file: string;
}

/** Options of `writeReports`. */
export interface WriteReportsOptions {
  renderer: Renderer;
  reports: ReportJob[];
  outDir: string;
  /** Also write each report's HTML beside its PDF. Default `false`. */
  html?: boolean;
  /** Reports rendered at once (layout is synchronous; this overlaps file writes). Default 4. */
  concurrency?: number;
  onProgress?: (progress: { done: number; total: number; file: string }) => void;
  signal?: AbortSignal;
}

/** What `writeReports` wrote. */
export interface WriteReportsResult {
  files: string[];
  bytes: number;
}

/**
 * Renders a batch of reports into a folder. Each file is written under a temporary name and
 * renamed when complete, so a failed or aborted batch never leaves a partial file. A PDF goes to
 * its file as its pages are finished (`Renderer.pdfTo`), so a report whose long table comes from
 * `{% streamrows %}` and a generator is written in about the memory of a page.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { createRenderer } from '@ds/report';
 * import { dejaVuFonts, writeReports } from '@ds/report/node';
 * const renderer = createRenderer({ templates: { 'r.html': '<h1>{{ rate }}%</h1>' }, fonts: dejaVuFonts() });
 * const reports = [1, 2].map((rate) => ({ template: 'r.html', data: { rate }, file: `rate-${rate}` }));
 * const result = await writeReports({ renderer, reports, outDir: mkdtempSync(join(tmpdir(), 'out-')) });
 * result.files.length; // => 2
 */
export async function writeReports(options: WriteReportsOptions): Promise<WriteReportsResult> {
  const { renderer, reports, outDir } = options;
  if (!Array.isArray(reports)) throw new ReportError('invalid-type', 'reports', reports, 'an array of { template, data, file }');
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new ReportError('out-of-range', 'concurrency', concurrency, 'an integer ≥ 1');
  const names = new Set<string>();
  for (const r of reports) {
    if (typeof r?.file !== 'string' || r.file === '' || /[/\\]|^\.\.?$/.test(r.file))
      throw new ReportError('invalid-type', 'reports[].file', r?.file, 'a file name without folders');
    if (names.has(r.file)) throw new ReportError('out-of-range', 'reports[].file', r.file, 'unique file names');
    names.add(r.file);
  }
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  let done = 0;
  let next = 0;
  const write = async (path: string, content: Uint8Array | string) => {
    const tmp = `${path}.partial`;
    await writeFile(tmp, content);
    await rename(tmp, path);
    files.push(path);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  };
  const worker = async () => {
    while (next < reports.length) {
      if (options.signal?.aborted)
        throw new ReportError('aborted', 'signal', 'aborted', 'a signal not aborted', 'writeReports aborted');
      const job = reports[next++] as ReportJob;
      const path = join(outDir, `${job.file}.pdf`);
      bytes += await writePdf(path, (write) => options.renderer.pdfTo(job.template, job.data, write));
      files.push(path);
      if (options.html) await write(join(outDir, `${job.file}.html`), renderer.html(job.template, job.data));
      done++;
      options.onProgress?.({ done, total: reports.length, file: job.file });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, reports.length) }, worker));
  files.sort();
  return { files, bytes };
}

/** Writes a PDF to `path.partial` as it is rendered and renames it when complete; removes it on failure. */
async function writePdf(path: string, render: (write: (bytes: Uint8Array) => void) => Promise<number>): Promise<number> {
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w');
  try {
    const n = await render((bytes) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    });
    closeSync(fd);
    await rename(tmp, path);
    return n;
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw error;
  }
}
