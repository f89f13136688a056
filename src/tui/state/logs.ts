/**
 * The logs pane as a pure reducer: a capped buffer of sanitised lines, a
 * follow/paused mode (new lines keep arriving while paused and are
 * counted, not lost), search with highlight and jumps, timestamps and wrap
 * toggles. Scrolling is by log line; the view fills the screen from there.
 */
import type { LogLine } from '../../domain/types.ts';
import { sanitize } from '../../util/sanitize.ts';
import { compileFilter } from '../table/filter.ts';
import type { Move } from './ui.ts';

/** Lines kept; older ones are dropped (the engine still has them). */
export const LOG_LIMIT = 5000;

/** One line as shown: sanitised, tabs expanded, no trailing newline. */
export interface LogEntry {
  at: string | null;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** The pane's state. */
export interface LogsState {
  lines: LogEntry[];
  /** Pinned to the newest line. */
  follow: boolean;
  /** First line shown while not following. */
  top: number;
  /** Lines that arrived while paused. */
  unseen: number;
  search: string;
  timestamps: boolean;
  wrap: boolean;
  /** How the stream stands: `following`, `container exited`, an error. */
  status: string;
}

/** Everything that changes LogsState. */
export type LogsAction =
  | { type: 'reset' }
  | { type: 'append'; entries: readonly LogEntry[] }
  | { type: 'move'; move: Move; height: number }
  | { type: 'toggleFollow'; height: number }
  | { type: 'search'; text: string }
  | { type: 'jump'; direction: 1 | -1; height: number }
  | { type: 'timestamps' }
  | { type: 'wrap' }
  | { type: 'status'; status: string };

/** A fresh pane. */
export function initialLogs(): LogsState {
  return { lines: [], follow: true, top: 0, unseen: 0, search: '', timestamps: false, wrap: false, status: 'connecting…' };
}

/** A runtime line as the pane keeps it: every byte from the container is sanitised here. */
export function logEntry(line: LogLine): LogEntry {
  const raw = line.data.toString('utf8').replace(/\r?\n$/, '');
  const text = sanitize(raw, { newlines: false, tabs: true }).replace(/\t/g, '    ');
  return { at: line.at, stream: line.stream, text };
}

/** First line of the last screenful. */
function bottomTop(count: number, height: number): number {
  return Math.max(0, count - Math.max(1, height));
}

/** Whether a line matches the search (same syntax as the table filter). */
export function searchMatcher(search: string): (text: string) => boolean {
  if (search === '') return () => false;
  const f = compileFilter(search);
  return (text) => f.test(text.toLowerCase());
}

/** The reducer. */
export function reduceLogs(s: LogsState, a: LogsAction): LogsState {
  switch (a.type) {
    case 'reset':
      // A new container: fresh lines, but the operator's view preferences stay.
      return { ...initialLogs(), timestamps: s.timestamps, wrap: s.wrap };
    case 'append': {
      if (a.entries.length === 0) return s;
      let lines = s.lines.concat(a.entries);
      let dropped = 0;
      if (lines.length > LOG_LIMIT) {
        dropped = lines.length - LOG_LIMIT;
        lines = lines.slice(dropped);
      }
      return s.follow ? { ...s, lines } : { ...s, lines, top: Math.max(0, s.top - dropped), unseen: s.unseen + a.entries.length };
    }
    case 'move': {
      const from = s.follow ? bottomTop(s.lines.length, a.height) : s.top;
      if (a.move === 'bottom') return { ...s, follow: true, unseen: 0, top: bottomTop(s.lines.length, a.height) };
      const page = Math.max(1, a.height - 1);
      const to = a.move === 'up' ? from - 1 : a.move === 'down' ? from + 1 : a.move === 'pageUp' ? from - page : a.move === 'pageDown' ? from + page : 0;
      const top = Math.min(Math.max(0, to), bottomTop(s.lines.length, a.height));
      // Scrolling down onto the last screenful resumes following, as `less +F` users expect.
      if (a.move !== 'top' && to >= bottomTop(s.lines.length, a.height) && a.move !== 'up' && a.move !== 'pageUp') return { ...s, follow: true, unseen: 0, top };
      return { ...s, follow: false, top };
    }
    case 'toggleFollow':
      return s.follow ? { ...s, follow: false, top: bottomTop(s.lines.length, a.height), unseen: 0 } : { ...s, follow: true, unseen: 0 };
    case 'search':
      return { ...s, search: a.text };
    case 'jump': {
      const match = searchMatcher(s.search);
      const from = s.follow ? bottomTop(s.lines.length, a.height) : s.top;
      for (let i = from + a.direction; i >= 0 && i < s.lines.length; i += a.direction) {
        if (match(s.lines[i]!.text)) return { ...s, follow: false, top: i };
      }
      return s;
    }
    case 'timestamps':
      return { ...s, timestamps: !s.timestamps };
    case 'wrap':
      return { ...s, wrap: !s.wrap };
    case 'status':
      return s.status === a.status ? s : { ...s, status: a.status };
  }
}

/** Pieces of a line with the search matches marked, for highlighting. */
export function highlight(text: string, search: string): { text: string; match: boolean }[] {
  if (search === '') return [{ text, match: false }];
  let re: RegExp;
  try {
    re = search.length >= 2 && search.startsWith('/') && search.endsWith('/')
      ? new RegExp(search.slice(1, -1), 'gi')
      : new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  } catch {
    return [{ text, match: false }];
  }
  const out: { text: string; match: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m[0] === '') break;
    if (m.index > last) out.push({ text: text.slice(last, m.index), match: false });
    out.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out.length > 0 ? out : [{ text, match: false }];
}
