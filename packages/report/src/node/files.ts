import { closeSync, type Dirent, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import {
  checkArray,
  checkOptions,
  checkString,
  isPlainObject,
  optionalBoolean,
  optionalFunction,
  optionalNumber,
  optionalSignal,
  type Progress,
  progress,
} from '../check.js';
import { abortedError, ReportError } from '../errors.js';
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
  checkString('dir', dir, false, 4_096);
  const root = resolve(dir);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      throw new ReportError(
        'template-not-found',
        'dir',
        dir,
        'a folder of templates',
        `dir is not a folder: ${root} does not exist`,
      );
    throw fsError('dir', dir, 'a folder of templates that can be read', error);
  }
  if (!stat.isDirectory())
    throw new ReportError(
      'template-not-found',
      'dir',
      dir,
      'a folder of templates',
      `dir must be a folder of templates, got the file ${root}`,
    );
  const out: Record<string, string> = {};
  let files = 0;
  let entries = 0;
  let bytes = 0;
  const walk = (d: string, depth: number) => {
    if (depth > MAX_TEMPLATE_DEPTH)
      throw new ReportError('too-large', 'dir', dir, `a folder at most ${MAX_TEMPLATE_DEPTH} levels deep (${d} is deeper)`);
    let listing: Dirent[];
    try {
      listing = readdirSync(d, { withFileTypes: true });
    } catch (error) {
      throw fsError('dir', dir, 'a folder of templates that can be read', error, d);
    }
    entries += listing.length;
    if (entries > MAX_TEMPLATE_ENTRIES)
      throw new ReportError('too-large', 'dir', dir, `a folder of at most ${MAX_TEMPLATE_ENTRIES} entries, all levels together`);
    for (const entry of listing.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        walk(p, depth + 1);
        continue;
      }
      if (!/\.(html|njk|jinja|jinja2|j2)$/.test(entry.name)) continue;
      // Only regular files (or links to them) are read: a FIFO or a device named `x.html` would block or never end.
      if (!entry.isFile() && !(entry.isSymbolicLink() && linksToFile(p))) continue;
      if (++files > MAX_TEMPLATE_FILES)
        throw new ReportError('too-large', 'dir', dir, `a folder of at most ${MAX_TEMPLATE_FILES} templates`);
      let text: string;
      try {
        const size = statSync(p).size;
        bytes += size;
        if (size > MAX_TEMPLATE_BYTES || bytes > MAX_TEMPLATES_BYTES)
          throw new ReportError(
            'too-large',
            'dir',
            dir,
            `templates of at most ${MAX_TEMPLATE_BYTES / 1e6} MB each and ${MAX_TEMPLATES_BYTES / 1e6} MB in all (${p} is ${size} bytes)`,
          );
        text = readFileSync(p, 'utf8');
      } catch (error) {
        if (error instanceof ReportError) throw error;
        throw fsError('dir', dir, 'a folder of templates that can be read', error, p);
      }
      out[relative(root, p).split(sep).join('/')] = text;
    }
  };
  walk(root, 0);
  return out;
}

/** A symbolic link to a regular file (not a dangling link, a loop, a FIFO or a folder). */
function linksToFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** How deep `readTemplates` walks, how many entries it looks at and files it reads, and how large they may be. */
const MAX_TEMPLATE_DEPTH = 32;
const MAX_TEMPLATE_ENTRIES = 100_000;
const MAX_TEMPLATE_FILES = 10_000;
const MAX_TEMPLATE_BYTES = 10_000_000;
const MAX_TEMPLATES_BYTES = 100_000_000;

