/**
 * A StatsSource fed by the metrics source (src/metrics): every tick, the
 * running containers of each sampled node are read in one pass and turned
 * into CPU % and memory by statsBetween, one notification per tick (one
 * render). The sampler needs each container's init pid, which only inspect
 * gives, so pids are cached per container start.
 *
 * Each node's sampler is made when its transport is first open (an SSH
 * node's connection is opened by the fleet, not here) and kept; a node that
 * cannot be opened yet is asked again on the next tick, so a node that was
 * down at start gets numbers once it is back. A container whose cgroup
 * cannot be found (an engine on another host behind DOCKER_HOST=tcp://…)
 * is simply left out: it shows `–`, never a wrong number.
 */
import type { ContainerStats } from '../../domain/stats.ts';
import type { FleetStore } from '../../fleet/store.ts';
import { hostUsage, statsBetween, type HostSample, type HostUsage, type RawSample, type SampleTarget } from '../../metrics/index.ts';
import type { ConsoleFleet } from './fleet.ts';
import { StatsHistory } from './history.ts';
import type { StatsSource } from './stats.ts';

/** The part of a metrics Sampler used here. */
export interface SamplerLike {
  sample(targets: readonly SampleTarget[]): Promise<RawSample[]>;
  /** The host's counters as the last sample read them (the header's host CPU and memory). */
  host?(): HostSample | null;
  close(): void;
}

/** What the source needs. */
export interface SamplerStatsOptions {
  store: FleetStore;
  fleet: ConsoleFleet;
  /** The nodes to sample. */
  nodes: readonly string[];
  /** Makes a node's sampler (once it succeeds); null: the node is not sampled (no cgroups reachable). */
  samplerFor(node: string): Promise<SamplerLike | null>;
  intervalMs: number;
  /** A node's sampling failed (told once per distinct message). */
  onError(node: string, message: string): void;
  /**
   * Init pids of containers found without asking the engine (a /proc scan on
   * this machine), or null where the node is not this machine; the rest are
   * inspected, INSPECTS_PER_TICK a tick.
   */
  localPids?: (node: string, ids: readonly string[]) => ReadonlyMap<string, number> | null;
  /** Samples kept per container (default HISTORY_SAMPLES). */
  historySamples?: number;
}

/** Inspects started per tick per node, so a thousand new containers do not stall a tick. */
const INSPECTS_PER_TICK = 16;

/** Starts sampling; `close()` stops it. */
export function samplerStats(o: SamplerStatsOptions): StatsSource {
  const stats = new Map<string, ContainerStats>();
  const history = new StatsHistory(o.historySamples);
  const prev = new Map<string, RawSample[]>();
  const pids = new Map<string, { startedAt: string | null; pid: number | null }>();
  const listeners = new Set<() => void>();
  const told = new Set<string>();
  const samplers = new Map<string, Promise<SamplerLike | null>>();
  const prevHost = new Map<string, HostSample>();
  const hosts = new Map<string, HostUsage>();
  let stopped = false;
  let busy = false;

  /** The node's sampler, made on first success; a failed open is forgotten so the next tick retries. */
  const samplerOf = (node: string): Promise<SamplerLike | null> => {
    let p = samplers.get(node);
    if (!p) {
      p = o.samplerFor(node);
      samplers.set(node, p);
      p.then((s) => {
        if (stopped) s?.close();
      }, () => samplers.delete(node));
    }
    return p;
  };

  const tickNode = async (node: string, sampler: SamplerLike): Promise<void> => {
    const running = Object.values(o.store.state.containers).filter((c) => c.node === node && c.state === 'running');
    const stale = (c: { id: string; startedAt: string | null }): boolean => pids.get(`${node}/${c.id}`)?.startedAt !== c.startedAt;
    const unknown = running.filter(stale);
    if (unknown.length > 0 && o.localPids) {
      // On the machine berth runs on, one /proc scan finds every container's init at once.
      const found = o.localPids(node, unknown.map((c) => c.id));
      for (const c of unknown) {
        const pid = found?.get(c.id);
        if (pid !== undefined) pids.set(`${node}/${c.id}`, { startedAt: c.startedAt, pid });
      }
    }
    const missing = running.filter(stale).slice(0, INSPECTS_PER_TICK);
    if (missing.length > 0) {
      const rt = await o.fleet.runtime(node);
      await Promise.all(missing.map(async (c) => {
        const d = await rt.inspectContainer(c.id).catch(() => null);
        pids.set(`${node}/${c.id}`, { startedAt: c.startedAt, pid: d?.pid ?? null });
      }));
    }
    const targets: SampleTarget[] = running.flatMap((c) => {
      const pid = pids.get(`${node}/${c.id}`)?.pid;
      return pid ? [{ id: c.id, name: c.name, node, pid }] : [];
    });
    const next = await sampler.sample(targets);
    for (const k of [...stats.keys()]) if (k.startsWith(`${node}/`)) stats.delete(k);
    const fresh = statsBetween(prev.get(node) ?? [], next);
    for (const s of fresh) stats.set(`${node}/${s.id}`, s);
    history.recordNode(node, fresh);
    prev.set(node, next);
    const h = sampler.host?.() ?? null;
    if (h) {
      const before = prevHost.get(node) ?? null;
      hosts.set(node, hostUsage(before?.counters ?? null, h.counters));
      prevHost.set(node, h);
    }
  };

  const tick = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      await Promise.all(o.nodes.map((node) => samplerOf(node).then((sampler) => (sampler ? tickNode(node, sampler) : undefined)).catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        if (!told.has(`${node}\0${message}`)) {
          told.add(`${node}\0${message}`);
          o.onError(node, message);
        }
      })));
    } finally {
      busy = false;
    }
    if (!stopped) for (const l of listeners) l();
  };

  void tick();
  const timer = setInterval(() => void tick(), o.intervalMs);
  return {
    get: (node, id) => stats.get(`${node}/${id}`) ?? null,
    history: (node, id) => history.get(node, id),
    host: (node) => hosts.get(node) ?? null,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    close() {
      stopped = true;
      clearInterval(timer);
      for (const p of samplers.values()) void p.then((s) => s?.close(), () => undefined);
    },
  };
}
