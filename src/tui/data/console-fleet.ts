/**
 * The console's fleet over the real nodes: the selected node specs (CLI.md
 * "Which nodes"), each runtime opened on first use and kept. Unlike a
 * scripted command's FleetSession, a failed open is not remembered: a
 * console runs for hours, and a node that was down at start must be
 * retried when it comes back.
 */
import type { BerthConfig } from '../../config/schema.ts';
import type { GlobalOptions } from '../../cli/framework/globals.ts';
import { selectNodes, type NodeSpec } from '../../fleet/node-spec.ts';
import { openNode, type OpenedNode, type OpenNodeEnv } from '../../fleet/open-node.ts';
import type { RuntimeSource } from '../../runtime/types.ts';
import type { ConsoleFleet } from './fleet.ts';

/** What opening nodes needs from the process. */
export interface ConsoleFleetEnv {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  timeoutMs: number;
  /** How SSH nodes ask the operator (host keys, passphrases) and where their notices go. */
  ssh?: Pick<OpenNodeEnv, 'askHostKey' | 'askPassphrase' | 'warn'>;
}

/** A ConsoleFleet over openNode, closable when the console quits. */
export class NodeFleet implements ConsoleFleet {
  readonly nodes: readonly NodeSpec[];
  readonly #penv: ConsoleFleetEnv;
  readonly #opened = new Map<string, Promise<OpenedNode>>();

  constructor(config: BerthConfig, globals: Pick<GlobalOptions, 'node' | 'allNodes' | 'readonly'>, penv: ConsoleFleetEnv) {
    this.nodes = selectNodes(config.nodes, { nodes: globals.node, allNodes: globals.allNodes, readonly: globals.readonly || config.readonly });
    this.#penv = penv;
  }

  /** Opens (once) and returns the node; a failure is forgotten so the next call retries. */
  opened(node: string): Promise<OpenedNode> {
    let p = this.#opened.get(node);
    if (!p) {
      const spec = this.nodes.find((n) => n.name === node);
      if (!spec) return Promise.reject(new Error(`node ${node} is not part of this console`));
      const uid = typeof process.getuid === 'function' ? process.getuid() : null;
      p = openNode(spec, { env: this.#penv.env, homeDir: this.#penv.home, uid, timeoutMs: this.#penv.timeoutMs, ...this.#penv.ssh });
      this.#opened.set(node, p);
      p.catch(() => this.#opened.delete(node));
    }
    return p;
  }

  /** The node's runtime (see opened). */
  async runtime(node: string): Promise<RuntimeSource> {
    return (await this.opened(node)).runtime;
  }

  /** Closes every opened runtime's connections. */
  async close(): Promise<void> {
    const opened = await Promise.allSettled(this.#opened.values());
    await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.runtime.close() : undefined)));
  }
}
