/**
 * The sampler: every target container's counters in one pass per tick.
 * A container is resolved once (its cgroup directories, counter files and
 * network namespace, cached per id and init pid); after that a tick is a
 * single batch of reads plus parsing, with no per-container round trips and
 * no Docker stats API (REFERENCE.md §3: that API costs the daemons far more
 * than reading the files).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError } from '../domain/errors.ts';
import type { ContainerStats } from '../domain/stats.ts';
import { counterFiles, PSI_PERIOD_MS, type ContainerFiles } from './cgroup/counter-files.ts';
import { decodeCounters, decodePressure, type Pressure } from './cgroup/decode.ts';
import { detectMode, parseCgroupMounts, type CgroupMount } from './cgroup/mountinfo.ts';
import { parseProcCgroup } from './cgroup/proc-cgroup.ts';
import { resolveDirs } from './cgroup/resolve.ts';
import { createFdCacheReader } from './fd-reader.ts';
import { createStreamReader } from './stream/stream-reader.ts';
import { attributeNetns, readNetnsInodes } from './netns.ts';
import { parseNetDev } from './parse/net-dev.ts';
import { parseMemAvailable, parseMemTotal, parseProcStat } from './parse/proc.ts';
import { statsBetween } from './rates.ts';
import type { Transport } from '../transport/types.ts';
import type { CgroupMode, CounterReader, HostCounters, HostSample, MetricsTransport, RawSample, SampleTarget, SampleTime } from './types.ts';

/** Options of createSampler. */
export interface SamplerOptions {
  /** How tick files are read; the transport's readFiles by default. */
  reader?: CounterReader;
  /** The clock samples are stamped with (tests pin it). */
  clock?: () => SampleTime;
  /**
   * Read PSI (default true). The console shows no pressure figure, and
   * PSI's three files are a third of a tick's reads every other second.
   */
  pressure?: boolean;
}

/** Samples the containers of one node. */
export interface Sampler {
  /**
   * One reading of every target's counters. Targets whose container is gone
   * (or whose pid no longer has a cgroup) are left out, not errors. Throws
   * a BerthError only when the node's cgroups cannot be read at all.
   */
  sample(targets: readonly SampleTarget[]): Promise<RawSample[]>;
  /**
   * `stats --no-stream`: two samples `windowMs` apart (default 200 ms, two
   * CFS periods, so a quota-limited container reads true) and their stats.
   */
  sampleTwice(targets: readonly SampleTarget[], windowMs?: number, signal?: AbortSignal): Promise<ContainerStats[]>;
  /** The host's cgroup mode, once a sample has read the mounts. */
  mode(): CgroupMode | null;
  /** The host's counters as the last sample read them (also with no containers), or null before one. */
  host(): HostSample | null;
  /** Releases kept-open files. */
  close(): void;
}

/** What a container resolves to, cached while its init pid lives. */
interface Resolved {
  pid: number;
  path: string;
  files: ContainerFiles;
  /** Inode of its network namespace; null when unknown. */
  netns: number | null;
  /** PSI as last read, reused until the kernel recomputes it (PSI_PERIOD_MS). */
  pressure: { readAtMs: number; values: Pressure } | null;
}

const PROC_STAT = '/proc/stat';
const MEMINFO = '/proc/meminfo';

/** Every file a container may be read from (net/dev too: a streaming reader drops it from its list). */
function filesOf(r: Resolved): string[] {
  return [...[...r.files.counters, ...r.files.pressure].map((f) => f.path), `/proc/${r.pid}/net/dev`];
}

function systemClock(): SampleTime {
  return { wallMs: Date.now(), monotonicMs: performance.now() };
}

function keyOf(t: SampleTarget): string {
  return `${t.id}\u0000${t.pid}`;
}

function text(reads: ReadonlyMap<string, Buffer | Error>, path: string): string | null {
  const content = reads.get(path);
  return content === undefined || content instanceof Error ? null : content.toString('latin1');
}

function hostCounters(reads: ReadonlyMap<string, Buffer | Error>): HostCounters {
  const stat = text(reads, PROC_STAT);
  const meminfo = text(reads, MEMINFO);
  return {
    ...(stat === null ? { systemCpuNs: null, onlineCpus: null, idleCpuNs: null } : parseProcStat(stat)),
    memTotalBytes: meminfo === null ? null : parseMemTotal(meminfo),
    memAvailableBytes: meminfo === null ? null : parseMemAvailable(meminfo),
  };
}

/**
 * A sampler reading through `transport` (any node). Mount points come from
 * the transport's /proc/self/mountinfo; container cgroups from
 * /proc/<pid>/cgroup, read on the host, where paths are the host's.
 */
