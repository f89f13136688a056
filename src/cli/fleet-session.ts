/**
 * The fleet as one command sees it: the selected nodes, each opened at most
 * once, every per-node call under the `--timeout` deadline, and references
 * resolved across the fleet. Verbs use this instead of opening runtimes.
 */
import { isDeclaredSshHost } from '../transport/ssh/aliases.ts';
import { homedir } from 'node:os';
import { BerthError } from '../domain/errors.ts';
import type { Container } from '../domain/types.ts';
import { fanout, withDeadline, type FanoutResult, type NodeError } from '../fleet/fanout.ts';
import { selectNodes, type NodeSpec } from '../fleet/node-spec.ts';
import { openNode, type OpenedNode } from '../fleet/open-node.ts';
import { resolveOne } from '../fleet/resolve.ts';
import type { CliContext } from './framework/context.ts';

/** A container reference resolved to one node. */
export interface ResolvedContainer {
  ref: string;
  node: OpenedNode;
  container: Container;
}

/** Per-command access to the selected nodes. */
export class FleetSession {
  readonly nodes: NodeSpec[];
  readonly #ctx: CliContext;
  readonly #opened = new Map<string, Promise<OpenedNode>>();

  constructor(ctx: CliContext) {
    this.#ctx = ctx;
    this.nodes = selectNodes(ctx.config.nodes, { nodes: ctx.globals.node, allNodes: ctx.globals.allNodes, readonly: ctx.globals.readonly }, (name) =>
      isDeclaredSshHost(name, ctx.env, ctx.env.HOME ?? ctx.home));
  }

  /** Node names, for `errors` and addressing. */
  get nodeNames(): string[] {
    return this.nodes.map((n) => n.name);
  }

  /** Whether tables should show a NODE column. */
  get multiNode(): boolean {
    return this.nodes.length > 1;
  }

  /** Opens a node once per command (discovery included). */
  open(spec: NodeSpec): Promise<OpenedNode> {
    let p = this.#opened.get(spec.name);
    if (!p) {
      const uid = typeof process.getuid === 'function' ? process.getuid() : null;
      p = openNode(spec, { env: this.#ctx.env, homeDir: this.#ctx.env.HOME ?? homedir(), uid, timeoutMs: this.#ctx.timeoutMs });
      this.#opened.set(spec.name, p);
      // A failed open is remembered for this command: every verb reports it once.
    }
    return p;
  }

  /** Runs `fn` on every selected node at once, each under its deadline. */
  each<T>(fn: (node: OpenedNode, signal: AbortSignal) => Promise<T>): Promise<FanoutResult<T>> {
    return fanout(this.nodes, this.#ctx.timeoutMs, async (spec, signal) => fn(await this.open(spec), signal));
  }

  /** Runs `fn` on one node under its deadline. */
  one<T>(node: OpenedNode, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withDeadline(node.spec.name, this.#ctx.timeoutMs, fn);
  }

  /** Lists containers of every node, with per-node failures. */
  listContainers(all: boolean): Promise<FanoutResult<Container[]>> {
    return this.each((n, signal) => n.runtime.listContainers({ all }, signal));
  }

  /**
   * Resolves each reference to one container on one node. A reference not
   * found while some node could not be asked says so: it may be there.
   */
  async resolveContainers(refs: readonly string[]): Promise<ResolvedContainer[]> {
    const { results, errors } = await this.listContainers(true);
    const all = results.flatMap((r) => r.value);
    const out: ResolvedContainer[] = [];
    for (const ref of refs) {
      let c: Container;
      try {
        c = resolveOne(ref, all, this.nodeNames);
      } catch (err) {
        throw withUnasked(err, errors);
      }
      const spec = this.nodes.find((n) => n.name === c.node)!;
      out.push({ ref, node: await this.open(spec), container: c });
    }
    return out;
  }

  /** Resolves one reference (see resolveContainers). */
  async resolveContainer(ref: string): Promise<ResolvedContainer> {
    return (await this.resolveContainers([ref]))[0]!;
  }

  /** Releases every opened node's connections. */
  async close(): Promise<void> {
    const opened = await Promise.allSettled(this.#opened.values());
    await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.runtime.close() : undefined)));
  }
}

/**
 * A not-found while nodes failed would mislead: when no node answered the
 * real problem is reachability; when some did, say which were not asked.
 */
function withUnasked(err: unknown, failed: readonly NodeError[]): unknown {
  if (!(err instanceof BerthError) || err.kind !== 'not-found' || failed.length === 0) return err;
  const first = failed[0]!;
  const kind = first.kind as BerthError['kind'];
  const unasked = failed.map((f) => `${f.node} (${f.message})`).join('; ');
  return new BerthError(kind === 'permission' ? 'permission' : kind === 'timeout' ? 'timeout' : 'unreachable', `${err.message}, and could not ask: ${unasked}`, {
    ...(first.hint === undefined ? {} : { hint: first.hint }),
  });
}

/** Creates a session, runs `fn`, and always closes the connections. */
export async function withFleet<T>(ctx: CliContext, fn: (fleet: FleetSession) => Promise<T>): Promise<T> {
  const fleet = new FleetSession(ctx);
  try {
    return await fn(fleet);
  } finally {
    await fleet.close();
  }
}
