/**
 * A minimal, valid PDF with one line of Helvetica text per page (or several lines: `\n` in a
 * page's text starts a new line 14 pt lower). The xref offsets are computed, so pdf.js reads it
 * without repairing it. Text must be ASCII without parentheses or backslashes.
 */
export function makePdf(pages: string[]): Uint8Array {
  return makePdfFromStreams(
    pages.map(
      (text) =>
        `BT /F1 12 Tf ${text
          .split('\n')
          .map((line, j) => `1 0 0 1 72 ${720 - 14 * j} Tm (${line}) Tj`)
          .join(' ')} ET`,
    ),
  );
}

/** A PDF whose pages draw the given content streams, with Helvetica as /F1. */
export function makePdfFromStreams(streams: string[]): Uint8Array {
  const pages = streams;
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>'];
  const kids = pages.map((_, i) => `${3 + 2 * i} 0 R`).join(' ');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  const font = 3 + 2 * pages.length;
  pages.forEach((stream, i) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${4 + 2 * i} 0 R >>`,
    );
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
