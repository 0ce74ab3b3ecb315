/** A line of text on a page: its text, and its baseline start in PDF points (y up). */
export interface TextLine {
  text: string;
  x: number;
  y: number;
}

export function textLines(items: { str: string; x: number; y: number; width: number }[]): TextLine[];
