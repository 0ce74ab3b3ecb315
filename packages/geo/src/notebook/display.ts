// The notebook display convention shared by the five packages. This file is the same in each
// `src/notebook/display.ts` (packages do not import each other at run time); a test in
// `.ci/tests/manifests.test.ts` keeps the copies identical.
//
// A `show*` function of a package's `/notebook` subpath turns a plain result into a MIME bundle
// and sends it to the notebook at once, on whichever kernel runs the code:
// - on Deno's kernel through `Deno.jupyter.display`, which reads the object's
//   `Symbol.for('Jupyter.display')` method (sent during the cell, so it cannot arrive after the
//   kernel reports the cell done, as a cell's value sometimes does on a busy machine);
// - on tslab through its own display API (`require('tslab').display`, reached through the
//   kernel's `__tslab__` hook, so the packages need no tslab dependency).
// It returns a `Display` holding the bundle. Where the bundle was sent, the `Display`'s own face
// (as the cell's value, or printed) is a one-line summary, so nothing shows twice; anywhere else
// (a script, a test, a plain Deno REPL) it is the whole bundle, and Deno shows it as a cell value.

/** What Jupyter shows: the data keyed by MIME type, `text/plain` always, binary data in base64. */
export type MimeBundle = { 'text/plain': string } & Record<string, string>;

/** A result ready to show in Jupyter: its MIME bundle, shown by Deno's kernel as a cell's value. */
export interface Display {
  /** The MIME bundle, richest type first. */
  readonly bundle: MimeBundle;
}

const jupyterDisplay = Symbol.for('Jupyter.display');
const nodeInspect = Symbol.for('nodejs.util.inspect.custom');
const denoInspect = Symbol.for('Deno.customInspect');

interface TslabDisplay {
  raw(contentType: string, data: string): void;
}

/** tslab's display, when this code runs in a tslab kernel. */
function tslabDisplay(): TslabDisplay | undefined {
  const hook = (globalThis as { __tslab__?: { require?: (id: string) => unknown } }).__tslab__;
  if (typeof hook?.require !== 'function') return undefined;
  try {
    const tslab = hook.require('tslab') as { display?: TslabDisplay };
    return typeof tslab.display?.raw === 'function' ? tslab.display : undefined;
  } catch {
    return undefined;
  }
}

interface DenoJupyter {
  display(value: unknown): unknown;
}

/** Deno's Jupyter API, when this code runs in `deno jupyter` (elsewhere, Deno's getter throws). */
function denoJupyter(): DenoJupyter | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno;
  if (deno === undefined) return undefined;
  try {
    const jupyter = deno.jupyter;
    return typeof jupyter?.display === 'function' ? jupyter : undefined;
  } catch {
    return undefined;
  }
}

/** An object that Jupyter shows as `bundle` and a terminal prints as `text`. */
function face(bundle: MimeBundle, text: string, full: MimeBundle): Display {
  const value = { bundle: full };
  Object.defineProperties(value, {
    [jupyterDisplay]: { value: () => bundle },
    [nodeInspect]: { value: () => text },
    [denoInspect]: { value: () => text },
  });
  return value;
}

/**
 * Sends a MIME bundle to the running kernel (Deno's or tslab, which takes one MIME type per
 * message: the richest, the first key that is not `text/plain`) and returns it as a `Display`
 * whose face is `summary`; outside a kernel, returns the `Display` of the whole bundle.
 */
export function display(bundle: MimeBundle, summary: string): Display {
  const deno = denoJupyter();
  if (deno !== undefined) {
    void deno.display(face(bundle, bundle['text/plain'], bundle));
    return face({ 'text/plain': summary }, summary, bundle);
  }
  const tslab = tslabDisplay();
  if (tslab !== undefined) {
    const rich = Object.keys(bundle).find((mime) => mime !== 'text/plain') ?? 'text/plain';
    tslab.raw(rich, bundle[rich] as string);
    return face({ 'text/plain': summary }, summary, bundle);
  }
  return face(bundle, bundle['text/plain'], bundle);
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A whole HTML page in a sandboxed iframe, so its styles and scripts stay inside it. */
export function iframe(html: string, height: number): string {
  return `<iframe style="width: 100%; height: ${height}px; border: 0" sandbox="allow-scripts" srcdoc="${escapeHtml(html)}"></iframe>`;
}

/** A table of rows as HTML, with the columns given, numbers right-aligned. */
export function htmlTable(columns: readonly string[], rows: readonly (readonly unknown[])[], caption?: string): string {
  const cell = (v: unknown, tag: 'td' | 'th') =>
    `<${tag}${typeof v === 'number' ? ' style="text-align: right"' : ''}>${escapeHtml(formatCell(v))}</${tag}>`;
  return [
    '<table>',
    caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${columns.map((c) => cell(c, 'th')).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((v) => cell(v, 'td')).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('');
}

/** A table of rows as aligned plain text, for `text/plain`. */
export function textTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = [columns.map(String), ...rows.map((r) => r.map(formatCell))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A cell as text: numbers to at most 6 significant digits, null and undefined as empty. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}
