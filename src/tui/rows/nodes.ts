/** The nodes table as pure data: one row per node from the store, down ones in red with their error. */
import type { NodeState } from '../../fleet/store.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { compactSpan, formatBytes } from '../../util/units.ts';
import type { Column, Row } from '../table/columns.ts';
import { UNKNOWN } from './containers.ts';

/** The columns, in order. */
export const NODE_COLUMNS: readonly Column[] = [
  { id: 'name', title: 'NAME', min: 6, max: 20, sortable: true },
  { id: 'state', title: 'STATE', min: 4, max: 10, sortable: true },
  { id: 'runtime', title: 'RUNTIME', min: 8, max: 24, sortable: true, drop: 2 },
  { id: 'cgroup', title: 'CGROUP', min: 6, max: 6, drop: 4 },
  { id: 'kernel', title: 'KERNEL', min: 6, max: 24, drop: 5 },
  { id: 'cpus', title: 'CPUS', min: 4, max: 4, align: 'right', drop: 3 },
  { id: 'memory', title: 'MEMORY', min: 6, max: 10, align: 'right', drop: 3 },
  { id: 'containers', title: 'CONTAINERS', min: 5, max: 10, align: 'right', drop: 1 },
  { id: 'age', title: 'DATA', min: 4, max: 8, align: 'right' },
  { id: 'error', title: 'ERROR', min: 5, max: 80, drop: 1 },
];

/** One row per node, with the count of containers berth holds for it. */
export function nodeRow(n: NodeState, counts: { running: number; total: number }, now: number): Row {
  const h = n.host;
  const token = n.state === 'up' ? 'node.up' as const : n.state === 'down' ? 'node.down' as const : 'node.connecting' as const;
  return {
    key: n.name,
    stale: n.state !== 'up',
    cells: [
      { text: sanitizeInline(n.name) },
      { text: n.state, token },
      { text: h ? `${h.runtime.kind} ${sanitizeInline(h.runtime.version)}` : UNKNOWN },
      { text: h?.cgroupVersion ? `v${h.cgroupVersion}` : UNKNOWN },
      { text: h?.kernel ? sanitizeInline(h.kernel) : UNKNOWN },
      { text: h?.cpus == null ? UNKNOWN : String(h.cpus) },
      { text: h?.memoryBytes == null ? UNKNOWN : formatBytes(h.memoryBytes) },
      { text: `${counts.running}/${counts.total}` },
      { text: n.at === null ? UNKNOWN : compactSpan(Math.max(0, (now - n.at) / 1000)) },
      { text: n.lastError ? sanitizeInline(n.lastError) : '', token: 'text.error' },
    ],
    haystack: [n.name, n.state, h?.runtime.kind ?? '', n.lastError ?? ''].join('\u0000').toLowerCase(),
    sort: { name: n.name, state: n.state, runtime: h ? `${h.runtime.kind} ${h.runtime.version}` : null },
  };
}
