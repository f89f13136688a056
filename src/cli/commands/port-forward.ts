/**
 * `berth port-forward REF [LOCAL:]PORT`: a container's port on 127.0.0.1,
 * like `kubectl port-forward`. Each local connection opens one stream from
 * the node's side: a direct-tcpip channel on the node's SSH connection for a
 * remote node, a plain TCP connection for the local one. The container is
 * reached at its address on its network; a host-network container at the
 * node's loopback. Serves until Ctrl-C (exit 130, as the other stream verbs).
 */
import { BerthError, EXIT } from '../../domain/errors.ts';
import type { OpenedNode } from '../../fleet/open-node.ts';
import { DockerHttp } from '../../runtime/docker/http.ts';
import { listenLocalForward } from '../../transport/ssh/local-forward.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import { onInterrupt } from '../streams/interrupt.ts';
import type { portForwardVerb } from './specs.ts';

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
async function networking(node: OpenedNode, id: string, timeoutMs: number): Promise<WireNetworking> {
  const http = new DockerHttp({ node: node.spec.name, transport: node.transport, endpoint: node.runtime.endpoint, timeoutMs });
  try {
    http.prefix = (await node.runtime.negotiate()).prefix;
    return await http.json<WireNetworking>('GET', `/containers/${encodeURIComponent(id)}/json`, { what: `inspect container ${id}` });
  } finally {
    http.close();
  }
}

/** Forwards until interrupted. */
export async function run(ctx: CliContext, inv: InvocationOf<typeof portForwardVerb>): Promise<number> {
  const ports = parsePortPair(inv.args.PORT);
  return withFleet(ctx, async (fleet) => {
    const { ref, node, container } = await fleet.resolveContainer(inv.args.REF);
    const label = `${container.name} on node ${container.node}`;
    if (container.state !== 'running') {
      throw new BerthError('conflict', `container ${label} is not running (${container.state}), so nothing listens in it`, { hint: `start it first: berth start ${ref}` });
    }
    const to = forwardTarget(await fleet.one(node, () => networking(node, container.id, ctx.timeoutMs)), label);
    const target = `${container.node}/${container.name}:${ports.remote}`;
    const interrupt = onInterrupt();
    try {
      const fwd = await listenLocalForward({
        port: ports.local,
        dial: () => node.transport.dialTcp(to.host, ports.remote, undefined, AbortSignal.timeout(ctx.timeoutMs)),
        onConnection: (peer) => ctx.log.debug(`port-forward: connection from ${peer} to ${to.host}:${ports.remote} (network ${to.network}) via ${node.transport.address}`),
        onDialError: (err) => ctx.stderr.write(`berth: port-forward: cannot reach ${target}: ${sanitizeInline(err.message)}\n`),
      });
      try {
        ctx.stderr.write(`Forwarding from 127.0.0.1:${fwd.port} -> ${target}\n`);
        await new Promise<void>((resolve) => interrupt.signal.addEventListener('abort', () => resolve(), { once: true }));
        return interrupt.code ?? EXIT.ok;
      } finally {
        await fwd.close();
      }
    } finally {
      interrupt.dispose();
    }
  });
}
