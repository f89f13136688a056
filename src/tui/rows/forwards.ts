/** The port forwards table: one row per open forward (actions/port-forwards.ts), keyed by its id. */
import { sanitizeInline } from '../../util/sanitize.ts';
import { compactSpan } from '../../util/units.ts';
import type { ForwardEntry } from '../actions/port-forwards.ts';
import type { Column, Row } from '../table/columns.ts';

/** The columns, in order. */
export const FORWARD_COLUMNS: readonly Column[] = [
  { id: 'local', title: 'LOCAL', min: 15, max: 21, sortable: true },
  { id: 'node', title: 'NODE', min: 4, max: 16, sortable: true, drop: 2 },
  { id: 'container', title: 'CONTAINER', min: 8, max: 40, sortable: true },
  { id: 'port', title: 'PORT', min: 4, max: 5, align: 'right', sortable: true },
  { id: 'connections', title: 'CONNECTIONS', min: 5, max: 11, align: 'right', sortable: true, drop: 3 },
  { id: 'failed', title: 'FAILED', min: 6, max: 6, align: 'right', sortable: true, drop: 3 },
  { id: 'age', title: 'AGE', min: 3, max: 8, align: 'right', sortable: true, drop: 4 },
  { id: 'error', title: 'LAST ERROR', min: 10, max: 80, drop: 1 },
];

/** One row per forward; a forward whose last connection failed shows why, in red. */
export function forwardRow(f: ForwardEntry, now: number): Row {
  const age = Math.max(0, (now - f.since) / 1000);
  return {
    key: String(f.id),
    cells: [
      { text: `127.0.0.1:${f.localPort}` },
      { text: sanitizeInline(f.node) },
      { text: sanitizeInline(f.container) },
      { text: String(f.containerPort) },
      { text: String(f.connections) },
      { text: String(f.failed), ...(f.failed > 0 ? { token: 'text.error' as const } : {}) },
      { text: compactSpan(age) },
      { text: f.lastError ?? '', token: 'text.error' },
    ],
    haystack: [String(f.localPort), f.node, f.container, String(f.containerPort), f.lastError ?? ''].join('\u0000').toLowerCase(),
    sort: { local: f.localPort, node: f.node, container: f.container, port: f.containerPort, connections: f.connections, failed: f.failed, age },
  };
}
