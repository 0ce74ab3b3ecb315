// Text lines of a PDF page from pdf.js text items: shared by scripts/chromium-boxes.mjs (the
// reference) and test/chromium-boxes.test.ts (ours), so both sides are read the same way.

/**
 * Text items on one baseline joined into lines (pdf.js splits at ligatures and font changes), top
 * to bottom; items more than 10 pt apart on a baseline (two margin boxes) are separate lines.
 */
export function textLines(items) {
  const rows = new Map();
  for (const it of items) {
    if (it.str.trim() === '') continue;
    const y = Math.round(it.y * 100) / 100;
    rows.set(y, [...(rows.get(y) ?? []), it]);
  }
  const out = [];
  for (const [y, row] of [...rows].sort((a, b) => b[0] - a[0])) {
    row.sort((a, b) => a.x - b.x);
    let line;
    for (const it of row) {
      if (!line || it.x > line.end + 10) {
        line = { text: '', x: Math.round(it.x * 100) / 100, y, end: it.x };
        out.push(line);
      }
      line.text += it.str;
      line.end = it.x + it.width;
    }
  }
  return out.map(({ text, x, y }) => ({ text: text.replace(/\s+/g, ' ').trim(), x, y }));
}
