/**
 * What a port forward needs to know before it listens, shared by `berth
 * port-forward` and the console's forward key: the `[LOCAL:]PORT` pair, and
 * where, from the node's side, the container's port is reached.
 */
import { BerthError } from '../domain/errors.ts';
import { DockerHttp } from '../runtime/docker/http.ts';
import type { OpenedNode } from './open-node.ts';

/** The ports of `[LOCAL:]PORT`; `local` 0 asks for a free port. */
export interface PortPair {
  local: number;
  remote: number;
}

function port(text: string, what: string, allowZero: boolean): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n <= 65535 && (n >= 1 || (allowZero && n === 0)))) {
    throw new BerthError('usage', `invalid ${what} port "${text}": expected a number from ${allowZero ? 0 : 1} to 65535`, {
      hint: 'give [LOCAL:]PORT, e.g. 8080, 9000:80, or :80 for any free local port',
    });
  }
  return n;
}

/** Parses `PORT` (same port locally), `LOCAL:PORT`, `:PORT` or `0:PORT` (a free local port). */
export function parsePortPair(spec: string): PortPair {
  const colon = spec.indexOf(':');
  if (colon < 0) {
    const p = port(spec, 'container', false);
    return { local: p, remote: p };
  }
  const localText = spec.slice(0, colon);
  return { local: localText === '' ? 0 : port(localText, 'local', true), remote: port(spec.slice(colon + 1), 'container', false) };
}

/** The parts of `GET /containers/{id}/json` that say where a container listens. */
export interface WireNetworking {
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string }> | null };
}

/** Where, from the node's side, a container's ports are reached. */
export interface ForwardTarget {
  host: string;
  /** The network it is reached on (`host` for the node's loopback). */
  network: string;
}

/**
 * The address to dial: `127.0.0.1` for a host-network container (it shares
 * the node's loopback), else its address on the first network that gave it
 * one. A container with no address (network mode `none`, or sharing
 * another container's namespace) is refused with what to do.
 */
export function forwardTarget(w: WireNetworking, label: string): ForwardTarget {
  const mode = w.HostConfig?.NetworkMode ?? '';
  const networks = Object.entries(w.NetworkSettings?.Networks ?? {});
  if (mode === 'host' || networks.some(([name]) => name === 'host')) return { host: '127.0.0.1', network: 'host' };
  for (const [name, n] of networks) if (n.IPAddress) return { host: n.IPAddress, network: name };
  const why = mode.startsWith('container:') ? `it shares the network of ${mode.slice('container:'.length)}; forward to that container instead`
    : `its network mode is ${mode === '' ? 'unknown' : mode}; connect it to a network (or use host networking) to reach its ports`;
  throw new BerthError('conflict', `container ${label} has no network address; ${why}`);
}

/** Reads the container's network facts (the domain inspect does not carry NetworkMode). */
export async function networking(node: OpenedNode, id: string, timeoutMs: number): Promise<WireNetworking> {
  const http = new DockerHttp({ node: node.spec.name, transport: node.transport, endpoint: node.runtime.endpoint, timeoutMs });
  try {
    http.prefix = (await node.runtime.negotiate()).prefix;
    return await http.json<WireNetworking>('GET', `/containers/${encodeURIComponent(id)}/json`, { what: `inspect container ${id}` });
  } finally {
    http.close();
  }
}
