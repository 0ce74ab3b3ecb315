import { ReportError } from './errors.js';
import { ROW_STREAM_TAG } from './stream-rows.js';

/**
 * Deepest nesting of elements laid out: Blink's HTML parser stops nesting at 512 too. The layout
 * recurses per level, so this bound keeps it far from the stack's end.
 */
const MAX_DEPTH = 512;

/** A `colspan` as HTML parses it: a non-negative integer, 1 when absent, invalid or 0, at most 1000. */
function colspanOf(value: string): number {
  const m = /^[\t\n\f\r ]*\+?(\d+)/.exec(value);
  const n = m ? Number(m[1]) : 1;
  return n === 0 ? 1 : Math.min(n, 1000);
}

/** A parsed element of the HTML subset. Tag and attribute names are lower case. */
export interface ElementNode {
  type: 'element';
  tag: string;
  attrs: Record<string, string>;
  children: DocumentNode[];
  /** The element this one is in (selectors match against ancestors and siblings). */
  parent?: ElementNode;
  /** Position among the parent's element children, from 0 (rows of long tables are let go). */
  index?: number;
  /** Line of the HTML the start tag is on, from 1 (warnings name it). */
  line?: number;
  /** A table whose body rows were not kept: where to parse them again (see `streamRows`). */
  streamed?: { html: string; start: number; end: number; after: number };
}

/** Text, with entities decoded. */
export interface TextNode {
  type: 'text';
  text: string;
}

/** A node of the document tree. */
export type DocumentNode = ElementNode | TextNode;

/** The document tree, the stylesheets found in `<style>` and what the parser did not support. */
export interface ParsedHtml {
  root: ElementNode;
  styles: string[];
  /** The line of the HTML each of `styles` starts on. */
  styleLines: number[];
  title?: string;
  warnings: string[];
  /** The `src` of every `<img>`, streamed table rows included. */
  images: string[];
}

/** Elements the layout understands (SVG children are checked by the SVG renderer). */
export const SUPPORTED_ELEMENTS = new Set([
  'colgroup',
  'col',
  'html',
  'head',
  'body',
  'title',
  'meta',
  'style',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'figure',
  'figcaption',
  'blockquote',
  'span',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'a',
  'small',
  'code',
  'br',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'img',
  'hr',
  'svg',
  'sub',
  'sup',
  'pre',
  'dl',
  'dt',
  'dd',
  'abbr',
  'del',
  'ins',
  's',
  'strike',
  'q',
  'cite',
  'mark',
  'kbd',
  'samp',
  'var',
  'dfn',
  'tt',
  'time',
  'label',
  'address',
  'center',
  'font',
  'big',
  'data',
  'bdi',
  'hgroup',
  'wbr',
]);

const NO_ATTRS: Record<string, string> = Object.freeze(Object.create(null));
const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'col', 'wbr', 'input', 'source', 'base']);
const CLOSES_P = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'hr',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'figure',
  'nav',
  'aside',
  'pre',
  'dl',
  'address',
  'center',
  'hgroup',
]);
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
  yen: '¥',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  middot: '·',
  bull: '•',
  shy: '\u00ad',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  minus: '−',
  permil: '‰',
  sect: '§',
  para: '¶',
};

/** Decodes character references (`&amp;`, `&#233;`, `&#xE9;`); unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return Object.hasOwn(ENTITIES, body) ? (ENTITIES[body] as string) : whole;
  });
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
// Characters of a tag name after the first: [\w:-].
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[\w:-]/.test(String.fromCharCode(c))) NAME[c] = 1;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Options of `parseHtml`. */
export interface ParseOptions {
  /**
   * Keep at most this many body rows of a table: past it, the table's body rows are dropped as
   * they are parsed and the table records where its source is (`streamed`), so layout parses them
   * again one row at a time (`streamRows`). Default: keep every row.
   */
  streamTablesAfter?: number;
}

/**
 * Parses the HTML subset a report template produces into a tree. It is forgiving as browsers are
 * for the common omissions (an unclosed `<p>`, `<li>`, `<td>` or `<tr>`), drops `<script>` with a
 * warning, and lists every element it does not support (kept as a plain container).
 */
