/**
 * How containers are shown as a list (ps), shared by every verb that
 * prints containers so the columns never drift apart.
 */
import type { Container, PortMapping } from '../../domain/types.ts';
import { defineList, type Column, type ListSpec, type Tone } from '../framework/output/columns.ts';

/** `0.0.0.0:8080->80/tcp, 443/tcp`, as docker ps prints ports. */
export function formatPorts(ports: readonly PortMapping[]): string {
  return ports
    .map((p) => (p.publicPort === null ? `${p.privatePort}/${p.type}` : `${p.ip ?? ''}${p.ip ? ':' : ''}${p.publicPort}->${p.privatePort}/${p.type}`))
    .join(', ');
}

/** Colour of a state on a terminal. */
export function stateTone(c: Pick<Container, 'state' | 'health' | 'exitCode'>): Tone | undefined {
  if (c.health === 'unhealthy' || c.state === 'dead' || c.state === 'restarting') return 'bad';
  if (c.state === 'exited') return c.exitCode === 0 ? 'muted' : 'bad';
  if (c.state === 'paused' || c.health === 'starting') return 'warn';
  if (c.state === 'running') return 'ok';
  return undefined;
}

/** The container list; a NODE column leads when more than one node is shown. */
export function containerList(multiNode: boolean): ListSpec<Container> {
  const columns: Column<Container>[] = [
    ...(multiNode ? [{ header: 'NODE', value: (c: Container) => c.node }] : []),
    { header: 'CONTAINER ID', value: (c) => c.id.slice(0, 12) },
    { header: 'NAME', value: (c) => c.name, maxWidth: 40 },
    { header: 'IMAGE', value: (c) => c.image, maxWidth: 40 },
    { header: 'STATE', value: (c) => c.state, tone: stateTone },
    { header: 'HEALTH', value: (c) => c.health, wide: true },
    { header: 'STATUS', value: (c) => c.status, tone: stateTone },
    { header: 'EXIT', value: (c) => c.exitCode, wide: true, align: 'right' },
    { header: 'OOM', value: (c) => c.oomKilled, wide: true },
    { header: 'RESTARTS', value: (c) => c.restartCount, wide: true, align: 'right' },
    { header: 'CREATED', value: (c) => c.createdAt, human: 'ago' },
    { header: 'PORTS', value: (c) => (c.ports.length === 0 ? '' : formatPorts(c.ports)), maxWidth: 50 },
    { header: 'COMPOSE', value: (c) => (c.compose ? `${c.compose.project}/${c.compose.service}` : null), wide: true },
    { header: 'COMMAND', value: (c) => c.command, wide: true, maxWidth: 40 },
  ];
  return defineList<Container>({ kind: 'Container', columns, name: (c) => `${c.node}/${c.name}`, id: (c) => c.id });
}
