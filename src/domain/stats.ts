/**
 * The "Stats item" of CLI.md: one container's resource usage over a window
 * between two samples. Rates are per second over `windowSeconds`; totals are
 * the kernel's cumulative counters at `at`. Every field berth cannot know is
 * `null`, never 0 (first sample, no PSI, no quota, host network...).
 */

/** CPU, in percent of one core (100 = one core busy the whole window). */
export interface CpuStats {
  percent: number | null;
  /** Share of CFS periods in the window in which the quota was exhausted; null without a quota. */
  throttledPercent: number | null;
  /** Cumulative time the container was throttled (as cAdvisor's `container_cpu_cfs_throttled_seconds_total`). */
  throttledSeconds: number | null;
}

/** Memory, with `workingSetBytes` defined as `docker stats` defines "MEM USAGE". */
export interface MemoryStats {
  /** usage − inactive file cache, clamped at 0 (cAdvisor working set). */
  workingSetBytes: number | null;
  /** The cgroup limit, or the host's MemTotal when unlimited (as Docker shows it). */
  limitBytes: number | null;
  /** workingSetBytes / limitBytes × 100. */
  percent: number | null;
  /** Anonymous memory (v1 `total_rss`, v2 `anon`). */
  rssBytes: number | null;
  /** Page cache (v1 `total_cache`, v2 `file`), tmpfs and shared memory included. */
  cacheBytes: number | null;
  /** Processes killed by the OOM killer in this cgroup since it was created. */
  oomKills: number | null;
}

/**
 * Network of the container's network namespace, `lo` excluded. Null for a
 * host-network container (those counters are the host's) and for all but
 * one of the containers sharing a namespace (counted once, on the one with
 * the lowest init pid: the pod sandbox, or the `--net=container:` target).
 */
export interface NetworkStats {
  rxBytesPerSec: number | null;
  txBytesPerSec: number | null;
  rxBytes: number | null;
  txBytes: number | null;
}

/** Block I/O through the cgroup (v1 blkio throttle counters, v2 io.stat). */
export interface BlockIoStats {
  readBytesPerSec: number | null;
  writeBytesPerSec: number | null;
  readBytes: number | null;
  writeBytes: number | null;
}

/** PSI `avg10` percentages of the container's cgroup; null where the kernel has no per-cgroup PSI. */
export interface PressureStats {
  cpuSome10: number | null;
  memorySome10: number | null;
  memoryFull10: number | null;
  ioSome10: number | null;
}

/** One container's stats (CLI.md "Stats item"). */
export interface ContainerStats {
  id: string;
  name: string;
  node: string;
  /** RFC 3339 time of the later sample. */
  at: string;
  /** Seconds between the two samples; null for a first sample (rates are then null too). */
  windowSeconds: number | null;
  cpu: CpuStats;
  memory: MemoryStats;
  network: NetworkStats;
  blockIo: BlockIoStats;
  pids: number | null;
  pressure: PressureStats;
}
