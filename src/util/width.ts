/**
 * Display width: how many terminal cells text takes. CJK characters take
 * two, emoji two, combining marks none; `.length` gets all of these wrong,
 * and a table aligned by `.length` breaks on the first Japanese container
 * name. Callers pass sanitised text (no escape sequences).
 */
type WidthFn = (text: string) => number;

/**
 * string-width costs ~40 ms to import (its emoji regex), a third of a
 * scripted command's budget, so it is loaded only by output that aligns
 * columns (`loadDisplayWidth()`, called by runCli for tables and by the
 * console). Printable ASCII never needs it.
 */
let stringWidth: WidthFn | null = null;

/** Loads the full display-width rules; call before aligning non-ASCII text. */
export async function loadDisplayWidth(): Promise<void> {
  stringWidth ??= (await import('string-width')).default;
}

/**
 * Text whose every character is one cell and one UTF-16 unit: ASCII plus
 * the symbols tables are made of (Latin-1 and spacing modifiers but the
 * soft hyphen, dashes and bullets, arrows, box drawing and blocks of the
 * sparklines, braille of the charts). string-width agrees on each (checked
 * code point by code point); skipping it here took the console's column
 * layout over 1,000 rows from most of a frame's CPU to a few per cent.
 */
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u259f\u2800-\u28ff]*$/;

/**
 * The width of `text` when every character is narrow by the NARROW rule
 * once SGR colour sequences are left out (Ink's lines carry them), else
 * undefined: the caller asks string-width. Other escape sequences and
 * control characters always go to string-width.
 */
export function narrowWidth(text: string): number | undefined {
  if (NARROW.test(text)) return text.length;
  if (!text.includes('\x1b')) return undefined;
  const plain = text.replace(SGR, '');
  return NARROW.test(plain) ? plain.length : undefined;
}

/** Select Graphic Rendition (colour and style) sequences: CSI parameters ending in `m`. */
const SGR = new RegExp(String.raw`\u001b\[[0-9;:]*m`, 'g');

/** Rough width when string-width is not loaded: wide East Asian ranges count two. */
function roughWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp < 0x370) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    const wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Built on first use: constructing a Segmenter loads ICU data (~10 ms of start-up). */
let segmenter: Intl.Segmenter | null = null;

/** Cells `text` occupies on a terminal. */
export function displayWidth(text: string): number {
  return narrowWidth(text) ?? (stringWidth ? stringWidth(text) : roughWidth(text));
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
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of segmenter.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}
