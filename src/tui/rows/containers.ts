/**
 * The containers table as pure data: domain containers (plus their stats
 * and node freshness) in, rows of sanitised cells out. Unknown is `–`,
 * never 0; a row from a node that is not up is marked stale with the age
 * of its data.
 */
import type { ContainerStats } from '../../domain/stats.ts';
import type { Container } from '../../domain/types.ts';
import type { NodeState } from '../../fleet/store.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { compactSpan, formatBytes, formatPercent } from '../../util/units.ts';
import { stateToken } from '../theme/tokens.ts';
import type { Column, Row } from '../table/columns.ts';

/** Shown for any value berth does not know. */
export const UNKNOWN = '–';

/** The columns, in order. */
export const CONTAINER_COLUMNS: readonly Column[] = [
  { id: 'sel', title: ' ', min: 1, max: 1 },
  { id: 'name', title: 'NAME', min: 16, max: 40, sortable: true },
  { id: 'node', title: 'NODE', min: 4, max: 16, sortable: true, drop: 2 },
  { id: 'image', title: 'IMAGE', min: 16, max: 36, sortable: true, drop: 4 },
  { id: 'state', title: 'STATE', min: 10, max: 20, sortable: true },
  { id: 'status', title: 'STATUS', min: 14, max: 30, sortable: true, drop: 3 },
  { id: 'restarts', title: 'RESTARTS', min: 3, max: 8, align: 'right', sortable: true, drop: 5 },
  { id: 'cpu', title: 'CPU%', min: 5, max: 7, align: 'right', sortable: true, drop: 1 },
  { id: 'mem', title: 'MEM', min: 8, max: 20, align: 'right', sortable: true, drop: 1 },
];

/** What a container row needs besides the container. */
export interface ContainerRowContext {
  nodes: Readonly<Record<string, NodeState>>;
  stats: (node: string, id: string) => ContainerStats | null;
  selected: ReadonlySet<string>;
  now: number;
}

/** `running`, `running/unhealthy`, `exited(3)`. */
export function stateText(c: Container): string {
  const base = c.state === 'exited' && c.exitCode !== null ? `exited(${c.exitCode})` : c.state;
  return c.health ? `${base}/${c.health}` : base;
}

/** Memory cell: working set, with the limit when it is a real one. */
export function memoryText(s: ContainerStats | null): string {
  const used = s?.memory.workingSetBytes ?? null;
  if (used === null) return UNKNOWN;
  const limit = s?.memory.limitBytes ?? null;
  return limit === null ? formatBytes(used) : `${formatBytes(used)}/${formatBytes(limit)}`;
}

/** Age of a node's data, or null when it is live (up). */
export function staleAge(node: NodeState | undefined, now: number): string | null {
  if (!node || node.state === 'up') return null;
  return node.at === null ? 'stale' : `stale ${compactSpan(Math.max(0, (now - node.at) / 1000))}`;
}

/** Key of a container row (same as the store's). */
export function rowKey(c: Pick<Container, 'node' | 'id'>): string {
  return `${c.node}/${c.id}`;
}

/** One row of the containers table. */
export function containerRow(c: Container, ctx: ContainerRowContext): Row {
  const key = rowKey(c);
  const stats = c.state === 'running' ? ctx.stats(c.node, c.id) : null;
  const stale = staleAge(ctx.nodes[c.node], ctx.now);
  const name = sanitizeInline(c.name);
  const image = sanitizeInline(c.image);
  const status = sanitizeInline(c.status);
  const cpu = stats?.cpu.percent ?? null;
  const mem = stats?.memory.workingSetBytes ?? null;
  const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(' ');
  return {
    key,
    stale: stale !== null,
    cells: [
      ctx.selected.has(key) ? { text: '*', token: 'row.selected' } : { text: ' ' },
      { text: name },
      { text: sanitizeInline(c.node) },
      { text: image },
      { text: stateText(c), token: stateToken(c.state, c.health) },
      { text: stale === null ? status : `${stale} · ${status}` },
      { text: c.restartCount === null ? UNKNOWN : String(c.restartCount) },
      { text: cpu === null ? UNKNOWN : formatPercent(cpu) },
      { text: memoryText(stats) },
    ],
    haystack: [name, image, c.node, c.state, c.health ?? '', status, sanitizeInline(labels)].join('\u0000').toLowerCase(),
    sort: { name: c.name, node: c.node, image: c.image, state: c.state, status: c.status, restarts: c.restartCount, cpu, mem },
  };
}

/** Rows of the containers view: all, or running only. */
export function containerRows(containers: readonly Container[], ctx: ContainerRowContext, showAll: boolean): Row[] {
  const out: Row[] = [];
  for (const c of containers) if (showAll || c.state === 'running' || c.state === 'restarting' || c.state === 'paused') out.push(containerRow(c, ctx));
  return out;
}