export function parseHtml(html: string, options: ParseOptions = {}): ParsedHtml {
  const root: ElementNode = { type: 'element', tag: '#root', attrs: {}, children: [] };
  const b = new TreeBuilder(html, root, options.streamTablesAfter ?? Number.POSITIVE_INFINITY, false);
  b.run(0, html.length);
  trimChildren(root);
  return {
    root,
    styles: b.styles,
    styleLines: b.styleLines,
    ...(b.title !== undefined ? { title: b.title } : {}),
    warnings: [...b.warnings],
    images: [...b.images],
  };
}

/**
 * The body rows of a table whose rows were not kept (`streamed`), parsed again from its source one
 * at a time, in document order, each with the row group it is in (undefined for a bare `<tr>`).
 * A row is let go by the parser as soon as it is handed on.
 */
export function* streamRows(table: ElementNode): Generator<{ tr: ElementNode; group: ElementNode | undefined }> {
  const source = table.streamed;
  if (!source) return;
  const root: ElementNode = { type: 'element', tag: 'table', attrs: table.attrs, children: [] };
  if (table.parent) root.parent = table.parent;
  const b = new TreeBuilder(source.html, root, source.after, true);
  for (let pos = source.start; pos >= 0; ) {
    pos = b.step(pos, source.end);
    while (b.ready.length > 0) yield b.ready.shift() as { tr: ElementNode; group: ElementNode | undefined };
  }
  b.popTo(0, source.end);
  while (b.ready.length > 0) yield b.ready.shift() as { tr: ElementNode; group: ElementNode | undefined };
}

/**
 * Table rows from HTML that holds only rows (those of a `{% streamrows %}` block), as the body rows
 * of `table` in row group `group` (undefined for rows directly in the table). Also returns the
 * images the rows use.
 */
export function parseRows(
  html: string,
  table: ElementNode,
  group: ElementNode | undefined,
): { rows: { tr: ElementNode; group: ElementNode | undefined }[]; images: Set<string> } {
  const root: ElementNode = { type: 'element', tag: 'table', attrs: table.attrs, children: [] };
  if (table.parent) root.parent = table.parent;
  const b = new TreeBuilder(html, root, Number.POSITIVE_INFINITY, true);
  if (group) b.openGroup({ ...group, children: [], parent: root });
  b.run(0, html.length);
  return { rows: b.ready, images: b.images };
}

const ROW_GROUPS = new Set(['thead', 'tbody', 'tfoot']);

/** The tree builder behind `parseHtml` and `streamRows`. */
class TreeBuilder {
  readonly warnings = new Set<string>();
  readonly styles: string[] = [];
  readonly images = new Set<string>();
  title: string | undefined;
  /** Body rows of the root table, completed and not yet handed on (`streamRows`). */
  readonly ready: { tr: ElementNode; group: ElementNode | undefined }[] = [];
  private readonly stack: ElementNode[];
  /** Body rows seen per open table. */
  private readonly bodyRows = new Map<ElementNode, number>();
  private tokenStart = 0;
  /** Open `<svg>` elements. */
  private svgDepth = 0;
  /**
   * The stack index of a body row of a streamed table being read past (-1 if none): nothing in it
   * is kept, as layout parses it again.
   */
  private dropAt = -1;

  constructor(
    private readonly html: string,
    private readonly root: ElementNode,
    private readonly streamAfter: number,
    /** Parsing a streamed table's rows again: its stylesheets, title and warnings are known. */
    private readonly again: boolean,
  ) {
    this.stack = [root];
  }

  /** Starts inside a row group of the root table (`parseRows`). */
  openGroup(group: ElementNode): void {
    this.root.children.push(group);
    this.stack.push(group);
  }

  run(from: number, to: number): void {
    for (let pos = from; pos >= 0; ) pos = this.step(pos, to);
    this.popTo(0, to);
  }

