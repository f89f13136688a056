/**
 * Printing lists per CLI.md "Output". A verb gathers items and per-node
 * failures (fleet's `fanout` gives both) and calls `printList`; the mode
 * (table, wide, TSV, JSON, YAML, JSONL, name, quiet), units, unknowns,
 * colour, sanitising and the partial exit code all follow from here.
 * `openItemStream` is the same for items that arrive over time (events,
 * `stats` without `--no-stream`).
 */
import type { CliContext } from './context.ts';
import { exitCodeForFailures, reportNodeFailures, type NodeFailure } from './errors-out.ts';
import type { ListSpec } from './output/columns.ts';
import { envelope, renderJson, renderJsonLine, renderYaml } from './output/document.ts';
import { formatRow, renderTable, rowCells, visibleColumns } from './output/table.ts';
import { renderTsv, tsvHeader, tsvRow } from './output/tsv.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { displayWidth } from '../../util/width.ts';

/** What a list command gathered. */
export interface ListResult<T> {
  items: readonly T[];
  /** Per-node failures (they go to stderr and into the envelope's `errors`). */
  errors?: readonly NodeFailure[];
  /**
   * The nodes asked. With it, a node that answered with no items still
   * counts as a success (exit 1, not 5, when another node failed).
   * Without it, success means at least one item arrived.
   */
  nodes?: readonly string[];
}

/** The whole list as text for the context's output mode (no side effects). */
export function renderList<T>(ctx: Pick<CliContext, 'output' | 'now'>, spec: ListSpec<T>, result: ListResult<T>): string {
  const { mode, headers, color } = ctx.output;
  const items = result.items;
  switch (mode) {
    case 'json':
      return renderJson(envelope(spec.kind, items, result.errors ?? []));
    case 'yaml':
      return renderYaml(envelope(spec.kind, items, result.errors ?? []));
    case 'jsonl':
      return items.map(renderJsonLine).join('');
    case 'name':
      return items.map((i) => `${sanitizeInline(spec.name(i))}\n`).join('');
    case 'quiet':
      return items.map((i) => `${sanitizeInline(spec.id(i))}\n`).join('');
    case 'tsv':
      return renderTsv(visibleColumns(spec.columns, false), items, headers);
    case 'table':
    case 'wide':
      return renderTable(visibleColumns(spec.columns, mode === 'wide'), items, { headers, color, env: { now: ctx.now() } });
  }
}

/** Whether any node answered, for the exit code. */
function anySucceeded<T>(result: ListResult<T>): boolean {
  if (result.nodes === undefined) return result.items.length > 0;
  const failed = new Set((result.errors ?? []).map((e) => e.node));
  return result.nodes.some((n) => !failed.has(n));
}

/**
 * Prints a list to stdout and per-node failures to stderr, and returns the
 * exit code: 0, 1 when some nodes failed, or the failures' code when all
 * did (CLI.md "Exit codes"). `return printList(ctx, containerList, r)`.
 */
export function printList<T>(ctx: CliContext, spec: ListSpec<T>, result: ListResult<T>): number {
  const errors = result.errors ?? [];
  const succeeded = anySucceeded(result);
  // When no node answered, a table is only a header over nothing: the errors on stderr are the answer
  // (as docker prints no header when the daemon is unreachable). JSON and YAML keep their document.
  const document = ctx.output.mode === 'json' || ctx.output.mode === 'yaml';
  const text = succeeded || document || errors.length === 0 ? renderList(ctx, spec, result) : '';
  if (text !== '') ctx.stdout.write(text);
  reportNodeFailures(ctx.stderr, errors);
  return exitCodeForFailures(errors, succeeded);
}

/** A list printed as items arrive. */
export interface ItemStream<T> {
  /** Prints one item (JSON and YAML collect it for the closing document). */
  item(item: T): void;
  /** Reports a node's failure on stderr (and in the closing document). */
  error(failure: NodeFailure): void;
  /** Ends the stream; returns the exit code as printList would. */
  close(): number;
}

/**
 * Streams items in the context's mode: JSONL and TSV a line per item, name
 * and quiet a line per item, tables a row per item padded to the widest
 * cell seen so far (set `minWidth` on columns to keep rows steady). JSON
 * and YAML cannot stream, so they print one envelope on close.
 */
export function openItemStream<T>(ctx: CliContext, spec: ListSpec<T>): ItemStream<T> {
  const { mode, headers, color } = ctx.output;
  const errors: NodeFailure[] = [];
  const kept: T[] = [];
  let count = 0;
  let started = false;
  const columns = visibleColumns(spec.columns, mode === 'wide');
  const widths = columns.map((c) => Math.max(c.minWidth ?? 0, displayWidth(c.header)));
  const write = (text: string): void => {
    if (text !== '') ctx.stdout.write(text);
  };
  return {
    item(item) {
      count++;
      if (mode === 'json' || mode === 'yaml') {
        kept.push(item);
      } else if (mode === 'table' || mode === 'wide') {
        const cells = rowCells(columns, item, { now: ctx.now() });
        cells.forEach((c, i) => (widths[i] = Math.max(widths[i]!, displayWidth(c.text))));
        const head = !started && headers ? `${formatRow(columns, columns.map((c) => ({ text: c.header, tone: undefined })), widths, color, true)}\n` : '';
        write(`${head}${formatRow(columns, cells, widths, color)}\n`);
      } else if (mode === 'tsv') {
        write((started ? '' : tsvHeader(columns, headers)) + tsvRow(columns, item));
      } else {
        write(renderList(ctx, spec, { items: [item] }));
      }
      started = true;
    },
    error(failure) {
      errors.push(failure);
      reportNodeFailures(ctx.stderr, [failure]);
    },
    close() {
      if (mode === 'json' || mode === 'yaml') write(renderList(ctx, spec, { items: kept, errors }));
      return exitCodeForFailures(errors, count > 0);
    },
  };
}
