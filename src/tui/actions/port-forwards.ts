/**
 * The console's port forwards (issue 5, "and a key in the console"): the
 * operator types `[LOCAL:]PORT` for the container under the cursor and gets
 * 127.0.0.1:LOCAL reaching it, through the node's SSH connection for a
 * remote node, exactly as `berth port-forward` does (same parsing, same
 * target rules, same listener bound to loopback only). Forwards live until
 * stopped from the forwards view (7, `:pf`) or the console quits; the view
 * lists them with their connections and the last failure, as k9s's
 * port-forwards view does.
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

/** One open forward, as the forwards view lists it. */
export interface ForwardEntry {
  /** Stable id (the view's row key). */
  id: number;
  /** The port on 127.0.0.1. */
  localPort: number;
  node: string;
  container: string;
  containerPort: number;
  /** When it started listening (ms since the epoch). */
  since: number;
  /** Connections accepted so far. */
  connections: number;
  /** Connections that could not be joined to the container (dial failed). */
  failed: number;
  /** Why the last one failed (sanitised), or null. */
  lastError: string | null;
}

/** The console's open forwards. */
export class PortForwards {
  readonly #deps: ForwardsDeps;
  readonly #open = new Map<number, { entry: ForwardEntry; fwd: LocalForward }>();
  readonly #listeners = new Set<() => void>();
  #nextId = 1;
  #snapshot: readonly ForwardEntry[] = [];

  constructor(deps: ForwardsDeps) {
    this.#deps = deps;
  }

  /** The open forwards, oldest first; a new array after each change (for useSyncExternalStore). */
  list(): readonly ForwardEntry[] {
    return this.#snapshot;
  }

  /** Calls `listener` after each change (a forward opened, stopped, used or failed); returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    this.#snapshot = [...this.#open.values()].map((o) => ({ ...o.entry }));
    for (const l of this.#listeners) l();
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
      const entry: ForwardEntry = { id: this.#nextId++, localPort: 0, node: c.node, container: c.name, containerPort: ports.remote, since: Date.now(), connections: 0, failed: 0, lastError: null };
      const fwd = await listenLocalForward({
        port: ports.local,
        dial: () => node.transport.dialTcp(to.host, ports.remote, undefined, AbortSignal.timeout(this.#deps.timeoutMs)),
        onConnection: () => {
          entry.connections++;
          this.#changed();
        },
        onDialError: (err) => {
          entry.failed++;
          entry.lastError = sanitizeInline(err.message);
          this.#changed();
        },
      });
      entry.localPort = fwd.port;
      this.#open.set(entry.id, { entry, fwd });
      this.#changed();
      return { text: `forwarding 127.0.0.1:${fwd.port} -> ${target} (:pf lists and stops forwards)`, tone: 'ok' };
    } catch (err) {
      const e = err as Error & { hint?: string };
      return { text: `port forward to ${label}: ${sanitizeInline(e.message)}${e.hint ? ` (${sanitizeInline(e.hint)})` : ''}`, tone: 'error' };
    }
  }

  /** Stops one forward: the port stops listening and its open connections end. */
  async stop(id: number): Promise<Notice> {
    const open = this.#open.get(id);
    if (!open) return { text: 'that port forward is already stopped', tone: 'warning' };
    this.#open.delete(id);
    this.#changed();
    await open.fwd.close();
    const e = open.entry;
    return { text: `stopped forwarding 127.0.0.1:${e.localPort} -> ${e.node}/${e.container}:${e.containerPort}`, tone: 'ok' };
  }

  /** Stops every forward (the console is quitting). */
  async closeAll(): Promise<void> {
    const all = [...this.#open.values()];
    this.#open.clear();
    this.#changed();
    await Promise.all(all.map((o) => o.fwd.close()));
  }
}
