/**
 * Console tables from the scripted CLI's list specs (cli/framework/output/
 * columns.ts), so a view and its scripted twin show the same columns with
 * the same values: `berth volumes` and the volumes view are one mapping.
 * Cells are the CLI's table cells (human units, `–` for unknown,
 * sanitised); sorting uses the raw values (bytes, counts), not the text.
 * Only the console's layout (widths, which columns go first on a narrow
 * terminal) is added here.
 */
import type { Column as ListColumn, ListSpec, Tone } from '../../cli/framework/output/columns.ts';
import { tableCell } from '../../cli/framework/output/cells.ts';
import { displayWidth } from '../../util/width.ts';
import type { Token } from '../theme/tokens.ts';
import type { Cell, Column, Row } from '../table/columns.ts';

/** The console's layout for one column, by its header (`NAME`, `IN USE`). */
export interface ColumnLayout {
  min?: number;
  max?: number;
  /** Dropped first on a narrow terminal (see table/columns.ts). */
  drop?: number;
}

const TONES: Record<Tone, Token> = { ok: 'text.ok', warn: 'text.warning', bad: 'text.error', muted: 'text.muted', accent: 'text.title' };

/** `IN USE` → `in-use`: a column's id (what `o` sorts by). */
export function columnId(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9%]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * The console columns of a list spec: every column of the spec (`-o wide`
 * ones too, dropped first when the terminal is narrow), sortable.
 */
export function listColumns<T>(spec: ListSpec<T>, layout: Readonly<Record<string, ColumnLayout>> = {}): Column[] {
  return spec.columns.map((c) => {
    const l = layout[c.header] ?? {};
    const min = l.min ?? Math.min(displayWidth(c.header), 8);
    return {
      id: columnId(c.header),
      title: c.header,
      min,
      max: Math.max(min, l.max ?? c.maxWidth ?? 40),
      sortable: true,
      ...(c.align === 'right' ? { align: 'right' as const } : {}),
      ...(l.drop !== undefined ? { drop: l.drop } : c.wide ? { drop: 6 } : {}),
    };
  });
}

function cellOf<T>(c: ListColumn<T>, item: T, now: Date): Cell {
  const { text, isNull } = tableCell(c, item, { now });
  if (isNull) return { text, token: 'text.muted' };
  const tone = c.tone?.(item);
  return tone === undefined ? { text } : { text, token: TONES[tone] };
}

/** One row per item, keyed `node/<the spec's id>`. */
export function listRow<T extends { node: string }>(spec: ListSpec<T>, item: T, now: Date): Row {
  const cells = spec.columns.map((c) => cellOf(c, item, now));
  const sort: Record<string, string | number | null> = {};
  spec.columns.forEach((c) => {
    const v = c.value(item);
    sort[columnId(c.header)] = typeof v === 'boolean' ? String(v) : v;
  });
  return {
    key: `${item.node}/${spec.id(item)}`,
    cells,
    haystack: cells.map((c) => c.text).join('\u0000').toLowerCase(),
    sort,
  };
}
