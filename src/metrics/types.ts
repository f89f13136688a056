/**
 * The metrics source's own vocabulary: what a sample holds before rates are
 * derived from two of them (src/metrics/rates.ts). Plain, serialisable
 * objects, so samples can cross a worker or process boundary and be stored.
 */
import type { Transport } from '../transport/types.ts';

/** Which cgroup hierarchy layout a host runs (REFERENCE.md §1, "Detect the mode"). */
export type CgroupMode = 'v1' | 'v2' | 'hybrid';

/** What the sampler needs to know about a running container. */
export interface SampleTarget {
  id: string;
  name: string;
  node: string;
  /** Host pid of the container's init process (ContainerDetail.pid). */
  pid: number;
}

/**
 * When a sample was taken: wall clock for display, monotonic for rates (a
 * wall-clock step must not turn into a CPU spike).
 */
export interface SampleTime {
  /** Milliseconds since the Unix epoch. */
  wallMs: number;
  /** Milliseconds on a monotonic clock (performance.now()); only differences mean anything. */
  monotonicMs: number;
}

/** Host-wide counters read in the same pass as the containers'. */
export interface HostCounters {
  /** Sum of user..softirq of the /proc/stat `cpu` line, in ns (Docker's `system_cpu_usage`). */
  systemCpuNs: number | null;
  /** Number of `cpuN` lines in /proc/stat (Docker's `online_cpus`). */
  onlineCpus: number | null;
  /** MemTotal, the limit Docker shows for a container without one. */
  memTotalBytes: number | null;
  /** idle + iowait of the `cpu` line, in ns: with systemCpuNs, how busy the whole host is. */
  idleCpuNs: number | null;
  /** MemAvailable (what the kernel could hand out without swapping): MemTotal − this is "used". */
  memAvailableBytes: number | null;
}

/** The host's counters at one time (the console's header shows the host's CPU and memory from two). */
export interface HostSample {
  at: SampleTime;
  counters: HostCounters;
}

/**
 * How a container's network counters relate to its namespace:
 * - `own`: it alone has this netns among the targets;
 * - `shared-owner`: several targets share the netns; counted here;
 * - `shared`: several share it; counted on `attributedTo`, null here;
 * - `host`: the host's namespace, whose counters are not the container's;
 * - `unknown`: the namespace could not be identified (permission, no `stat`).
 */
export type NetnsShare = 'own' | 'shared-owner' | 'shared' | 'host' | 'unknown';

/** One container's raw counters at one time. Unknown is null, never 0. */
export interface RawSample {
  id: string;
  name: string;
  node: string;
  pid: number;
  at: SampleTime;
  /** The container's cgroup (path inside the hierarchy) and the host's mode. */
  cgroup: { mode: CgroupMode; path: string };
  cpu: {
    usageNs: number | null;
    /** CFS periods elapsed; null when the counter is absent (v2 without the cpu controller). */
    periods: number | null;
    throttledPeriods: number | null;
    throttledNs: number | null;
  };
  memory: {
    /** v1 memory.usage_in_bytes, v2 memory.current. */
    usageBytes: number | null;
    /** The cgroup's own limit; 'max' when it has none. */
    limitBytes: number | 'max' | null;
    inactiveFileBytes: number | null;
    rssBytes: number | null;
    cacheBytes: number | null;
    oomKills: number | null;
  };
  network: {
    rxBytes: number | null;
    txBytes: number | null;
    share: NetnsShare;
    /** Id of the target whose sample carries this netns's counters (itself when `own`/`shared-owner`). */
    attributedTo: string | null;
  };
  blockIo: { readBytes: number | null; writeBytes: number | null };
  pids: number | null;
  pressure: {
    cpuSome10: number | null;
    memorySome10: number | null;
    memoryFull10: number | null;
    ioSome10: number | null;
  };
  host: HostCounters;
}

/**
 * Reads a batch of small files in one pass; a file that cannot be read maps
 * to its error (ENOENT when a container vanished). Transport.readFiles has
 * this shape; the local fd-caching reader (fd-reader.ts) is a faster one.
 */
export interface CounterReader {
  readFiles(paths: readonly string[]): Promise<Map<string, Buffer | Error>>;
  /** Lets go of files no longer needed (a reader that keeps files open closes them). */
  forget?(paths: readonly string[]): void;
  /** Releases everything the reader holds. */
  close?(): void;
  /**
   * When the files of the last readFiles were read, if the reader knows
   * better than the caller's clock around the call (a streamed record is
   * stamped on arrival; it may have arrived before the call).
   */
  takenAt?(): SampleTime | null;
}

/** The part of a Transport the metrics source uses. */
export type MetricsTransport = Pick<Transport, 'node' | 'readFiles' | 'exec'>;
