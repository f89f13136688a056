/**
 * Display width: how many terminal cells text takes. CJK characters take
 * two, emoji two, combining marks none; `.length` gets all of these wrong,
 * and a table aligned by `.length` breaks on the first Japanese container
 * name. Callers pass sanitised text (no escape sequences).
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cells `text` occupies on a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` padded with spaces on the right to `width` cells. */
export function padEndCells(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : text + ' '.repeat(width - w);
}

/** `text` padded with spaces on the left to `width` cells (numbers). */
export function padStartCells(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : ' '.repeat(width - w) + text;
}

/**
 * `text` cut to at most `width` cells, ending in `…` when cut. Cuts between
 * grapheme clusters, so an emoji with a modifier or a flag is never split
 * into garbage, and a wide character that would overhang is left out.
 */
export function truncateCells(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}
