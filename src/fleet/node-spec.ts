/**
 * Which nodes a command talks to (CLI.md "Which nodes"). Pure: takes the
 * config's node list and the global flags, returns the node specs to open.
 */
import { BerthError } from '../domain/errors.ts';

/** How to reach one node. */
export interface NodeSpec {
  name: string;
  /** SSH destination (alias, user@host:port); absent for the local machine. */
  ssh: string | null;
  /** Runtime socket path on that host; null = discover. */
  socket: string | null;
  readonly: boolean;
  sudo: boolean;
  labels: Record<string, string>;
}

/** A node as written in config.yaml (already validated). */
export interface ConfiguredNode {
  name: string;
  ssh?: string | undefined;
  socket?: string | undefined;
  readonly?: boolean | undefined;
  sudo?: boolean | undefined;
  labels?: Record<string, string> | undefined;
}

/**
 * A production node: `labels: {env: prod}` (or `production`) in the config.
 * Such nodes are marked wherever a node is named before a change: the
 * confirmation, the console header, `berth nodes`.
 */
export function isProd(spec: Pick<NodeSpec, 'labels'>): boolean {
  return /^prod(uction)?$/i.test(spec.labels.env ?? '');
}

/** The names of the production nodes among `specs`. */
export function prodNodeNames(specs: readonly Pick<NodeSpec, 'name' | 'labels'>[]): string[] {
  return specs.filter(isProd).map((n) => n.name);
}

/** The local machine with no config: discovery decides the endpoint. */
export const LOCAL_NODE: NodeSpec = { name: 'local', ssh: null, socket: null, readonly: false, sudo: false, labels: {} };

/** An ad-hoc `--node` value that is an address rather than a configured name. */
function parseAddress(value: string): NodeSpec | null {
  const m = /^(?:ssh:\/\/)?(?:([^@/\s]+)@)?([^@/:\s]+|\[[0-9a-fA-F:]+\])(?::(\d+))?$/.exec(value);
  if (!m || (!value.startsWith('ssh://') && !value.includes('@'))) return null;
  return { name: value.replace(/^ssh:\/\//, ''), ssh: value, socket: null, readonly: false, sudo: false, labels: {} };
}

/** Turns a configured node into a spec, applying the global readonly flag. */
function fromConfig(n: ConfiguredNode, globalReadonly: boolean): NodeSpec {
  return {
    name: n.name,
    ssh: n.ssh ?? null,
    socket: n.socket ?? null,
    readonly: globalReadonly || (n.readonly ?? false),
    sudo: n.sudo ?? false,
    labels: n.labels ?? {},
  };
}

/**
 * Resolves the nodes to use. No config nodes: `local` only. With config
 * nodes: all of them unless `--node` narrows; `--node` may also name an
 * ad-hoc SSH address, or a host the ssh config declares by name. An
 * unknown name is exit 3, naming the known ones.
 */
export function selectNodes(
  configured: readonly ConfiguredNode[],
  flags: { nodes: readonly string[]; allNodes: boolean; readonly: boolean },
  /** Whether a bare name is a `Host` of the ssh config (an ad-hoc SSH node by alias). */
  isSshAlias: (name: string) => boolean = () => false,
): NodeSpec[] {
  const known: NodeSpec[] = configured.length > 0
    ? configured.map((n) => fromConfig(n, flags.readonly))
    : [{ ...LOCAL_NODE, readonly: flags.readonly }];
  if (flags.allNodes || flags.nodes.length === 0) return known;
  const out: NodeSpec[] = [];
  for (const wanted of flags.nodes) {
    const byName = known.find((n) => n.name === wanted);
    const spec = byName ?? parseAddress(wanted) ?? (isSshAlias(wanted) ? { name: wanted, ssh: wanted, socket: null, readonly: false, sudo: false, labels: {} } : null);
    if (!spec) {
      throw new BerthError('not-found', `unknown node "${wanted}"`, {
        hint: `known nodes: ${known.map((n) => n.name).join(', ')}; or give an address as user@host[:port] or ssh://user@host[:port], or a Host of your ssh config`,
      });
    }
    if (!out.some((n) => n.name === spec.name)) out.push({ ...spec, readonly: spec.readonly || flags.readonly });
  }
  return out;
}
