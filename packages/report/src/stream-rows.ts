// `{% streamrows row in rows %}<tr>…</tr>{% endstreamrows %}`: table rows that reach the PDF one at
// a time. The block renders to HTML like a `for` loop; rendered to PDF, the template's output holds
// a marker in the block's place and the layout pulls the rows from the iterable as it fills pages,
// so a table of any length takes about the memory of one page (with a generator as the source).
import nunjucks from 'nunjucks';
import { ReportError } from './errors.js';
import { TemplateFault } from './template/runtime.js';

/** The rows of one `{% streamrows %}` block, handed to the PDF layout one at a time. */
export interface RowStream {
  /** The HTML of the next row (the block's body rendered for it); undefined after the last. */
  next(): string | undefined;
}

/** The element that stands in the template's output for a block whose rows stream. */
export const ROW_STREAM_TAG = 'ds-rows';

/** Where the blocks of the render in progress go; undefined: render them in place (HTML). */
let collecting: { streams: RowStream[]; wrap: (error: unknown) => Error } | undefined;

/**
 * Runs a (synchronous) template render whose `{% streamrows %}` blocks are not rendered but
 * collected into `streams`, each leaving `<ds-rows data-stream="i"/>` in the output. `wrap`
 * turns an error from a row rendered later, during layout, into a typed one.
 */
export function collectRowStreams<T>(streams: RowStream[], wrap: (error: unknown) => Error, render: () => T): T {
  const before = collecting;
  collecting = { streams, wrap };
  try {
    return render();
  } finally {
    collecting = before;
  }
}

type Body = () => string;
interface TemplateContext {
  ctx: Record<string, unknown>;
}

/**
 * The typed error a block threw last: nunjucks passes errors from an extension on as plain ones
 * (with the message only), so `renderWith` takes the typed one back from here.
 */
let thrown: ReportError | undefined;

/** The typed error a `{% streamrows %}` block threw during the render that just failed, once. */
export function takeThrown(): ReportError | undefined {
  const e = thrown;
  thrown = undefined;
  return e;
}

function fail(error: ReportError): never {
  thrown = error;
  throw error;
}

/**
 * An error from a row's body rendered during layout, outside nunjucks' render: its line and
 * column, which nunjucks would have put into the message, go into the message.
 */
