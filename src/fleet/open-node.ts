/**
 * Opens one node: its transport, then its runtime endpoint (configured
 * socket, or discovery as CLI.md "Which nodes" says). The SSH transport
 * slots in here (issue 5) without touching any caller.
 */
import { BerthError } from '../domain/errors.ts';
import { DockerRuntime, openDockerRuntime } from '../runtime/docker/client.ts';
import { unixEndpoint } from '../runtime/docker/endpoint.ts';
import { LocalTransport } from '../transport/local.ts';
import type { NodeSpec } from './node-spec.ts';

/** What opening needs from the process. */
export interface OpenNodeEnv {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  uid: number | null;
  timeoutMs: number;
}

/** A node ready to be asked: its runtime and how its endpoint was found. */
export interface OpenedNode {
  spec: NodeSpec;
  runtime: DockerRuntime;
  /** `config`, `DOCKER_HOST`, `context "x"`, `default socket`. */
  source: string;
}

/** Connects a node spec to its runtime. Throws a BerthError naming the node. */
export async function openNode(spec: NodeSpec, penv: OpenNodeEnv): Promise<OpenedNode> {
  if (spec.ssh !== null) {
    throw new BerthError('unreachable', `node ${spec.name} (${spec.ssh}) is an SSH node, and this build of berth has no SSH transport yet`, {
      node: spec.name,
      hint: 'remove it from config.yaml or use --node to pick local nodes; SSH nodes arrive with the remote-nodes release',
    });
  }
  const transport = new LocalTransport(spec.name);
  if (spec.socket !== null) {
    const runtime = new DockerRuntime({ node: spec.name, transport, endpoint: unixEndpoint(spec.socket), timeoutMs: penv.timeoutMs });
    return { spec, runtime, source: 'config' };
  }
  const { runtime, discovered } = await openDockerRuntime({
    node: spec.name,
    transport,
    env: penv.env,
    homeDir: penv.homeDir,
    uid: penv.uid,
    timeoutMs: penv.timeoutMs,
  });
  return { spec, runtime, source: discovered.source };
}
