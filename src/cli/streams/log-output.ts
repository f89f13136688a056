/**
 * How log lines reach the operator. Plain: stdout lines on stdout and
 * stderr lines on stderr, as docker does, with the engine's time in front
 * under `-t`. `-o jsonl`: one `{at, node, container, stream, line}` per
 * line on stdout (`-o json|yaml`: the same items in one LogLineList). Every
 * line is stripped of terminal control sequences unless `--raw` (DESIGN.md:
 * container output is untrusted); `--raw` writes the bytes as they came.
 */
import { once } from 'node:events';
import type { LogLine } from '../../domain/types.ts';
import { sanitize } from '../../util/sanitize.ts';
import type { CliContext, OutStream } from '../framework/context.ts';
import { openItemStream, type ItemStream } from '../framework/output.ts';
import { defineList } from '../framework/output/columns.ts';

/** One log line as `-o jsonl` prints it. */
export interface LogLineItem {
  /** RFC 3339 time the engine recorded, or null when it gave none. */
  at: string | null;
  node: string;
  /** The container's name. */
  container: string;
  stream: 'stdout' | 'stderr';
  /** The text, without its line end. */
  line: string;
}

/** What the printer needs to know. */
export interface LogPrintOptions {
  node: string;
  container: string;
  /** `-t`: show each line's time. */
  timestamps: boolean;
  /** `--raw`: keep control sequences. */
  raw: boolean;
}

/** A line's text for display: sanitised unless raw. */
function lineText(line: LogLine, raw: boolean): string {
  const text = line.data.toString('utf8');
  return raw ? text : sanitize(text);
}

/** The `-o jsonl` item of a line. */
export function logItem(line: LogLine, o: Pick<LogPrintOptions, 'node' | 'container' | 'raw'>): LogLineItem {
  return { at: line.at, node: o.node, container: o.container, stream: line.stream, line: lineText(line, o.raw).replace(/\r?\n$/, '') };
}

/**
 * The bytes of a plain line: raw bytes (`--raw`) or sanitised text, with
 * `TIME ` in front under `-t`, as docker prints it.
 */
export function plainLine(line: LogLine, o: Pick<LogPrintOptions, 'timestamps' | 'raw'>): Buffer | string {
  const prefix = o.timestamps && line.at !== null ? `${line.at} ` : '';
  if (o.raw) return prefix === '' ? line.data : Buffer.concat([Buffer.from(prefix), line.data]);
  return prefix + sanitize(line.data.toString('utf8'));
}

/** The list spec for `-o json|yaml` (and tables, were they asked for). */
export const logLineList = defineList<LogLineItem>({
  kind: 'LogLine',
  columns: [
    { header: 'TIME', value: (l) => l.at },
    { header: 'STREAM', value: (l) => l.stream },
    { header: 'LINE', value: (l) => l.line },
  ],
  name: (l) => `${l.node}/${l.container}`,
  id: (l) => l.container,
});

/** Resolves once `out` can take more (or right away). A closed stream does not wait. */
export function drained(out: OutStream): Promise<void> | undefined {
  if (!out.writableNeedDrain || out.destroyed) return undefined;
  return Promise.race([once(out, 'drain'), once(out, 'close'), once(out, 'error')]).then(() => undefined);
}

/** Prints lines as they come; `close()` ends JSON/YAML documents. */
export interface LogPrinter {
  emit(line: LogLine): void | Promise<void>;
  /** Ends the output (prints the JSON/YAML document, if any). */
  close(): void;
}

/** A printer for the context's output mode. */
export function logPrinter(ctx: CliContext, o: LogPrintOptions): LogPrinter {
  const mode = ctx.output.mode;
  if (mode === 'jsonl' || mode === 'json' || mode === 'yaml') {
    const items: ItemStream<LogLineItem> = openItemStream(ctx, logLineList);
    return {
      emit(line) {
        items.item(logItem(line, o));
        return drained(ctx.stdout);
      },
      close() {
        items.close();
      },
    };
  }
  return {
    emit(line) {
      const out = line.stream === 'stderr' ? ctx.stderr : ctx.stdout;
      out.write(plainLine(line, o));
      return drained(out);
    },
    close() {},
  };
}
