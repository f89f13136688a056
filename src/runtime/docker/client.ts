/**
 * DockerRuntime: the RuntimeSource for one node's Engine API endpoint
 * (Docker, or Podman's compatible service). It negotiates the API version
 * on first use, then maps every reply through the per-resource files, so
 * callers only ever see domain objects and BerthErrors.
 */
import { BerthError } from '../../domain/errors.ts';
import type { BerthEvent, Container, ContainerDetail, HostInfo, Image, LogLine, Network, ProcessTable, Volume } from '../../domain/types.ts';
import type { Transport } from '../../transport/types.ts';
import type { ExecSession, ExecSessionOptions, LogOptions, RuntimeSource } from '../types.ts';
import { containerFromInspect, containerFromSummary, type WireContainerInspect, type WireContainerSummary } from './containers.ts';
import { discoverEndpoint, endpointLabel, type DiscoveredEndpoint, type DiscoveryEnv, type DockerEndpoint } from './endpoint.ts';
import { connectionError } from './errors.ts';
import { readEvents } from './events.ts';
import { startExec } from './exec.ts';
import { hostInfoFromWire, type WireInfo } from './hostinfo.ts';
import { DockerHttp, type Query } from './http.ts';
import { imageFromWire, type WireImageSummary } from './images.ts';
import { readLogs } from './logs.ts';
import { attachmentCounts, networkFromWire, type WireNetwork } from './networks.ts';
import { processTableFromWire, type WireTop } from './top.ts';
import { negotiate, pingProbe, type Negotiated } from './version.ts';
import { volumeFromWire, withUsage, type WireVolume } from './volumes.ts';

/** Docker's default stop grace period, used to size the request timeout when none is given. */
const DEFAULT_STOP_SECONDS = 10;

/** How many inspects run at once in inspectMany. */
export const INSPECT_CONCURRENCY = 8;

/** What a DockerRuntime needs. */
export interface DockerRuntimeOptions {
  node: string;
  transport: Transport;
  endpoint: DockerEndpoint;
  /** Per-request timeout (CLI.md `--timeout`), default 10 s. */
  timeoutMs?: number;
}

/** Runs `fn` over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const enc = encodeURIComponent;

/** The Engine API of one node, in domain terms. */
export class DockerRuntime implements RuntimeSource {
  readonly node: string;
  readonly endpoint: DockerEndpoint;
  readonly #http: DockerHttp;
  #negotiation: Promise<Negotiated> | null = null;

  constructor(opts: DockerRuntimeOptions) {
    this.node = opts.node;
    this.endpoint = opts.endpoint;
    this.#http = new DockerHttp({ node: opts.node, transport: opts.transport, endpoint: opts.endpoint, timeoutMs: opts.timeoutMs });
  }

  /** `unix:///var/run/docker.sock` and the like. */
  get endpointLabel(): string {
    return endpointLabel(this.endpoint);
  }

