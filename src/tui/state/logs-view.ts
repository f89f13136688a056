/**
 * Which screen rows the logs pane shows: from the top line (or, when
 * following, the last screenful), each line cut to the width or wrapped
 * over several rows, by display width and never inside a grapheme.
 */
import { displayWidth, truncateCells } from '../../util/width.ts';
import type { LogEntry, LogsState } from './logs.ts';

/** One screen row of the pane. */
export interface LogRow {
  /** Index of the log line it belongs to. */
  line: number;
  /** Timestamp prefix (first row of a line only, when timestamps are on). */
  prefix: string;
  text: string;
  stream: LogEntry['stream'];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` cut into pieces of at most `width` cells. */
export function wrapCells(text: string, width: number): string[] {
  if (width <= 0) return [''];
  if (displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let cur = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width && cur !== '') {
      out.push(cur);
      cur = '';
      used = 0;
    }
    cur += segment;
    used += w;
  }
  out.push(cur);
  return out;
}

/** `2026-11-05T10:04:05Z ` from an RFC 3339 time with nanoseconds. */
export function timePrefix(at: string | null): string {
  if (at === null) return '– ';
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/.exec(at);
  return `${m ? `${m[1]}Z` : at} `;
}

function rowsOf(s: LogsState, i: number, width: number): LogRow[] {
  const e = s.lines[i]!;
  const prefix = s.timestamps ? timePrefix(e.at) : '';
  const room = Math.max(1, width - displayWidth(prefix));
  if (!s.wrap) return [{ line: i, prefix, text: truncateCells(e.text, room), stream: e.stream }];
  return wrapCells(e.text, room).map((text, k) => ({ line: i, prefix: k === 0 ? prefix : ' '.repeat(displayWidth(prefix)), text, stream: e.stream }));
}

/** The rows that fill `height` lines of `width` cells. */
export function visibleLogRows(s: LogsState, height: number, width: number): LogRow[] {
  if (height <= 0 || s.lines.length === 0) return [];
  if (s.follow) {
    const out: LogRow[] = [];
    for (let i = s.lines.length - 1; i >= 0 && out.length < height; i--) out.unshift(...rowsOf(s, i, width));
    return out.slice(Math.max(0, out.length - height));
  }
  const out: LogRow[] = [];
  for (let i = Math.min(s.top, s.lines.length - 1); i < s.lines.length && out.length < height; i++) out.push(...rowsOf(s, i, width));
  return out.slice(0, height);
}
