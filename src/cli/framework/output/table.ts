/**
 * Aligned tables for people: columns padded by display width (CJK and
 * emoji take two cells, so `.length` would misalign them), three spaces
 * between columns like docker and kubectl, no trailing spaces, colour only
 * when allowed. Pure: items in, text out.
 */
import { displayWidth, padEndCells, padStartCells } from '../../../util/width.ts';
import type { Column, HumanEnv, Tone } from './columns.ts';
import { tableCell } from './cells.ts';
import { paint } from './style.ts';

/** Space between columns. */
export const COLUMN_GAP = '   ';

/** Options for one table. */
export interface TableOptions {
  headers: boolean;
  color: boolean;
  env: HumanEnv;
}

/** A laid-out cell: its text, its tone, and where it goes. */
interface Cell {
  text: string;
  tone: Tone | undefined;
}

/** The columns a mode shows: `wide` adds the wide-only ones. */
export function visibleColumns<T>(columns: readonly Column<T>[], wide: boolean): Column<T>[] {
  return columns.filter((c) => wide || !c.wide);
}

/** Table cells of one item (exported for streamed tables). */
export function rowCells<T>(columns: readonly Column<T>[], item: T, env: HumanEnv): Cell[] {
  return columns.map((c) => {
    const { text, isNull } = tableCell(c, item, env);
    return { text, tone: isNull ? 'muted' : c.tone?.(item) };
  });
}

/** One line: cells padded to `widths`; the last left-aligned cell is not padded. */
export function formatRow<T>(columns: readonly Column<T>[], cells: readonly Cell[], widths: readonly number[], color: boolean, header = false): string {
  const last = cells.length - 1;
  const parts = cells.map((cell, i) => {
    const right = columns[i]?.align === 'right';
    const padded = right ? padStartCells(cell.text, widths[i]!) : i === last ? cell.text : padEndCells(cell.text, widths[i]!);
    if (!color) return padded;
    const tone = header ? 'header' : cell.tone;
    if (tone === undefined) return padded;
    // Colour the text only, so padding stays plain and widths stay exact.
    const pad = padded.slice(right ? 0 : cell.text.length, right ? padded.length - cell.text.length : undefined);
    return right ? pad + paint(cell.text, tone) : paint(cell.text, tone) + pad;
  });
  return parts.join(COLUMN_GAP);
}

/** Renders items as an aligned table, ending in a newline (or '' with no rows and no header). */
export function renderTable<T>(columns: readonly Column<T>[], items: readonly T[], opts: TableOptions): string {
  const header: Cell[] = columns.map((c) => ({ text: c.header, tone: undefined }));
  const rows = items.map((item) => rowCells(columns, item, opts.env));
  const all = opts.headers ? [header, ...rows] : rows;
  if (all.length === 0) return '';
  const widths = columns.map((c, i) => Math.max(c.minWidth ?? 0, ...all.map((r) => displayWidth(r[i]!.text))));
  const lines = all.map((cells, r) => formatRow(columns, cells, widths, opts.color, opts.headers && r === 0));
  return `${lines.join('\n')}\n`;
}