/** A file-system error as a ReportError naming the argument, with the error as `cause`. */
function fsError(argument: string, value: unknown, expected: string, error: unknown, path?: string): ReportError {
  const e = error as NodeJS.ErrnoException;
  const what =
    typeof e?.code === 'string'
      ? `${e.code}${e.message ? `: ${e.message}` : ''}`
      : String((error as Error)?.message ?? 'an error');
  return new ReportError(
    'invalid-file',
    argument,
    value,
    expected,
    `${argument} could not be used${path ? ` (${path})` : ''}: ${what}`,
    {
      cause: error,
    },
  );
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
  /** Reports rendered at once (layout is synchronous; this overlaps file writes). Default 4, in [1, 64]. */
  concurrency?: number;
  /** Called after each report with `{ done, total, fraction }` (as every @ds package) and the report's `file`. */
  onProgress?: (progress: Progress & { file: string }) => void;
  /** Stops the batch between reports: the call rejects with code `'aborted'`, and no partial file is left. */
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
  const o = checkOptions<WriteReportsOptions>('options', options, true);
  const renderer = o.renderer as Renderer;
  if (
    renderer === null ||
    typeof renderer !== 'object' ||
    typeof renderer.pdfTo !== 'function' ||
    typeof renderer.html !== 'function'
  )
    throw new ReportError('invalid-type', 'renderer', renderer, 'a renderer from createRenderer');
  const reports = checkArray('reports', o.reports, MAX_REPORTS) as ReportJob[];
  const outDir = checkString('outDir', o.outDir, false, 4_096);
  const html = optionalBoolean('html', o.html, false);
  const concurrency = optionalNumber('concurrency', o.concurrency, 4, { min: 1, max: 64, integer: true });
  const onProgress = optionalFunction<(p: Progress & { file: string }) => void>('onProgress', o.onProgress);
  const signal = optionalSignal('signal', o.signal);
  const names = new Set<string>();
  reports.forEach((r, i) => {
    if (!isPlainObject(r)) throw new ReportError('invalid-type', `reports[${i}]`, r, 'a { template, data, file } object');
    checkString(`reports[${i}].template`, r.template, false, 1_000);
    if (r.data !== undefined && !isPlainObject(r.data))
      throw new ReportError('invalid-type', `reports[${i}].data`, r.data, 'an object of template variables');
    const file = checkString(`reports[${i}].file`, r.file, false, 200);
    if (/[/\\\0]|^\.\.?$/.test(file))
      throw new ReportError('out-of-range', `reports[${i}].file`, file, 'a file name without folders');
    if (names.has(file)) throw new ReportError('out-of-range', `reports[${i}].file`, file, 'unique file names');
    names.add(file);
  });
  if (signal?.aborted) throw abortedError(signal, 'writeReports');
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw fsError('outDir', outDir, 'a folder that can be created and written', error);
  }
  const files: string[] = [];
  let bytes = 0;
  let done = 0;
  let next = 0;
  let failed = false;
  const write = async (path: string, content: Uint8Array | string) => {
    const tmp = `${path}.partial`;
    try {
      await writeFile(tmp, content);
      await rename(tmp, path);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw fsError('outDir', outDir, 'a folder that can be written', error, path);
    }
    files.push(path);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  };
  const worker = async () => {
    while (next < reports.length && !failed) {
      if (signal?.aborted) throw abortedError(signal, 'writeReports');
      const at = next++;
      const job = reports[at] as ReportJob;
      const path = join(outDir, `${job.file}.pdf`);
      try {
        bytes += await writePdf(path, outDir, (write) => renderer.pdfTo(job.template, job.data ?? {}, write));
        files.push(path);
        if (html) await write(join(outDir, `${job.file}.html`), renderer.html(job.template, job.data ?? {}));
      } catch (error) {
        throw inJob(error, at);
      }
      done++;
      onProgress?.({ ...progress(done, reports.length), file: job.file });
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, reports.length) }, () =>
      worker().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  files.sort();
  return { files, bytes };
}

/** A renderer's error about its `name` or `data` arguments, named as the report's field that holds them. */
function inJob(error: unknown, at: number): unknown {
  if (!(error instanceof ReportError) || (error.argument !== 'name' && !/^data\b/.test(error.argument))) return error;
  const argument = error.argument === 'name' ? `reports[${at}].template` : `reports[${at}].${error.argument}`;
  return new ReportError(error.code, argument, error.value, error.expected, `reports[${at}]: ${error.message}`, { cause: error });
}

/** Most reports one `writeReports` call takes. */
const MAX_REPORTS = 1_000_000;

/** Writes a PDF to `path.partial` as it is rendered and renames it when complete; removes it on failure. */
async function writePdf(
  path: string,
  outDir: string,
  render: (write: (bytes: Uint8Array) => void) => Promise<number>,
): Promise<number> {
  const tmp = `${path}.partial`;
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (error) {
    throw fsError('outDir', outDir, 'a folder that can be written', error, tmp);
  }
  try {
    const n = await render((bytes) => {
      try {
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      } catch (error) {
        throw fsError('outDir', outDir, 'a folder that can be written', error, tmp);
      }
    });
    closeSync(fd);
    try {
      await rename(tmp, path);
    } catch (error) {
      throw fsError('outDir', outDir, 'a folder that can be written', error, path);
    }
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
