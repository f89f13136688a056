/**
 * A line chart drawn with braille characters: each terminal cell is a 2×4
 * grid of dots (U+2800 plus one bit per dot), so a chart `width` cells wide
 * shows `2 × width` samples at `4 × height` levels. Pure strings, so it
 * lives inside an Ink `<Text>` (blessed-contrib's widgets cannot: they own
 * the screen; REFERENCE.md §5). Written here rather than taken from
 * drawille: thirty lines, no canvas state, exact output to test against.
 */

/** The blank braille cell; every dot is a bit added to it. */
export const BRAILLE_BASE = 0x2800;

/** Bit of the dot at [column 0..1][row 0..3 from the top] (Unicode's dot numbering 1-8). */
const DOT_BITS: readonly (readonly number[])[] = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];

/** How to scale a chart. */
export interface ChartScale {
  /** Cells across; the newest `2 × width` values are drawn, right-aligned. */
  width: number;
  /** Cells down. */
  height: number;
  /** Value drawn at the top row; larger values are clamped there. */
  max: number;
  /** Value drawn at the bottom row (default 0). */
  min?: number;
}

/**
 * The chart as `height` strings of `width` braille characters, top row
 * first. Null values are gaps; consecutive values are joined by a vertical
 * run of dots, so a jump reads as a line rather than two specks.
 */
export function brailleChart(values: readonly (number | null)[], scale: ChartScale): string[] {
  const width = Math.max(0, Math.floor(scale.width));
  const height = Math.max(0, Math.floor(scale.height));
  const cells = Array.from({ length: height }, () => new Array<number>(width).fill(0));
  const levels = height * 4;
  const min = scale.min ?? 0;
  const span = scale.max - min;
  const dots = width * 2;
  const shown = values.slice(Math.max(0, values.length - dots));
  const offset = dots - shown.length;
  const levelOf = (v: number): number => {
    const ratio = span > 0 ? (v - min) / span : 0;
    return Math.min(levels - 1, Math.max(0, Math.round(ratio * (levels - 1))));
  };
  let prev: number | null = null;
  shown.forEach((v, i) => {
    if (v === null || !Number.isFinite(v) || levels === 0) {
      prev = null;
      return;
    }
    const level = levelOf(v);
    const x = offset + i;
    const from = prev === null ? level : prev;
    const lo = Math.min(from, level);
    const hi = Math.max(from, level);
    for (let l = lo; l <= hi; l++) {
      const row = levels - 1 - l;
      const line = cells[Math.floor(row / 4)]!;
      line[Math.floor(x / 2)]! |= DOT_BITS[x % 2]![row % 4]!;
    }
    prev = level;
  });
  return cells.map((line) => line.map((bits) => String.fromCharCode(BRAILLE_BASE + bits)).join(''));
}

/** Each dot's bit and the bit of the dot mirrored top to bottom (row r ↔ row 3 − r). */
const MIRROR: readonly [number, number][] = DOT_BITS.flatMap((col) => col.map((bit, row) => [bit, col[3 - row]!] as [number, number]));

/**
 * A chart turned upside down (rows reversed, and the dots inside each cell):
 * drawn under another chart, its zero line meets the other's, so two series
 * share one time axis, one growing up and one growing down.
 */
export function flipChart(lines: readonly string[]): string[] {
  return [...lines].reverse().map((line) => [...line].map((ch) => {
    const bits = ch.charCodeAt(0) - BRAILLE_BASE;
    if (bits < 0 || bits > 0xff) return ch;
    let out = 0;
    for (const [from, to] of MIRROR) if (bits & from) out |= to;
    return String.fromCharCode(BRAILLE_BASE + out);
  }).join(''));
}
