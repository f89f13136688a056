/**
 * `berth port-forward REF [LOCAL:]PORT`: a container's port on 127.0.0.1,
 * like `kubectl port-forward`. Each local connection opens one stream from
 * the node's side: a direct-tcpip channel on the node's SSH connection for a
 * remote node, a plain TCP connection for the local one. The container is
 * reached at its address on its network; a host-network container at the
 * node's loopback. Serves until Ctrl-C (exit 130, as the other stream verbs).
 */
import { BerthError, EXIT } from '../../domain/errors.ts';
import { forwardTarget, networking, parsePortPair } from '../../fleet/port-forward.ts';
import { listenLocalForward } from '../../transport/ssh/local-forward.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import { onInterrupt } from '../streams/interrupt.ts';
import type { portForwardVerb } from './specs.ts';

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
