/**
 * Opens one node: its transport (local, or one SSH connection), then its
 * runtime endpoint (the configured socket, or discovery as CLI.md "Which
 * nodes" says). The runtime owns the transport: closing it closes the SSH
 * connection, so a command that closes its runtimes never hangs on a
 * connection left open.
 */
import { BerthError } from '../domain/errors.ts';
import { DockerRuntime, openDockerRuntime, type DockerRuntimeOptions } from '../runtime/docker/client.ts';
import { discoverEndpoint, unixEndpoint, type DiscoveryEnv } from '../runtime/docker/endpoint.ts';
import { pingProbe } from '../runtime/docker/version.ts';
import { LocalTransport } from '../transport/local.ts';
import type { SshTransportOptions } from '../transport/ssh/transport.ts';
import type { Transport } from '../transport/types.ts';
import type { NodeSpec } from './node-spec.ts';

/** What opening needs from the process. */
export interface OpenNodeEnv {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  uid: number | null;
  timeoutMs: number;
  /** Where SSH notices go (a key recorded under `StrictHostKeyChecking no`…); stderr when not given. */
  warn?: (message: string) => void;
  /** Asks the operator about an unknown host key (the console); absent, an unknown key is refused. */
  askHostKey?: SshTransportOptions['askHostKey'];
  /** Asks for a key's passphrase (the console); absent, a locked key is skipped with a hint to use ssh-agent. */
  askPassphrase?: (node: string, keyFile: string) => Promise<string | null>;
}

/** A node ready to be asked: its runtime, its transport, and how its endpoint was found. */
export interface OpenedNode {
  spec: NodeSpec;
  runtime: DockerRuntime;
  /** The way to the host (metrics, `berth nodes`); closed with the runtime. */
  transport: Transport;
  /** `config`, `DOCKER_HOST`, `context "x"`, `default socket`. */
  source: string;
}

/** A DockerRuntime that also closes the transport it runs over (the SSH connection). */
class OwningDockerRuntime extends DockerRuntime {
  readonly #transport: Transport;

  constructor(opts: DockerRuntimeOptions) {
    super(opts);
    this.#transport = opts.transport;
  }

  override async close(): Promise<void> {
    await super.close();
    await this.#transport.close();
  }
}

/** Connects a node spec to its runtime. Throws a BerthError naming the node. */
export async function openNode(spec: NodeSpec, penv: OpenNodeEnv): Promise<OpenedNode> {
  if (spec.ssh !== null) return openSshNode(spec, spec.ssh, penv);
  const transport = new LocalTransport(spec.name);
  if (spec.socket !== null) {
    const runtime = new DockerRuntime({ node: spec.name, transport, endpoint: unixEndpoint(spec.socket), timeoutMs: penv.timeoutMs });
    return { spec, runtime, transport, source: 'config' };
  }
  const { runtime, discovered } = await openDockerRuntime({
    node: spec.name,
    transport,
    env: penv.env,
    homeDir: penv.homeDir,
    uid: penv.uid,
    timeoutMs: penv.timeoutMs,
  });
  return { spec, runtime, transport, source: discovered.source };
}

/** The remote user's uid, home and runtime dir, in one exec. */
async function remoteFacts(transport: Transport): Promise<{ uid: number | null; home: string; runtimeDir: string | null }> {
  const r = await transport.exec(['sh', '-c', 'id -u; printf "%s\\n" "$HOME" "${XDG_RUNTIME_DIR:-}"']);
  const [uidText = '', home = '/', xdg = ''] = r.stdout.toString('utf8').split('\n');
  const uid = /^\d+$/.test(uidText.trim()) ? Number(uidText.trim()) : null;
  // Non-interactive sessions without PAM have no XDG_RUNTIME_DIR; rootless sockets live in /run/user/<uid>.
  const runtimeDir = xdg !== '' ? xdg : uid !== null && uid !== 0 ? `/run/user/${uid}` : null;
  return { uid, home: home || '/', runtimeDir };
}

/**
 * An SSH node: one connection (opened now, so a host key or login problem
 * is this node's error at once), then the configured socket, or the first
 * well-known socket that answers on the host. The LOCAL DOCKER_HOST and
 * Docker context never apply to a remote node; neither does the remote
 * user's (a non-interactive shell's environment is not what they use).
 * `sudo: true` reaches the socket through `sudo -n docker system
 * dial-stdio` (src/transport/ssh/README.md).
 */
async function openSshNode(spec: NodeSpec, destination: string, penv: OpenNodeEnv): Promise<OpenedNode> {
  // ssh2 is large CommonJS (~30 ms to compile): loaded only when a node needs it.
  const { SshTransport } = await import('../transport/ssh/transport.ts');
  const transport = new SshTransport({
    node: spec.name,
    destination,
    timeoutMs: penv.timeoutMs,
    env: penv.env,
    homeDir: penv.homeDir,
    sudo: spec.sudo,
    warn: penv.warn ?? ((m) => process.stderr.write(`berth: warning: ${spec.name}: ${m}\n`)),
    ...(penv.askHostKey ? { askHostKey: penv.askHostKey } : {}),
    ...(penv.askPassphrase ? { askPassphrase: (keyFile: string) => penv.askPassphrase!(spec.name, keyFile) } : {}),
  });
  try {
    await transport.connect();
    const base = { node: spec.name, transport, timeoutMs: penv.timeoutMs };
    if (spec.socket !== null) {
      return { spec, runtime: new OwningDockerRuntime({ ...base, endpoint: unixEndpoint(spec.socket) }), transport, source: 'config' };
    }
    const facts = await remoteFacts(transport);
    const env: DiscoveryEnv = { DOCKER_CONTEXT: 'default', ...(facts.runtimeDir ? { XDG_RUNTIME_DIR: facts.runtimeDir } : {}) };
    const discovered = await discoverEndpoint({ transport, env, homeDir: facts.home, uid: facts.uid, probe: pingProbe(transport, Math.min(penv.timeoutMs, 3000)) });
    return { spec, runtime: new OwningDockerRuntime({ ...base, endpoint: discovered.endpoint }), transport, source: discovered.source };
  } catch (err) {
    await transport.close();
    throw err instanceof BerthError ? err : new BerthError('unreachable', `node ${spec.name} (${destination}): ${(err as Error).message}`, { node: spec.name, cause: err });
  }
}
