/**
 * `berth nodes`: every selected node, reachable or not. A node that cannot
 * be reached is still an item (state `down`, with its reason in
 * `lastError`); an SSH node whose connection is up but whose runtime does
 * not answer is `degraded`. Either is also listed in `errors`, so the exit
 * code is 1. `rttSeconds` is one Engine API `/_ping` round trip on a warm
 * connection: for an SSH node, through the tunnel.
 */
import type { NodeStatus } from '../../domain/types.ts';
import { byText } from '../../util/compare.ts';
import { probeAccess, type UnknownData } from '../../metrics/access.ts';
import { nodeError, type NodeError } from '../../fleet/fanout.ts';
import { isProd, type NodeSpec } from '../../fleet/node-spec.ts';
import type { OpenedNode } from '../../fleet/open-node.ts';
import { DockerHttp } from '../../runtime/docker/http.ts';
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
    { header: 'LABELS', value: (n) => Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(',') || null, tone: (n) => (isProd(n) ? 'bad' : undefined), maxWidth: 30 },
    { header: 'RUNTIME', value: (n) => (n.runtime ? `${n.runtime.kind} ${n.runtime.version}` : null) },
    { header: 'API', value: (n) => n.runtime?.apiVersion ?? null, wide: true },
    { header: 'RTT', value: (n) => (n.rttSeconds === null ? null : Math.round(n.rttSeconds * 1000 * 10) / 10), human: (v) => `${v}ms`, align: 'right' },
    { header: 'KERNEL', value: (n) => n.kernel, wide: true },
    { header: 'CGROUP', value: (n) => (n.cgroupVersion === null ? null : `v${n.cgroupVersion}`) },
    { header: 'CPUS', value: (n) => n.cpus, align: 'right' },
    { header: 'MEMORY', value: (n) => n.memoryBytes, human: 'bytes', align: 'right' },
    { header: 'CONTAINERS', value: (n) => (n.containers ? `${n.containers.running}/${n.containers.total}` : null), align: 'right' },
    { header: 'ADDRESS', value: (n) => n.address, wide: true },
    { header: 'SAMPLER', value: (n) => n.sampler, wide: true },
    { header: 'UNKNOWN', value: (n) => (n.unknown.length === 0 ? 'none' : n.unknown.map((u) => `${u.data}: ${u.reason}`).join('; ')), maxWidth: 80 },
    { header: 'LAST ERROR', value: (n) => n.lastError, maxWidth: 80 },
  ],
  name: (n) => n.name,
  id: (n) => n.name,
});

/** What `stats` samples a node with (metrics/sampler.ts; over SSH, metrics/stream/: one exec channel streaming a record per tick). */
export function samplerLabel(kind: 'local' | 'ssh'): string {
  return kind === 'ssh' ? 'cgroup over ssh (streaming awk loop)' : 'cgroup, local';
}

/** A node's item, with the error that makes it less than `up`. */
interface Probed {
  status: NodeStatus;
  error: NodeError | null;
}

/** An item with nothing known but the name, address and state. */
function blank(spec: Pick<NodeSpec, 'name' | 'labels'>, address: string, state: NodeStatus['state'], lastError: string, at: string): NodeStatus {
  return {
    name: spec.name, labels: spec.labels, address, state, rttSeconds: null, runtime: null, kernel: null, cgroupVersion: null, cpus: null, memoryBytes: null,
    containers: null, sampler: null, unknown: [], lastError, at,
  };
}

/** One `/_ping` round trip on a connection already open (the first ping opens it; the second is timed). */
async function pingRtt(node: OpenedNode, timeoutMs: number): Promise<number> {
  const http = new DockerHttp({ node: node.spec.name, transport: node.transport, endpoint: node.runtime.endpoint, timeoutMs });
  try {
    await http.request('GET', '/_ping', { what: 'ping' });
    const started = performance.now();
    await http.request('GET', '/_ping', { what: 'ping' });
    return (performance.now() - started) / 1000;
  } finally {
    http.close();
  }
}

/**
 * What the node's login user cannot read of one running container's
 * counters (metrics/access.ts); nothing when no container runs or the
 * probe itself fails (that is not a permission).
 */
