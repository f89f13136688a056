/**
 * `berth nodes`: every selected node, reachable or not. A node that cannot
 * be reached is still an item (state `down`, with its reason in
 * `lastError`) and is also listed in `errors`, so the exit code is 1.
 */
import type { NodeStatus } from '../../domain/types.ts';
import { nodeError } from '../../fleet/fanout.ts';
import type { CliContext } from '../framework/context.ts';
import { printList } from '../framework/output.ts';
import { defineList } from '../framework/output/columns.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import type { nodesVerb } from './specs.ts';

/** The node list. */
export const nodeList = defineList<NodeStatus>({
  kind: 'Node',
  columns: [
    { header: 'NAME', value: (n) => n.name },
    { header: 'STATE', value: (n) => n.state, tone: (n) => (n.state === 'up' ? 'ok' : n.state === 'down' ? 'bad' : 'warn') },
    { header: 'RUNTIME', value: (n) => (n.runtime ? `${n.runtime.kind} ${n.runtime.version}` : null) },
    { header: 'API', value: (n) => n.runtime?.apiVersion ?? null, wide: true },
    { header: 'RTT', value: (n) => (n.rttSeconds === null ? null : Math.round(n.rttSeconds * 1000 * 10) / 10), human: (v) => `${v}ms`, align: 'right' },
    { header: 'KERNEL', value: (n) => n.kernel, wide: true },
    { header: 'CGROUP', value: (n) => (n.cgroupVersion === null ? null : `v${n.cgroupVersion}`) },
    { header: 'CPUS', value: (n) => n.cpus, align: 'right' },
    { header: 'MEMORY', value: (n) => n.memoryBytes, human: 'bytes', align: 'right' },
    { header: 'CONTAINERS', value: (n) => (n.containers ? `${n.containers.running}/${n.containers.total}` : null), align: 'right' },
    { header: 'ADDRESS', value: (n) => n.address, wide: true },
    { header: 'LAST ERROR', value: (n) => n.lastError, maxWidth: 80 },
  ],
  name: (n) => n.name,
  id: (n) => n.name,
});

export async function run(ctx: CliContext, _inv: InvocationOf<typeof nodesVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const { results, errors } = await fleet.each(async (node, signal): Promise<NodeStatus> => {
      const started = performance.now();
      await node.runtime.negotiate(signal);
      const rtt = (performance.now() - started) / 1000;
      const host = await node.runtime.hostInfo(signal);
      return {
        name: node.spec.name, address: node.spec.ssh ?? node.runtime.endpointLabel, state: 'up', rttSeconds: rtt,
        runtime: host.runtime, kernel: host.kernel, cgroupVersion: host.cgroupVersion, cpus: host.cpus, memoryBytes: host.memoryBytes,
        containers: host.containers, sampler: null, lastError: null, at: ctx.now().toISOString(),
      };
    });
    const up = results.map((r) => r.value);
    const down: NodeStatus[] = errors.map((e) => {
      const spec = fleet.nodes.find((n) => n.name === e.node);
      return {
        name: e.node, address: spec?.ssh ?? spec?.socket ?? 'local', state: 'down', rttSeconds: null, runtime: null, kernel: null,
        cgroupVersion: null, cpus: null, memoryBytes: null, containers: null, sampler: null, lastError: nodeError(e.node, e).message, at: ctx.now().toISOString(),
      };
    });
    const order = fleet.nodeNames;
    const items = [...up, ...down].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    return printList(ctx, nodeList, { items, errors, nodes: fleet.nodeNames });
  });
}
