import type { Browser, Page } from 'playwright-core';

/** Where Chromium put one `.box`'s floats and lines, in points from its top-left. */
export interface MeasuredBox {
  floats: { x: number; y: number; w: number; h: number }[];
  lines: { y: number; x: number; word: string }[];
}

export function openChromium(): Promise<{ browser: Browser; page: Page; version: string }>;
export function measureBoxes(page: Page, html: string): Promise<MeasuredBox[]>;