async function unreadable(node: OpenedNode, signal: AbortSignal): Promise<UnknownData[]> {
  try {
    // The two oldest running containers: one that restarts meanwhile (its pid gone) must not hide a finding.
    const running = (await node.runtime.listContainers({ all: false }, signal))
      .filter((c) => c.state === 'running')
      .sort((a, b) => byText(a.createdAt ?? '', b.createdAt ?? ''))
      .slice(0, 2);
    for (const detail of await node.runtime.inspectMany(running.map((c) => c.id), signal)) {
      if (!detail.pid) continue;
      const found = await probeAccess(node.transport, { id: detail.id, pid: detail.pid });
      if (found.length > 0) return found;
    }
    return [];
  } catch {
    return [];
  }
}

/** Asks one opened node; an SSH node whose connection stands while its runtime fails is `degraded`. */
async function probe(ctx: CliContext, node: OpenedNode, signal: AbortSignal, at: string): Promise<Probed> {
  const t = node.transport;
  const address = t.kind === 'ssh' ? t.address : node.runtime.endpointLabel;
  try {
    await node.runtime.negotiate(signal);
    const host = await node.runtime.hostInfo(signal);
    const rtt = await pingRtt(node, ctx.timeoutMs);
    const unknown = await unreadable(node, signal);
    return {
      status: {
        name: node.spec.name, labels: node.spec.labels, address, state: 'up', rttSeconds: rtt, runtime: host.runtime, kernel: host.kernel, cgroupVersion: host.cgroupVersion,
        cpus: host.cpus, memoryBytes: host.memoryBytes, containers: host.containers, sampler: samplerLabel(t.kind), unknown, lastError: null, at,
      },
      error: null,
    };
  } catch (err) {
    if (t.kind !== 'ssh' || (t as { state?: string }).state !== 'ready') throw err;
    const error = nodeError(node.spec.name, err);
    return { status: blank(node.spec, address, 'degraded', `SSH is up, the runtime is not: ${error.message}`, at), error };
  }
}

/**
 * Whether an SSH node's open failed after it connected: runtime discovery
 * found no socket (endpoint.ts words it so), as opposed to a failed login,
 * host key or TCP connect.
 */
function failedAfterConnect(spec: NodeSpec | undefined, e: NodeError): boolean {
  return spec?.ssh != null && /^no container runtime (answers|socket) on node /.test(e.message);
}

/** The address of a node that could not be opened: `user@host:port` from the ssh config, without connecting. */
async function addressOf(ctx: CliContext, spec: NodeSpec | undefined, name: string): Promise<string> {
  if (!spec) return name;
  if (spec.ssh === null) return spec.socket ?? 'local';
  const { SshTransport } = await import('../../transport/ssh/transport.ts');
  const t = new SshTransport({ node: spec.name, destination: spec.ssh, timeoutMs: ctx.timeoutMs, env: ctx.env, homeDir: ctx.env.HOME ?? ctx.home });
  const address = t.address;
  await t.close();
  return address;
}

/** Lists the nodes. */
export async function run(ctx: CliContext, _inv: InvocationOf<typeof nodesVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const at = ctx.now().toISOString();
    const { results, errors } = await fleet.each((node, signal) => probe(ctx, node, signal, at));
    const items = results.map((r) => r.value.status);
    const allErrors = [...errors, ...results.flatMap((r) => (r.value.error ? [r.value.error] : []))];
    for (const e of errors) {
      const spec = fleet.nodes.find((n) => n.name === e.node);
      const degraded = failedAfterConnect(spec, e);
      const why = degraded ? `SSH is up, the runtime is not: ${e.message}` : e.message;
      items.push(blank(spec ?? { name: e.node, labels: {} }, await addressOf(ctx, spec, e.node), degraded ? 'degraded' : 'down', why, at));
    }
    const order = fleet.nodeNames;
    items.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    allErrors.sort((a, b) => order.indexOf(a.node) - order.indexOf(b.node));
    return printList(ctx, nodeList, { items, errors: allErrors, nodes: fleet.nodeNames });
  });
}