  /**
   * Negotiates once (the first call of anything does it); a failed
   * negotiation is forgotten so the next call tries again.
   */
  negotiate(signal?: AbortSignal): Promise<Negotiated> {
    if (!this.#negotiation) {
      this.#negotiation = negotiate(this.#http, signal);
      this.#negotiation.catch(() => {
        this.#negotiation = null;
      });
    }
    return this.#negotiation;
  }

  async #json<T>(method: string, path: string, opts: { query?: Query; body?: unknown; signal?: AbortSignal | undefined; what?: string; timeoutMs?: number } = {}): Promise<T> {
    await this.negotiate(opts.signal);
    return this.#http.json<T>(method, path, opts);
  }

  /** Runtime and host facts; also proves the endpoint answers. */
  async hostInfo(signal?: AbortSignal): Promise<HostInfo> {
    const v = await this.negotiate(signal);
    const info = await this.#http.json<WireInfo>('GET', '/info', { signal, what: 'read host info' });
    return hostInfoFromWire(info, v);
  }

  /** `ps`: one request; restart counts and start times need inspect. */
  async listContainers(opts: { all: boolean }, signal?: AbortSignal): Promise<Container[]> {
    const list = await this.#json<WireContainerSummary[]>('GET', '/containers/json', { query: { all: opts.all }, signal, what: 'list containers' });
    return (list ?? []).map((w) => containerFromSummary(this.node, w));
  }

  /** Full detail; BerthError('not-found') when it is gone. */
  async inspectContainer(idOrName: string, signal?: AbortSignal): Promise<ContainerDetail> {
    const w = await this.#json<WireContainerInspect>('GET', `/containers/${enc(idOrName)}/json`, { signal, what: `inspect container ${idOrName}` });
    return containerFromInspect(this.node, w);
  }

  /**
   * Inspects many, at most 8 at a time, skipping containers removed since
   * they were listed (a 404 is not an error here); other errors reject.
   */
  async inspectMany(ids: readonly string[], signal?: AbortSignal): Promise<ContainerDetail[]> {
    const results = await mapLimit(ids, INSPECT_CONCURRENCY, async (id) => {
      try {
        return await this.inspectContainer(id, signal);
      } catch (err) {
        if (err instanceof BerthError && err.kind === 'not-found') return null;
        throw err;
      }
    });
    return results.filter((d): d is ContainerDetail => d !== null);
  }

  /** Images; shared and unique sizes only where the engine computed them. */
  async listImages(signal?: AbortSignal): Promise<Image[]> {
    const list = await this.#json<WireImageSummary[]>('GET', '/images/json', { signal, what: 'list images' });
    return (list ?? []).map((w) => imageFromWire(this.node, w));
  }

  /** Volumes, cheaply: size and use are null (see volumeUsage). */
  async listVolumes(signal?: AbortSignal): Promise<Volume[]> {
    const reply = await this.#json<{ Volumes?: WireVolume[] | null }>('GET', '/volumes', { signal, what: 'list volumes' });
    return (reply?.Volumes ?? []).map((w) => volumeFromWire(this.node, w));
  }

  /**
   * Volumes with size and use from `GET /system/df`. That call walks every
   * volume on disk and can take seconds; use it for `df`-like views only.
   */
  async volumeUsage(signal?: AbortSignal): Promise<Volume[]> {
    const [volumes, df] = await Promise.all([
      this.listVolumes(signal),
      this.#json<{ Volumes?: WireVolume[] | null }>('GET', '/system/df', { signal, what: 'read disk usage', timeoutMs: this.#http.timeoutMs * 6 }),
    ]);
    return withUsage(volumes, df?.Volumes ?? []);
  }

  /** Networks, with attached container counts from the container list. */
  async listNetworks(signal?: AbortSignal): Promise<Network[]> {
    const [nets, containers] = await Promise.all([
      this.#json<WireNetwork[]>('GET', '/networks', { signal, what: 'list networks' }),
      this.#json<WireContainerSummary[]>('GET', '/containers/json', { query: { all: true }, signal, what: 'list containers' }),
    ]);
    const counts = attachmentCounts(containers ?? []);
    return (nets ?? []).map((w) => networkFromWire(this.node, w, counts));
  }

  /** POSTs an action; 304 (already in that state) is success, as docker's CLI treats it. */
  async #action(path: string, what: string, query?: Query, timeoutMs?: number): Promise<void> {
    await this.negotiate();
    await this.#http.request('POST', path, { query, what, accept: [304], ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  }

  /** Starts a container. */
  start(id: string): Promise<void> {
    return this.#action(`/containers/${enc(id)}/start`, `start container ${id}`);
  }

  /** Stops; the request may take the grace period on top of the timeout. */
  stop(id: string, timeSeconds?: number): Promise<void> {
    return this.#action(`/containers/${enc(id)}/stop`, `stop container ${id}`, { t: timeSeconds }, this.#http.timeoutMs + (timeSeconds ?? DEFAULT_STOP_SECONDS) * 1000);
  }

  /** Restarts; like stop, the grace period comes on top of the timeout. */
  restart(id: string, timeSeconds?: number): Promise<void> {
    return this.#action(`/containers/${enc(id)}/restart`, `restart container ${id}`, { t: timeSeconds }, this.#http.timeoutMs + (timeSeconds ?? DEFAULT_STOP_SECONDS) * 1000);
  }

  /** Sends a signal (default SIGKILL, as docker kill). */
  kill(id: string, signal?: string): Promise<void> {
    return this.#action(`/containers/${enc(id)}/kill`, `kill container ${id}`, { signal });
  }

  /** Freezes a container's processes. */
  pause(id: string): Promise<void> {
    return this.#action(`/containers/${enc(id)}/pause`, `pause container ${id}`);
  }

  /** Thaws a paused container. */
  unpause(id: string): Promise<void> {
    return this.#action(`/containers/${enc(id)}/unpause`, `unpause container ${id}`);
  }

  /** Removes a container (force: even running; volumes: its anonymous volumes too). */
  async remove(id: string, opts: { force: boolean; volumes: boolean }): Promise<void> {
    await this.negotiate();
    await this.#http.request('DELETE', `/containers/${enc(id)}`, { query: { force: opts.force, v: opts.volumes }, what: `remove container ${id}` });
  }

  /**
   * Log lines. Whether the container has a TTY decides the framing, so it
   * is inspected first unless the caller already knows (`opts.tty`).
   */
  async *logs(id: string, opts: LogOptions, signal?: AbortSignal): AsyncGenerator<LogLine> {
    const tty = opts.tty ?? (await this.inspectContainer(id, signal)).tty;
    const query: Query = {
      stdout: opts.stdout ?? true,
      stderr: opts.stderr ?? true,
      follow: opts.follow ?? false,
      timestamps: opts.timestamps ?? false,
      tail: opts.tail === undefined ? 'all' : String(opts.tail),
      since: opts.since,
    };
    const reply = await this.#http.stream('GET', `/containers/${enc(id)}/logs`, { query, signal, what: `read logs of ${id}` });
    try {
      yield* readLogs(reply.body, { tty, timestamps: opts.timestamps ?? false }, signal);
    } catch (err) {
      throw connectionError(err, { node: this.node, endpoint: this.endpointLabel, method: 'GET', path: '/logs', what: `read logs of ${id}` });
    }
  }

  /** Starts a command in a running container (hijacked stream). */
  async exec(id: string, argv: string[], opts: ExecSessionOptions): Promise<ExecSession> {
    await this.negotiate();
    return startExec(this.#http, id, argv, opts);
  }

  /** The container's processes. */
  async top(id: string, psArgs?: string): Promise<ProcessTable> {
    const w = await this.#json<WireTop>('GET', `/containers/${enc(id)}/top`, { query: { ps_args: psArgs }, what: `list processes of ${id}` });
    return processTableFromWire(w);
  }

  /** Engine events from now (or `since`) until the signal aborts or `until` passes. */
  async *events(opts: { since?: number; until?: number; filters?: Record<string, string[]> }, signal?: AbortSignal): AsyncGenerator<BerthEvent> {
    await this.negotiate(signal);
    const query: Query = { since: opts.since, until: opts.until, filters: opts.filters ? JSON.stringify(opts.filters) : undefined };
    const reply = await this.#http.stream('GET', '/events', { query, signal, what: 'follow events' });
    try {
      yield* readEvents(this.node, reply.body, signal);
    } catch (err) {
      throw connectionError(err, { node: this.node, endpoint: this.endpointLabel, method: 'GET', path: '/events', what: 'follow events' });
    }
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    this.#http.close();
  }
}

/** What opening the local (or any) node's runtime by discovery needs. */
export interface OpenRuntimeOptions {
  node: string;
  transport: Transport;
  env: DiscoveryEnv;
  homeDir: string;
  uid: number | null;
  timeoutMs?: number;
}

/**
 * Discovers the endpoint (CLI.md "Which nodes") and returns a runtime for
 * it, with how it was found. Nothing is negotiated yet: the first call does.
 */
export async function openDockerRuntime(opts: OpenRuntimeOptions): Promise<{ runtime: DockerRuntime; discovered: DiscoveredEndpoint }> {
  const discovered = await discoverEndpoint({
    transport: opts.transport,
    env: opts.env,
    homeDir: opts.homeDir,
    uid: opts.uid,
    probe: pingProbe(opts.transport, Math.min(opts.timeoutMs ?? 3000, 3000)),
  });
  const runtime = new DockerRuntime({ node: opts.node, transport: opts.transport, endpoint: discovered.endpoint, ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }) });
  return { runtime, discovered };
}