function located(error: unknown): unknown {
  if (error instanceof TemplateFault) return error;
  const e = error as { lineno?: unknown; colno?: unknown; message?: unknown };
  if (typeof e?.lineno === 'number' && typeof e.message === 'string' && !/\[Line \d+/.test(e.message))
    return new Error(`[Line ${e.lineno}, Column ${typeof e.colno === 'number' ? e.colno : 0}] ${e.message}`);
  return error;
}

/** The nunjucks extension behind `{% streamrows %}` (added to every environment of this package). */
export class StreamRowsExtension implements nunjucks.Extension {
  tags = ['streamrows'];

  // biome-ignore lint/suspicious/noExplicitAny: nunjucks' parser API is untyped
  parse(parser: any, nodes: any): unknown {
    const tag = parser.nextToken();
    const name = parser.parsePrimary();
    if (!(name instanceof nodes.Symbol))
      parser.fail('streamrows: expected a variable name, as in {% streamrows row in rows %}', tag.lineno, tag.colno);
    if (!parser.skipSymbol('in'))
      parser.fail('streamrows: expected "in", as in {% streamrows row in rows %}', tag.lineno, tag.colno);
    const source = parser.parseExpression();
    parser.advanceAfterBlockEnd(tag.value);
    const body = parser.parseUntilBlocks('endstreamrows');
    parser.advanceAfterBlockEnd();
    const args = new nodes.NodeList(tag.lineno, tag.colno, [new nodes.Literal(tag.lineno, tag.colno, name.value), source]);
    return new nodes.CallExtension(this, 'run', args, [body]);
  }

  run(context: TemplateContext, name: string, source: unknown, body: Body): nunjucks.runtime.SafeString {
    const rows = iteratorOf(name, source);
    let index = 0;
    // The body reads the row (and `loop`) from the context, set for its call only.
    const renderRow = (row: unknown): string => {
      const vars = context.ctx;
      const saved = [vars[name], vars.loop] as const;
      const had = [Object.hasOwn(vars, name), Object.hasOwn(vars, 'loop')] as const;
      vars[name] = row;
      vars.loop = { index: index + 1, index0: index, first: index === 0 };
      index++;
      try {
        return body();
      } finally {
        if (had[0]) vars[name] = saved[0];
        else delete vars[name];
        if (had[1]) vars.loop = saved[1];
        else delete vars.loop;
      }
    };
    if (collecting === undefined) {
      let html = '';
      for (let r = rows.next(); !r.done; r = rows.next()) html += renderRow(r.value);
      return new nunjucks.runtime.SafeString(html);
    }
    const { streams, wrap } = collecting;
    let done = false;
    streams.push({
      next() {
        if (done) return undefined;
        try {
          const r = rows.next();
          if (r.done) {
            done = true;
            return undefined;
          }
          return renderRow(r.value);
        } catch (error) {
          done = true;
          throw wrap(located(error));
        }
      },
    });
    return new nunjucks.runtime.SafeString(`<${ROW_STREAM_TAG} data-stream="${streams.length - 1}"/>`);
  }
}

/** Iterators that are their own iterable (a generator) and were read by a block already. */
const readOnce = new WeakSet<object>();

/** The rows of a block: any synchronous iterable (an array, a generator, a database cursor's iterator). */
function iteratorOf(name: string, source: unknown): Iterator<unknown> {
  if (source === undefined || source === null) return [][Symbol.iterator](); // as `for` over nothing
  const iterable = source as Partial<Iterable<unknown> & AsyncIterable<unknown>>;
  if (typeof iterable[Symbol.iterator] === 'function') {
    const iterator = (iterable as Iterable<unknown>)[Symbol.iterator]();
    if (iterator === source) {
      // A generator gives its rows once: a second render (the HTML after the PDF) would get none.
      if (readOnce.has(iterator)) {
        fail(
          new ReportError(
            'invalid-type',
            `{% streamrows ${name} in … %}`,
            'an iterator read by an earlier render',
            'rows that can be read again for a second render, e.g. { [Symbol.iterator]: () => rows() }',
            `{% streamrows ${name} in … %} got an iterator (a generator?) that an earlier render already read: pass an iterable that starts over, e.g. { [Symbol.iterator]: () => rows() }, to render it twice (HTML and PDF)`,
          ),
        );
      }
      readOnce.add(iterator);
    }
    return iterator;
  }
  const what = typeof iterable[Symbol.asyncIterator] === 'function' ? 'an async iterable' : typeof source;
  fail(
    new ReportError(
      'invalid-type',
      `{% streamrows ${name} in … %}`,
      what,
      'an array or a synchronous iterable (a generator, better-sqlite3’s iterate())',
      `{% streamrows ${name} in … %} needs an array or a synchronous iterable (a generator, better-sqlite3’s iterate()), got ${what}`,
    ),
  );
}

/** Rows read ahead to size a streamed table's columns (with its header and footer rows). */
export const MEASURED_ROWS = 200;
/** Rows parsed together during layout: one parse per batch rather than per row. */
const BATCH_ROWS = 64;

/**
 * A block's rows as the table layout reads them: its first rows twice (to size the columns, then
 * to lay them out), every other row once, as the pages fill, in batches of HTML.
 */
export class PulledRows {
  private first: string[] = [];
  private ended = false;
  private laidOut = false;

  constructor(private readonly stream: RowStream) {}

  private pull(): string | undefined {
    if (this.ended) return undefined;
    const html = this.stream.next();
    if (html === undefined) this.ended = true;
    return html;
  }

  private readFirst(): void {
    while (this.first.length < MEASURED_ROWS) {
      const html = this.pull();
      if (html === undefined) return;
      this.first.push(html);
    }
  }

  /** The first rows, for sizing the columns. */
  *measured(): Generator<string> {
    this.readFirst();
    for (let i = 0; i < this.first.length; i += BATCH_ROWS) yield this.first.slice(i, i + BATCH_ROWS).join('');
  }

  /** Every row, once: the first rows, then the rest as they are pulled. */
  *all(): Generator<string> {
    if (this.laidOut) throw new Error('{% streamrows %}: a block’s rows can be laid out once');
    this.laidOut = true;
    this.readFirst();
    const first = this.first;
    this.first = [];
    for (let i = 0; i < first.length; i += BATCH_ROWS) yield first.slice(i, i + BATCH_ROWS).join('');
    for (;;) {
      let batch = '';
      let n = 0;
      for (let html = this.pull(); html !== undefined; html = n < BATCH_ROWS ? this.pull() : undefined) {
        batch += html;
        n++;
      }
      if (n === 0) return;
      yield batch;
    }
  }
}

const pulled = new WeakMap<RowStream, PulledRows>();

/** The rows of the block a `<ds-rows data-stream="i">` marker stands for. */
export function pulledRows(index: string | undefined, streams: RowStream[] | undefined): PulledRows {
  const stream = index !== undefined && /^\d+$/.test(index) ? streams?.[Number(index)] : undefined;
  if (!stream) {
    throw new ReportError(
      'template-syntax',
      'template',
      `<${ROW_STREAM_TAG}>`,
      'rows from a {% streamrows %} block',
      `<${ROW_STREAM_TAG}> is the marker of a {% streamrows %} block and cannot be written by hand`,
    );
  }
  let rows = pulled.get(stream);
  if (!rows) {
    rows = new PulledRows(stream);
    pulled.set(stream, rows);
  }
  return rows;
}
