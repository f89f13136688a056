/**
 * The console's port forwards (issue 5, "and a key in the console"): the
 * operator types `[LOCAL:]PORT` for the container under the cursor and gets
 * 127.0.0.1:LOCAL reaching it, through the node's SSH connection for a
 * remote node, exactly as `berth port-forward` does (same parsing, same
 * target rules, same listener bound to loopback only). Forwards live until
 * stopped or until the console quits; each is listed with its connections
 * so the operator can see what is open.
 */
import { BerthError } from '../../domain/errors.ts';
import type { OpenedNode } from '../../fleet/open-node.ts';
import { forwardTarget, networking, parsePortPair } from '../../fleet/port-forward.ts';
import { listenLocalForward, type LocalForward } from '../../transport/ssh/local-forward.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { Notice } from '../state/ui.ts';

/** One open forward, as listed in the console. */
export interface ForwardInfo {
  /** `node/name:port`. */
  target: string;
  /** The port bound on 127.0.0.1. */
  localPort: number;
  /** Connections accepted so far. */
  connections: number;
  /** The last dial error (the container stopped listening…), or null. */
  lastError: string | null;
}

/** What the forwards need. */
export interface ForwardsDeps {
  /** The opened node (its transport dials; its runtime says where the container listens). */
  opened(node: string): Promise<OpenedNode>;
  timeoutMs: number;
  /** Called when the list or a count changes (the console re-renders). */
  onChange?: () => void;
}

/** The console's open forwards. */
export class PortForwards {
  readonly #deps: ForwardsDeps;
  readonly #open: { info: ForwardInfo; fwd: LocalForward }[] = [];

  constructor(deps: ForwardsDeps) {
    this.#deps = deps;
  }

  /** The open forwards, oldest first. */
  list(): readonly ForwardInfo[] {
    return this.#open.map((o) => o.info);
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
      const info: ForwardInfo = { target, localPort: 0, connections: 0, lastError: null };
      const fwd = await listenLocalForward({
        port: ports.local,
        dial: () => node.transport.dialTcp(to.host, ports.remote, undefined, AbortSignal.timeout(this.#deps.timeoutMs)),
        onConnection: () => {
          info.connections++;
          this.#deps.onChange?.();
        },
        onDialError: (err) => {
          info.lastError = sanitizeInline(err.message);
          this.#deps.onChange?.();
        },
      });
      info.localPort = fwd.port;
      this.#open.push({ info, fwd });
      this.#deps.onChange?.();
      return { text: `forwarding 127.0.0.1:${fwd.port} -> ${target} (until berth quits)`, tone: 'ok' };
    } catch (err) {
      const e = err as Error & { hint?: string };
      return { text: `port forward to ${label}: ${sanitizeInline(e.message)}${e.hint ? ` (${sanitizeInline(e.hint)})` : ''}`, tone: 'error' };
    }
  }

  /** Stops the forward on `localPort`; false when there is none. */
  async stop(localPort: number): Promise<boolean> {
    const i = this.#open.findIndex((o) => o.info.localPort === localPort);
    if (i < 0) return false;
    const [gone] = this.#open.splice(i, 1);
    await gone!.fwd.close();
    this.#deps.onChange?.();
    return true;
  }

  /** Stops every forward (the console is quitting). */
  async closeAll(): Promise<void> {
    const all = this.#open.splice(0);
    await Promise.all(all.map((o) => o.fwd.close()));
  }
}
