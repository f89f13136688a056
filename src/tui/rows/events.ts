/** The events table as pure data: newest first, names sanitised (they come from containers). */
import type { BerthEvent } from '../../domain/types.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { Column, Row } from '../table/columns.ts';
import { UNKNOWN } from './containers.ts';

/** The columns, in order. */
export const EVENT_COLUMNS: readonly Column[] = [
  { id: 'time', title: 'TIME', min: 8, max: 8, sortable: true },
  { id: 'node', title: 'NODE', min: 4, max: 16, sortable: true, drop: 2 },
  { id: 'type', title: 'TYPE', min: 5, max: 10, sortable: true },
  { id: 'action', title: 'ACTION', min: 6, max: 24, sortable: true },
  { id: 'name', title: 'NAME', min: 8, max: 40, sortable: true },
  { id: 'id', title: 'ID', min: 12, max: 12, drop: 1 },
];

/** `15:04:05` in local time, or the raw text when unparseable. */
export function clockTime(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** One row per event; `index` keeps keys unique when two events are identical. */
export function eventRow(e: BerthEvent, index: number): Row {
  const name = e.name === null ? UNKNOWN : sanitizeInline(e.name);
  const action = sanitizeInline(e.action);
  return {
    key: `${index}`,
    cells: [
      { text: clockTime(e.at) },
      { text: sanitizeInline(e.node) },
      { text: sanitizeInline(e.type) },
      { text: action, ...(/^(die|oom|kill|destroy)$/.test(e.action) ? { token: 'text.warning' as const } : {}) },
      { text: name },
      { text: e.id.slice(0, 12) },
    ],
    haystack: [e.node, e.type, action, name, e.id].join('\u0000').toLowerCase(),
    sort: { time: e.at, node: e.node, type: e.type, action: e.action, name: e.name },
  };
}

/** The store's events, newest first. */
export function eventRows(events: readonly BerthEvent[]): Row[] {
  const out: Row[] = [];
  for (let i = events.length - 1; i >= 0; i--) out.push(eventRow(events[i]!, i));
  return out;
}
