// The document information dictionary (title, author, dates …) written into the PDF's trailer.

import type { PDFContext } from 'pdf-lib';
import { date, RawObject, textString } from '../pdf/raw.js';
import type { RenderPdfOptions } from './options.js';

/** Writes `/Info`: the title (options' or the HTML `<title>`), `options.metadata`, and the dates (fixed in deterministic mode). */
export function writeMetadata(context: PDFContext, options: RenderPdfOptions, title: string | undefined): void {
  const m = options.metadata ?? {};
  const when = date(m.date ?? (options.deterministic ? new Date('2000-01-01T00:00:00Z') : new Date()));
  let info = '<<';
  if (title) info += `/Title ${textString(title)} `;
  if (m.author) info += `/Author ${textString(m.author)} `;
  if (m.subject) info += `/Subject ${textString(m.subject)} `;
  if (m.keywords) info += `/Keywords ${textString(m.keywords.join(' '))} `;
  info += `/Creator ${textString(m.creator ?? '@ds/report')} /Producer ${textString('@ds/report (pdf-lib)')}`;
  context.trailerInfo.Info = context.register(new RawObject(`${info} /CreationDate ${when} /ModDate ${when}>>`));
}
