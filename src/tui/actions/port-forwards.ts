/**
 * The console's port forwards (issue 5, "and a key in the console"): the
 * operator types `[LOCAL:]PORT` for the container under the cursor and gets
 * 127.0.0.1:LOCAL reaching it, through the node's SSH connection for a
 * remote node, exactly as `berth port-forward` does (same parsing, same
 * target rules, same listener bound to loopback only). Forwards live until
 * the console quits.
 */
import { BerthError } from '../../domain/errors.ts';
import type { OpenedNode } from '../../fleet/open-node.ts';
import { forwardTarget, networking, parsePortPair } from '../../fleet/port-forward.ts';
import { listenLocalForward, type LocalForward } from '../../transport/ssh/local-forward.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { Notice } from '../state/ui.ts';

/** What the forwards need. */
export interface ForwardsDeps {
  /** The opened node (its transport dials; its runtime says where the container listens). */
  opened(node: string): Promise<OpenedNode>;
  timeoutMs: number;
}

/** The console's open forwards. */
export class PortForwards {
  readonly #deps: ForwardsDeps;
  readonly #open: LocalForward[] = [];

  constructor(deps: ForwardsDeps) {
    this.#deps = deps;
  }

  /**
   * Starts forwarding `spec` (`PORT`, `LOCAL:PORT`, `:PORT`) to a running
   * container; resolves to the footer's notice (never rejects: a bad port,
   * a stopped container or a busy local port is an error notice).
   */
  async start(c: { node: string; id: string; name: string; state: string }, spec: string): Promise<Notice> {
    const label = `${c.name} on node ${c.node}`;
    try {
      const ports = parsePortPair(spec.trim());
      if (c.state !== 'running') throw new BerthError('conflict', `container ${label} is not running (${c.state}), so nothing listens in it`);
      const node = await this.#deps.opened(c.node);
      const to = forwardTarget(await networking(node, c.id, this.#deps.timeoutMs), label);
      const target = `${c.node}/${c.name}:${ports.remote}`;
      const fwd = await listenLocalForward({
        port: ports.local,
        dial: () => node.transport.dialTcp(to.host, ports.remote, undefined, AbortSignal.timeout(this.#deps.timeoutMs)),
      });
      this.#open.push(fwd);
      return { text: `forwarding 127.0.0.1:${fwd.port} -> ${target} (until berth quits)`, tone: 'ok' };
    } catch (err) {
      const e = err as Error & { hint?: string };
      return { text: `port forward to ${label}: ${sanitizeInline(e.message)}${e.hint ? ` (${sanitizeInline(e.hint)})` : ''}`, tone: 'error' };
    }
  }

  /** Stops every forward (the console is quitting). */
  async closeAll(): Promise<void> {
    const all = this.#open.splice(0);
    await Promise.all(all.map((f) => f.close()));
  }
}
