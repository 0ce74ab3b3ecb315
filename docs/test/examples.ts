/**
 * Finds the runnable code in the docs: `@example` blocks of doc comments and the `ts` code blocks
 * of the guides, and turns every line ending in `// => value` into a check of that value.
 */

export interface Snippet {
  /** Where it came from, `packages/x/src/y.ts:12` or `docs/x.md`. */
  origin: string;
  code: string;
  /** Line in the origin file of each line of `code` (1-based), for messages. */
  lines: number[];
}

/** The `@example` blocks of every doc comment in a source file. */
export function examplesOf(file: string, source: string): Snippet[] {
  const snippets: Snippet[] = [];
  const comment = /\/\*\*([\s\S]*?)\*\//g;
  for (let m = comment.exec(source); m !== null; m = comment.exec(source)) {
    const startLine = source.slice(0, m.index).split('\n').length;
    const body = (m[1] ?? '').split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    let inside = false;
    let code: string[] = [];
    let lines: number[] = [];
    const flush = () => {
      const text = code.filter((l) => !/^```/.test(l.trim()));
      if (text.some((l) => l.trim() !== '')) {
        snippets.push({
          origin: `${file}:${lines[0]}`,
          code: text.join('\n'),
          lines: lines.filter((_, i) => !/^```/.test((code[i] ?? '').trim())),
        });
      }
      code = [];
      lines = [];
    };
    body.forEach((line, i) => {
      if (/^@example\b/.test(line.trim())) {
        if (inside) flush();
        inside = true;
        return;
      }
      if (inside && /^@\w+/.test(line.trim())) {
        flush();
        inside = false;
        return;
      }
      if (inside) {
        code.push(line);
        lines.push(startLine + i);
      }
    });
    if (inside) flush();
  }
  return snippets;
}

/** All `ts` (and `typescript`) code blocks of a Markdown guide, in order, as one snippet; `ts no-run` blocks are left out. */
export function guideCode(file: string, markdown: string): Snippet | undefined {
  const code: string[] = [];
  const lines: number[] = [];
  const all = markdown.split('\n');
  let inside = false;
  for (const [i, line] of all.entries()) {
    const fence = /^\s*```\s*([\w-]*)\s*(.*)$/.exec(line);
    if (!inside && fence && ['ts', 'typescript'].includes(fence[1] ?? '') && !/\bno-run\b/.test(fence[2] ?? '')) {
      inside = true;
      continue;
    }
    if (inside && /^\s*```\s*$/.test(line)) {
      inside = false;
      continue;
    }
    if (inside) {
      code.push(line);
      lines.push(i + 1);
    }
  }
  return code.length > 0 ? { origin: file, code: code.join('\n'), lines } : undefined;
}

/**
 * Rewrites `expr; // => value` into `await __check(() => expr, 'value', line)` and
 * `const x = expr; // => value` into the declaration followed by a check of `x`. Imports are
 * kept as they are (ESM hoists them).
 */
export function instrument(snippet: Snippet): string {
  const out: string[] = [];
  for (const [i, line] of snippet.code.split('\n').entries()) {
    const m = /^(\s*)(.*?);?\s*\/\/\s*=>\s*(.+?)\s*$/.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const [, indent, last, expected] = m;
    // A statement may start on an earlier line: take lines back until its brackets balance.
    let statement = last ?? '';
    while (balance(statement) < 0 && out.length > 0) statement = `${out.pop()}\n${statement}`;
    statement = statement.trim();
    const where = JSON.stringify(`${snippet.origin.replace(/:\d+$/, '')}:${snippet.lines[i]}`);
    const declaration = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*([\s\S]+)$/.exec(statement);
    if (declaration) {
      out.push(`${indent}${statement}; await __check(() => ${declaration[1]}, ${JSON.stringify(expected)}, ${where});`);
    } else {
      out.push(`${indent}await __check(async () => (${statement}), ${JSON.stringify(expected)}, ${where});`);
    }
  }
  return `import { check as __check } from ${JSON.stringify(new URL('./check.ts', import.meta.url).pathname)};\n${out.join('\n')}\nexport {};\n`;
}

/** Opening minus closing brackets, outside strings: negative when the text closes more than it opens. */
function balance(text: string): number {
  const code = text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
  let depth = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth;
}