  /**
   * Reads the text up to the next tag before `to` and the tag; returns the position after it, or
   * -1 when no tag starts before `to` (the rest is text). A start or end tag without attributes,
   * the most of a long table, is read without the regular expression.
   */
  step(pos: number, to: number): number {
    const html = this.html;
    const lt = html.indexOf('<', pos);
    if (lt < 0 || lt >= to) {
      this.text(html.slice(pos, to));
      return -1;
    }
    let i = lt + 1;
    const end = html.charCodeAt(i) === 47; // </name>
    if (end) i++;
    const first = html.charCodeAt(i) | 0x20;
    if (first >= 97 && first <= 122) {
      let j = i + 1;
      for (let c = html.charCodeAt(j); NAME[c] === 1; c = html.charCodeAt(++j));
      if (html.charCodeAt(j) === 62) {
        this.text(html.slice(pos, lt));
        this.tokenStart = lt;
        const name = html.slice(i, j);
        const tag = TAG_NAMES.get(name) ?? name.toLowerCase();
        if (end) {
          this.endTag(tag);
          return j + 1;
        }
        return this.startTag(tag, NO_ATTRS, false, j + 1);
      }
    }
    const re = this.re;
    re.lastIndex = lt;
    const m = re.exec(html);
    if (m === null) {
      // A "<" that starts no tag is text.
      this.text(html.slice(pos, lt + 1));
      return lt + 1;
    }
    this.text(html.slice(pos, lt));
    this.tokenStart = lt;
    const next = re.lastIndex;
    const token = m[0];
    if (token.startsWith('<!') || token.startsWith('<?')) {
      if (token.startsWith('<![CDATA[')) this.text(token.slice(9, -3));
      return next;
    }
    if (m[1] !== undefined) {
      this.endTag(m[1].toLowerCase());
      return next;
    }
    const lower = (m[2] as string).toLowerCase();
    // Most elements of a long table have no attributes: they share one empty, frozen object.
    let attrs: Record<string, string> = NO_ATTRS;
    if (m[3]) {
      attrs = Object.create(null);
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(m[3]); a !== null; a = ATTR.exec(m[3])) {
        const name = (a[1] as string).toLowerCase();
        const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
        attrs[name] = name === 'colspan' ? String(colspanOf(value)) : value;
      }
    }
    return this.startTag(TAG_NAMES.get(lower) ?? lower, attrs, m[4] === '/', next);
  }

  private readonly re = new RegExp(TOKEN.source, 'y');

  private top(): ElementNode {
    return this.stack[this.stack.length - 1] as ElementNode;
  }

  private inSvg(): boolean {
    return this.svgDepth > 0;
  }

  /** Pops the elements above index `i`, noting rows and tables as they end. */
  popTo(i: number, at: number): void {
    const stack = this.stack;
    for (let k = stack.length - 1; k > i; k--) {
      const el = stack[k] as ElementNode;
      if (el.tag === 'tr') this.rowEnded(el, stack[k - 1] as ElementNode, stack[k - 2]);
      else if (el.tag === 'svg') this.svgDepth--;
      else if (el.streamed && el.streamed.end < 0) el.streamed.end = at;
    }
    stack.length = i + 1;
    if (this.dropAt > i) this.dropAt = -1;
  }

  private rowEnded(tr: ElementNode, parent: ElementNode, grand: ElementNode | undefined): void {
    const inGroup = ROW_GROUPS.has(parent.tag) && grand?.tag === 'table';
    const table = parent.tag === 'table' ? parent : inGroup ? (grand as ElementNode) : undefined;
    if (!table) return;
    if (this.again && table === this.root) {
      // Every row of the streamed table is let go; body rows are handed on.
      parent.children.pop();
      if (!inGroup || parent.tag === 'tbody') this.ready.push({ tr, group: inGroup ? parent : undefined });
      return;
    }
    if (inGroup && parent.tag !== 'tbody') {
      trimChildren(tr);
      return;
    }
    const n = (this.bodyRows.get(table) ?? 0) + 1;
    this.bodyRows.set(table, n);
    if (table.streamed) return; // read past, never kept
    trimChildren(tr);
    if (n > this.streamAfter && this.tableStart.has(table)) {
      // From here on the table streams: drop the body rows kept so far, and whitespace between them.
      table.streamed = { html: this.html, start: this.tableStart.get(table) as number, end: -1, after: this.streamAfter };
      const keep = (c: DocumentNode) => c.type === 'element' && c.tag !== 'tr';
      table.children = table.children.filter(keep);
      for (const g of table.children) if (g.type === 'element' && g.tag === 'tbody') g.children = g.children.filter(keep);
    }
  }

  private readonly tableStart = new Map<ElementNode, number>();

  private closeTo(tag: string, stopAt?: Set<string>): boolean {
    const stack = this.stack;
    for (let i = stack.length - 1; i > 0; i--) {
      const t = (stack[i] as ElementNode).tag;
      if (t === tag) {
        this.popTo(i - 1, this.tokenStart);
        return true;
      }
      if (stopAt?.has(t)) return false;
    }
    return false;
  }

  text(s: string): void {
    if (s.length === 0) return;
    if (this.dropAt >= 0) return;
    const parent = this.top();
    // Text between the rows of a streamed table is not laid out: keep none of it.
    const table = ROW_GROUPS.has(parent.tag) ? this.stack[this.stack.length - 2] : parent;
    if (table?.streamed || (this.again && table === this.root)) return;
    const last = parent.children[parent.children.length - 1];
    const decoded = decodeEntities(s);
    if (last?.type === 'text') last.text += decoded;
    else parent.children.push({ type: 'text', text: decoded });
  }

  private endTag(tag: string): void {
    if (!this.closeTo(tag, tag === 'p' || tag === 'li' ? P_LI_END_STOP : undefined)) {
      if (tag === 'p') {
        const parent = this.top();
        parent.children.push({ type: 'element', tag: 'p', attrs: {}, children: [], parent, index: this.counted(parent) });
      } else if (tag !== 'br') this.warn(`end tag </${tag}> without a start tag, ignored`);
    }
  }

  /** Handles a start tag that ends at `next`; returns where parsing goes on. */
  private startTag(tag: string, attrs: Record<string, string>, selfClosing: boolean, next: number): number {
    const html = this.html;
    if (tag === 'style' || tag === 'script' || tag === 'title' || tag === 'textarea') {
      // The end tag, in any case, searched from here (not by lower-casing the whole document).
      const close = new RegExp(`</${tag}`, 'gi');
      close.lastIndex = next;
      const end = close.exec(html)?.index ?? -1;
      const body = html.slice(next, end < 0 ? html.length : end);
      const after = end < 0 ? html.length : html.indexOf('>', end) + 1;
      if (this.again) return after;
      if (tag === 'style') {
        this.styles.push(body);
        this.styleLines.push(this.lineOf(next));
      } else if (tag === 'title') {
        // The document's title, not an SVG element's tooltip.
        if (!this.inSvg() && this.title === undefined) this.title = decodeEntities(body).trim();
      } else this.warn(`unsupported element <${tag}> dropped`);
      return after;
    }
    const svg = this.inSvg() || tag === 'svg';
    if (!svg) {
      if (CLOSES_P.has(tag)) this.closeTo('p', P_STOP);
      if (tag === 'li') this.closeTo('li', LIST_STOP);
      if (tag === 'td' || tag === 'th') this.closeTo('td', CELL_STOP) || this.closeTo('th', CELL_STOP);
      if (tag === 'tr') this.closeTo('tr', ROW_STOP);
      if (ROW_GROUPS.has(tag)) {
        for (const t of ['thead', 'tbody', 'tfoot']) this.closeTo(t, TABLE_STOP);
      }
      if (!SUPPORTED_ELEMENTS.has(tag) && tag !== ROW_STREAM_TAG)
        this.warn(`unsupported element <${tag}> rendered as a plain container`);
    }
    if (tag === 'img') this.images.add(attrs.src ?? '');
    const parent = this.top();
    const node: ElementNode = { type: 'element', tag, attrs, children: [], parent, index: this.counted(parent) };
    if (!this.again && !svg) node.line = this.lineOf(this.tokenStart);
    if (tag === ROW_STREAM_TAG && !svg) return this.rowStream(node, parent, next);
    let drop = false;
    if (this.dropAt < 0) {
      if (tag === 'tr' && !svg) {
        const table = parent.tag === 'tbody' ? this.stack[this.stack.length - 2] : parent;
        drop = table?.tag === 'table' && table.streamed !== undefined;
      }
      if (!drop) parent.children.push(node);
    }
    if (!(selfClosing || (!svg && VOID.has(tag)))) {
      if (this.stack.length > MAX_DEPTH)
        throw new ReportError(
          'too-large',
          'template',
          `<${tag}> at depth ${this.stack.length}`,
          `HTML nested at most ${MAX_DEPTH} elements deep (as browsers' parsers limit it)`,
          `the HTML nests elements more than ${MAX_DEPTH} deep (<${tag}> on line ${this.lineOf(this.tokenStart)}); browsers' parsers stop nesting there too`,
        );
      if (drop) this.dropAt = this.stack.length;
      this.stack.push(node);
      if (tag === 'table' && !svg) this.tableStart.set(node, next);
      if (tag === 'svg') this.svgDepth++;
    }
    return next;
  }

  /**
   * The marker a `{% streamrows %}` block leaves (see stream-rows.ts): a body row of its table that
   * stands for all the block's rows. Anywhere but in a table or its `<tbody>` it is an error.
   */
  private rowStream(node: ElementNode, parent: ElementNode, next: number): number {
    const grand = this.stack[this.stack.length - 2];
    const table = parent.tag === 'table' ? parent : parent.tag === 'tbody' && grand?.tag === 'table' ? grand : undefined;
    if (!table) {
      throw new ReportError(
        'template-syntax',
        'template',
        `<${parent.tag === '#root' ? 'body' : parent.tag}>`,
        'a {% streamrows %} block directly inside a <table> or its <tbody>',
        `{% streamrows %} must be directly inside a <table> or its <tbody>, found inside <${parent.tag === '#root' ? 'body' : parent.tag}>`,
      );
    }
    if (this.again && table === this.root) this.ready.push({ tr: node, group: parent === table ? undefined : parent });
    else if (this.dropAt < 0) parent.children.push(node);
    return next;
  }

  readonly styleLines: number[] = [];
  private lineNo = 1;
  /** Where the next line feed not yet counted is (-1: none left). */
  private nextFeed = -2;
  /** The line `pos` is on, from 1 (positions are asked in increasing order): linear overall. */
  private lineOf(pos: number): number {
    const html = this.html;
    if (this.nextFeed === -2) this.nextFeed = html.indexOf('\n');
    while (this.nextFeed >= 0 && this.nextFeed < pos) {
      this.lineNo++;
      this.nextFeed = html.indexOf('\n', this.nextFeed + 1);
    }
    return this.lineNo;
  }

  /** Element children started in `parent` so far (before this one): its `index`. */
  private lastParent: ElementNode | undefined;
  private lastCount = 0;
  private readonly counts = new WeakMap<ElementNode, number>();
  private counted(parent: ElementNode): number {
    // Children mostly come one after another into the same parent: count there without a lookup.
    if (parent === this.lastParent) return this.lastCount++;
    if (this.lastParent) this.counts.set(this.lastParent, this.lastCount);
    this.lastParent = parent;
    this.lastCount = this.counts.get(parent) ?? 0;
    return this.lastCount++;
  }

  private warn(message: string): void {
    if (!this.again) this.warnings.add(message);
  }
}

const P_LI_END_STOP = new Set(['td', 'th', 'table', 'ul', 'ol']);
const P_STOP = new Set(['td', 'th', 'li', 'div', 'blockquote', 'table']);
const LIST_STOP = new Set(['ul', 'ol']);
const CELL_STOP = new Set(['tr', 'table']);
const ROW_STOP = new Set(['table', 'thead', 'tbody', 'tfoot']);
const TABLE_STOP = new Set(['table']);

// One string per known tag name, rather than one per element of a long table.
const TAG_NAMES = new Map([...SUPPORTED_ELEMENTS].map((t) => [t, t]));

/**
 * Arrays grown by push keep spare capacity (16 slots or more); a table cell has one child. Copying
 * each short list to an exact-size array keeps a long table's tree about a third smaller.
 */
function trimChildren(el: ElementNode): void {
  if (el.children.length < 16) el.children = el.children.slice();
  for (const c of el.children) if (c.type === 'element') trimChildren(c);
}

/** The text content of a node, as written (entities decoded). */
export function textContent(node: DocumentNode): string {
  if (node.type === 'text') return node.text;
  return node.children.map(textContent).join('');
}
