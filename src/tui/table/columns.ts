/**
 * Column layout and row lines for the console's tables. A row is data
 * (cells of sanitised text, an optional style token each); this file fits
 * the columns to the terminal by display width (CJK takes two cells) and
 * turns a row into one preformatted line, so a table renders one `<Text>`
 * per visible row rather than a box per cell (REFERENCE.md §5 bench: half
 * the CPU).
 */
import { displayWidth, padEndCells, padStartCells, truncateCells } from '../../util/width.ts';
import type { Token } from '../theme/tokens.ts';

/** One column of a table. */
export interface Column {
  id: string;
  title: string;
  /** Narrowest useful width; below it the column is dropped. */
  min: number;
  /** Widest it grows to fit its content. */
  max: number;
  align?: 'left' | 'right';
  /**
   * Dropped first when the terminal is narrow (higher = dropped earlier);
   * above EAGER_DROP the column is an extra, dropped before others shrink.
   */
  drop?: number;
  /** Whether `s` can sort by it. */
  sortable?: boolean;
}

/** One cell: its text (already sanitised) and how to style it. */
export interface Cell {
  text: string;
  token?: Token;
}

/** One table row: a stable key, its cells in column order, and facts for filtering and sorting. */
export interface Row {
  key: string;
  cells: Cell[];
  /** Text the filter searches (lower case). */
  haystack: string;
  /** Sort values by column id; null sorts last. */
  sort: Record<string, string | number | null>;
  /** Data from a node that is not up: the whole row is greyed. */
  stale?: boolean;
}

/** A run of text with one style, for the renderer. */
export interface Segment {
  text: string;
  token?: Token;
}

/** Space between columns. */
export const GAP = 2;

/** Columns with a higher `drop` are extras: they go whole before any column is squeezed below its content. */
export const EAGER_DROP = 5;

/**
 * Display width of each cell of a row, kept with the row: rows are reused
 * while their container does not change (rows/containers.ts), so a stats
 * tick measures only the rows it rebuilt, not all 1,000.
 */
const widthsOf = new WeakMap<Row, number[]>();

function cellWidths(row: Row): number[] {
  let w = widthsOf.get(row);
  if (!w) widthsOf.set(row, (w = row.cells.map((cell) => displayWidth(cell.text))));
  return w;
}

/**
 * Widths per column (0 = left out) for `rows` in `width` cells: each column
 * takes what its content needs within [min, max]; when that overflows,
 * columns shrink towards their minimum, widest first, then the ones with
 * the highest `drop` go.
 */
export function layoutColumns(columns: readonly Column[], rows: readonly Row[], width: number): number[] {
  const natural = columns.map((c, i) => {
    let w = displayWidth(c.title);
    for (const r of rows) {
      const tw = cellWidths(r)[i] ?? 0;
      if (tw > w) w = tw;
      if (w >= c.max) break;
    }
    return Math.max(c.min, Math.min(c.max, w));
  });
  const on = columns.map(() => true);
  const order = columns.map((c, i) => ({ i, drop: c.drop ?? 0 })).filter((x) => x.drop > 0).sort((a, b) => b.drop - a.drop);
  const total = (): number => {
    const count = on.filter(Boolean).length;
    return natural.reduce((s, w, i) => s + (on[i] ? w : 0), 0) + GAP * Math.max(0, count - 1);
  };
  while (total() > width && (order[0]?.drop ?? 0) > EAGER_DROP) on[order.shift()!.i] = false;
  for (;;) {
    // Fit the columns still on, from their natural widths each time: a dropped column gives its room back.
    const want = natural.slice();
    const count = on.filter(Boolean).length;
    let over = want.reduce((s, w, i) => s + (on[i] ? w : 0), 0) + GAP * Math.max(0, count - 1) - width;
    while (over > 0) {
      let best = -1;
      for (let i = 0; i < columns.length; i++) if (on[i] && want[i]! > columns[i]!.min && (best < 0 || want[i]! > want[best]!)) best = i;
      if (best < 0) break;
      want[best]!--;
      over--;
    }
    const next = over > 0 ? order.shift() : undefined;
    if (!next) return want.map((w, i) => (on[i] ? w : 0));
    on[next.i] = false;
  }
}

/** Fits one cell's text to its width. */
function fit(text: string, width: number, align: 'left' | 'right' | undefined): string {
  const cut = truncateCells(text, width);
  return align === 'right' ? padStartCells(cut, width) : padEndCells(cut, width);
}

/** The header line for the laid-out columns. */
export function headerLine(columns: readonly Column[], widths: readonly number[], sortId: string | null, desc: boolean): string {
  const parts: string[] = [];
  columns.forEach((c, i) => {
    if (widths[i] === 0) return;
    const mark = c.id === sortId ? (desc ? '↓' : '↑') : '';
    parts.push(fit(c.title + mark, widths[i]!, c.align));
  });
  return parts.join(' '.repeat(GAP));
}

/**
 * One row as styled segments totalling exactly `total` cells (padded), with
 * neighbouring unstyled cells merged so a row is at most a few nodes.
 */
export function rowSegments(row: Row, columns: readonly Column[], widths: readonly number[], total: number): Segment[] {
  const out: Segment[] = [];
  let first = true;
  const push = (text: string, token: Token | undefined): void => {
    const last = out[out.length - 1];
    if (last && last.token === token) last.text += text;
    else out.push(token === undefined ? { text } : { text, token });
  };
  columns.forEach((c, i) => {
    const w = widths[i]!;
    if (w === 0) return;
    if (!first) push(' '.repeat(GAP), undefined);
    first = false;
    const cell = row.cells[i] ?? { text: '' };
    push(fit(cell.text, w, c.align), cell.token);
  });
  const width = out.reduce((s, seg) => s + displayWidth(seg.text), 0);
  if (width < total) push(' '.repeat(total - width), undefined);
  return out;
}
