/**
 * How a kind of item is shown as a list: its columns for tables and TSV,
 * its `-o name` and `-q` forms, and the `kind` of its JSON envelope. A verb
 * declares one `ListSpec` per kind (k9s's render/*.go, cli/cli's
 * tableprinter) and hands items to `printList`; it never formats by hand,
 * so every list in berth follows CLI.md "Output" the same way.
 */

/** A raw cell value: what TSV prints, and what a humaniser formats. */
export type CellValue = string | number | boolean | null;

/** Semantic colours for tables on a terminal; mapped to ANSI in style.ts. */
export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'accent';

/** What a human formatter may use besides the value. */
export interface HumanEnv {
  /** The context's clock, so `3m ago` is testable. */
  now: Date;
}

/**
 * How a known (non-null) raw value reads in a table: a unit from
 * util/units.ts or a function. Null never reaches it: it shows as `–`.
 */
export type Humanizer =
  | 'bytes'
  | 'rate'
  | 'percent'
  | 'ago'
  | ((value: string | number | boolean, env: HumanEnv) => string);

/** One column. */
export interface Column<T> {
  /** Upper-case header: `NAME`, `CPU %`. */
  header: string;
  /** The raw value (bytes, seconds, RFC 3339); null when unknown. */
  value: (item: T) => CellValue;
  /** Table form of a known value; the raw value as text when absent. */
  human?: Humanizer;
  /** Only with `-o wide`. */
  wide?: boolean;
  /** Numbers read better right-aligned. Default left. */
  align?: 'left' | 'right';
  /** Cut longer table cells to this many cells with `…` (commands, images). */
  maxWidth?: number;
  /** Smallest width, so streamed tables stay steady as rows arrive. */
  minWidth?: number;
  /** Tone of this cell on a terminal. */
  tone?: (item: T) => Tone | undefined;
}

/** A list's whole presentation. */
export interface ListSpec<T> {
  /** `Container` → envelope kind `ContainerList`. */
  kind: string;
  columns: readonly Column<T>[];
  /** `-o name`: `node/name`. */
  name: (item: T) => string;
  /** `-q`: the id an operator can pass back to berth. */
  id: (item: T) => string;
}

/** Declares a list spec with its item type inferred from the columns. */
export function defineList<T>(spec: ListSpec<T>): ListSpec<T> {
  return spec;
}
