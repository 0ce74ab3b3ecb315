// The notebook display convention shared by the five packages. This file is the same in each
// `src/notebook/display.ts` (packages do not import each other at run time); a test in
// `.ci/tests/manifests.test.ts` keeps the copies identical.
//
// A `show*` function of a package's `/notebook` subpath turns a plain result into a MIME bundle
// and returns it as a `Display`:
// - on Deno's kernel, an object with a `Symbol.for('Jupyter.display')` method is shown when it is
//   the value of a cell (or is passed to `Deno.jupyter.display`), so the `Display` shows itself;
// - on tslab, which prints a cell's value as text, the `show*` call sends the bundle through
//   tslab's own display API at once (`require('tslab').display`, reached through the kernel's
//   `__tslab__` hook, so the packages need no tslab dependency);
// - anywhere else (a script, a test) nothing is sent, and the bundle can be written out.

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

/**
 * Wraps a MIME bundle as a `Display` and, on tslab, shows it at once (tslab sends one MIME type
 * per message: the richest one, the first key that is not `text/plain`).
 */
export function display(bundle: MimeBundle): Display {
  const shown = {
    bundle,
    [jupyterDisplay]: () => bundle,
    // A terminal or tslab's printout of the value: the plain text, not the object.
    [nodeInspect]: () => bundle['text/plain'],
    [denoInspect]: () => bundle['text/plain'],
  };
  Object.defineProperties(shown, {
    [jupyterDisplay]: { enumerable: false },
    [nodeInspect]: { enumerable: false },
    [denoInspect]: { enumerable: false },
  });
  const tslab = tslabDisplay();
  if (tslab !== undefined) {
    const rich = Object.keys(bundle).find((mime) => mime !== 'text/plain') ?? 'text/plain';
    tslab.raw(rich, bundle[rich] as string);
  }
  return shown;
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
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd()).join('\n');
}

/** A cell as text: numbers to at most 6 significant digits, null and undefined as empty. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}
