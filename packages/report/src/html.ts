/** A parsed element of the HTML subset. Tag and attribute names are lower case. */
export interface ElementNode {
  type: 'element';
  tag: string;
  attrs: Record<string, string>;
  children: DocumentNode[];
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
  title?: string;
  warnings: string[];
}

/** Elements the layout understands (SVG children are checked by the SVG renderer). */
export const SUPPORTED_ELEMENTS = new Set([
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
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/**
 * Parses the HTML subset a report template produces into a tree. It is forgiving as browsers are
 * for the common omissions (an unclosed `<p>`, `<li>`, `<td>` or `<tr>`), drops `<script>` with a
 * warning, and lists every element it does not support (kept as a plain container).
 */
export function parseHtml(html: string): ParsedHtml {
  const warnings = new Set<string>();
  const styles: string[] = [];
  let title: string | undefined;
  const root: ElementNode = { type: 'element', tag: '#root', attrs: {}, children: [] };
  const stack: ElementNode[] = [root];
  const top = () => stack[stack.length - 1] as ElementNode;
  const inSvg = () => stack.some((e) => e.tag === 'svg');
  const closeTo = (tag: string, stopAt: Set<string> = new Set()) => {
    for (let i = stack.length - 1; i > 0; i--) {
      const t = (stack[i] as ElementNode).tag;
      if (t === tag) {
        stack.length = i;
        return true;
      }
      if (stopAt.has(t)) return false;
    }
    return false;
  };
  const text = (s: string) => {
    if (s.length === 0) return;
    const parent = top();
    const last = parent.children[parent.children.length - 1];
    const decoded = decodeEntities(s);
    if (last?.type === 'text') last.text += decoded;
    else parent.children.push({ type: 'text', text: decoded });
  };

  TOKEN.lastIndex = 0;
  let pos = 0;
  for (let m = TOKEN.exec(html); m !== null; m = TOKEN.exec(html)) {
    text(html.slice(pos, m.index));
    pos = TOKEN.lastIndex;
    const token = m[0];
    if (token.startsWith('<!') || token.startsWith('<?')) {
      if (token.startsWith('<![CDATA[')) text(token.slice(9, -3));
      continue;
    }
    if (m[1] !== undefined) {
      const tag = m[1].toLowerCase();

      if (!closeTo(tag, tag === 'p' || tag === 'li' ? new Set(['td', 'th', 'table', 'ul', 'ol']) : new Set())) {
        if (tag === 'p') top().children.push({ type: 'element', tag: 'p', attrs: {}, children: [] });
        else if (tag !== 'br') warnings.add(`end tag </${tag}> without a start tag, ignored`);
      }
      continue;
    }
    const lower = (m[2] as string).toLowerCase();
    const tag = TAG_NAMES.get(lower) ?? lower;
    // Most elements of a long table have no attributes: they share one empty, frozen object.
    let attrs: Record<string, string> = NO_ATTRS;
    if (m[3]) {
      attrs = Object.create(null);
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(m[3]); a !== null; a = ATTR.exec(m[3])) {
        attrs[(a[1] as string).toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      }
    }
    if (tag === 'style' || tag === 'script' || tag === 'title' || tag === 'textarea') {
      const end = html.toLowerCase().indexOf(`</${tag}`, pos);
      const body = html.slice(pos, end < 0 ? html.length : end);
      pos = end < 0 ? html.length : html.indexOf('>', end) + 1;
      TOKEN.lastIndex = pos;
      if (tag === 'style') styles.push(body);
      else if (tag === 'title') {
        // The document's title, not an SVG element's tooltip.
        if (!inSvg() && title === undefined) title = decodeEntities(body).trim();
      } else warnings.add(`unsupported element <${tag}> dropped`);
      continue;
    }
    const svg = inSvg() || tag === 'svg';
    if (!svg) {
      if (CLOSES_P.has(tag)) closeTo('p', new Set(['td', 'th', 'li', 'div', 'blockquote', 'table']));
      if (tag === 'li') closeTo('li', new Set(['ul', 'ol']));
      if (tag === 'td' || tag === 'th') closeTo('td', new Set(['tr', 'table'])) || closeTo('th', new Set(['tr', 'table']));
      if (tag === 'tr') closeTo('tr', new Set(['table', 'thead', 'tbody', 'tfoot']));
      if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
        for (const t of ['thead', 'tbody', 'tfoot']) closeTo(t, new Set(['table']));
      }
      if (!SUPPORTED_ELEMENTS.has(tag)) warnings.add(`unsupported element <${tag}> rendered as a plain container`);
    }
    const node: ElementNode = { type: 'element', tag, attrs, children: [] };
    top().children.push(node);
    if (!(m[4] === '/' || (!svg && VOID.has(tag)))) stack.push(node);
  }
  text(html.slice(pos));
  trimChildren(root);
  return { root, styles, ...(title !== undefined ? { title } : {}), warnings: [...warnings] };
}

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