export function createSampler(transport: MetricsTransport, options: SamplerOptions = {}): Sampler {
  const reader: CounterReader = options.reader ?? { readFiles: (paths) => transport.readFiles(paths) };
  const clock = options.clock ?? systemClock;
  const withPressure = options.pressure ?? true;
  const cache = new Map<string, Resolved>();
  let mounts: CgroupMount[] | null = null;
  let mode: CgroupMode | null = null;
  let hostNetns: number | null = null;
  let lastHost: HostSample | null = null;

  const loadMounts = async (): Promise<CgroupMount[]> => {
    if (mounts) return mounts;
    const read = (await transport.readFiles(['/proc/self/mountinfo'])).get('/proc/self/mountinfo');
    if (read === undefined || read instanceof Error) {
      throw new BerthError('runtime', `cannot read the mount table on node ${transport.node}: ${read?.message ?? 'no answer'}`, { node: transport.node });
    }
    const found = parseCgroupMounts(read.toString('utf8'));
    mode = detectMode(found);
    if (mode === null) {
      throw new BerthError('runtime', `no cgroup file system is mounted on node ${transport.node}, so there are no container counters to read`, {
        node: transport.node,
        hint: 'mount cgroup2 at /sys/fs/cgroup (or the v1 controllers), as every container runtime needs',
      });
    }
    mounts = found;
    return found;
  };

  /** Resolves new targets' cgroups and namespaces: one batch read and one `stat` run. */
  const resolve = async (targets: readonly SampleTarget[], known: CgroupMount[]): Promise<void> => {
    const reads = await transport.readFiles(targets.map((t) => `/proc/${t.pid}/cgroup`));
    const resolved: SampleTarget[] = [];
    for (const t of targets) {
      const content = text(reads, `/proc/${t.pid}/cgroup`);
      const dirs = content === null ? null : resolveDirs(parseProcCgroup(content), known, t.id);
      if (!dirs) continue; // pid gone or in no reachable cgroup: try again next tick
      cache.set(keyOf(t), { pid: t.pid, path: dirs.path, files: counterFiles(dirs), netns: null, pressure: null });
      resolved.push(t);
    }
    if (resolved.length === 0) return;
    const inodes = await readNetnsInodes(transport, resolved.map((t) => t.pid));
    if (!inodes) return;
    hostNetns ??= inodes.host;
    for (const t of resolved) cache.get(keyOf(t))!.netns = inodes.byPid.get(t.pid) ?? null;
  };

  const sample = async (targets: readonly SampleTarget[]): Promise<RawSample[]> => {
    const known = await loadMounts();
    const fresh = targets.filter((t) => !cache.has(keyOf(t)));
    if (fresh.length > 0) await resolve(fresh, known);
    const live = targets.flatMap((t) => {
      const r = cache.get(keyOf(t));
      return r ? [{ t, r }] : [];
    });
    const netns = attributeNetns(live.map(({ t, r }) => ({ id: t.id, pid: t.pid, inode: r.netns })), hostNetns);

    const now = clock().monotonicMs;
    const paths = [PROC_STAT, MEMINFO];
    const psiDue = new Set<Resolved>();
    for (const { t, r } of live) {
      for (const f of r.files.counters) paths.push(f.path);
      if (withPressure && r.files.pressure.length > 0 && (!r.pressure || now - r.pressure.readAtMs >= PSI_PERIOD_MS)) {
        psiDue.add(r);
        for (const f of r.files.pressure) paths.push(f.path);
      }
      const share = netns.get(t.id)?.share;
      if (share === 'own' || share === 'shared-owner') paths.push(`/proc/${t.pid}/net/dev`);
    }
    const before = clock();
    const reads = await reader.readFiles(paths);
    const after = clock();
    // Reads are spread over the pass; its midpoint is the best single time for all,
    // unless the reader knows when its files were read (a streamed record's arrival).
    const at: SampleTime = reader.takenAt?.() ?? { wallMs: (before.wallMs + after.wallMs) / 2, monotonicMs: (before.monotonicMs + after.monotonicMs) / 2 };
    const host = hostCounters(reads);
    lastHost = { at, counters: host };

    const out: RawSample[] = [];
    for (const { t, r } of live) {
      const counters = decodeCounters(r.files.counters, reads);
      if (!counters) {
        reader.forget?.(filesOf(r)); // gone: release kept-open files of its removed cgroup now
        continue;
      }
      if (psiDue.has(r)) r.pressure = { readAtMs: at.monotonicMs, values: decodePressure(r.files.pressure, reads) };
      if (r.pressure) counters.pressure = { ...r.pressure.values };
      const attribution = netns.get(t.id) ?? { share: 'unknown' as const, attributedTo: null };
      const counted = attribution.share === 'own' || attribution.share === 'shared-owner';
      const dev = counted ? text(reads, `/proc/${t.pid}/net/dev`) : null;
      const net = dev === null ? null : parseNetDev(dev);
      out.push({
        id: t.id,
        name: t.name,
        node: t.node,
        pid: t.pid,
        at,
        cgroup: { mode: mode!, path: r.path },
        ...counters,
        network: { rxBytes: net?.rxBytes ?? null, txBytes: net?.txBytes ?? null, ...attribution },
        host,
      });
    }
    const wanted = new Set(targets.map(keyOf));
    for (const [key, r] of cache) {
      if (wanted.has(key)) continue;
      cache.delete(key);
      reader.forget?.(filesOf(r));
    }
    return out;
  };

  return {
    sample,
    async sampleTwice(targets, windowMs = 200, signal) {
      const first = await sample(targets);
      await sleep(windowMs, undefined, { signal });
      return statsBetween(first, await sample(targets));
    },
    mode: () => mode,
    host: () => lastHost,
    close() {
      reader.close?.();
    },
  };
}

/**
 * The sampler for the machine berth runs on: files stay open between ticks
 * (fd-reader.ts), which cuts the CPU cost of a tick by about 4× against
 * readFileSync. `transport` is still used to resolve new containers.
 */
export function createLocalSampler(transport: MetricsTransport, options: Omit<SamplerOptions, 'reader'> = {}): Sampler {
  return createSampler(transport, { ...options, reader: createFdCacheReader() });
}

/**
 * The sampler for an SSH node: tick files come from the node's streaming
 * sampler (stream/, one long-lived exec channel whose host loop pushes a
 * record every `intervalMs`), so a tick costs no round trip and no new
 * process on the host. New containers are still resolved through
 * `transport` (one batched read and a `stat`, once per container).
 */
export function createRemoteSampler(transport: MetricsTransport & Pick<Transport, 'spawn'>, options: Omit<SamplerOptions, 'reader'> & { intervalMs: number }): Sampler {
  return createSampler(transport, { ...options, reader: createStreamReader(transport, { intervalMs: options.intervalMs }) });
}
