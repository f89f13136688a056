/**
 * Rates from two samples: pure functions, so the CLI, the console and the
 * tests derive the same numbers from the same counters (DESIGN.md "Rates
 * are computed by pure functions from two samples"). A rate needs an
 * earlier sample of the same container process; without one, or when a
 * counter went backwards (reset, wrap), it is null, never 0 or negative.
 */
import type { ContainerStats } from '../domain/stats.ts';
import type { HostCounters, RawSample } from './types.ts';

/** Seconds between two samples, or null when they are not in order. */
export function windowSeconds(prev: RawSample, next: RawSample): number | null {
  const ms = next.at.monotonicMs - prev.at.monotonicMs;
  return ms > 0 ? ms / 1000 : null;
}

/** next − prev, or null when either is unknown or the counter went backwards. */
export function delta(prev: number | null, next: number | null): number | null {
  if (prev === null || next === null) return null;
  const d = next - prev;
  return d >= 0 ? d : null;
}

/** A counter's rate per second over `seconds`. */
export function perSecond(prev: number | null, next: number | null, seconds: number | null): number | null {
  const d = delta(prev, next);
  return d === null || seconds === null ? null : d / seconds;
}

/**
 * CPU % as berth shows it: Δusage_ns / Δwall_ns × 100, in percent of one
 * core. This is what `docker stats` means (Δusage / Δsystem × online_cpus
 * × 100, docker/cli stats_helpers.go): Δsystem is all CPUs' time, i.e.
 * online_cpus × Δwall, minus steal. berth uses the monotonic clock because
 * /proc/stat counts in 1/100 s ticks (one tick is 2.5% of a 200 ms window
 * on 2 CPUs) and leaves out steal, so Docker reads high on VMs with steal
 * time. Measured on this 2-vCPU VM with a busy loop: the two differ by up
 * to 1 point at a 200 ms window and 2 points at 1 s. See dockerCpuPercent
 * for Docker's exact formula.
 */
export function cpuPercent(prev: RawSample, next: RawSample): number | null {
  const seconds = windowSeconds(prev, next);
  const used = delta(prev.cpu.usageNs, next.cpu.usageNs);
  return seconds === null || used === null ? null : (used / (seconds * 1e9)) * 100;
}

/**
 * Docker's own CPU % (docker/cli `calculateCPUPercentUnix`): Δusage over
 * Δ(/proc/stat user..softirq) × online CPUs × 100. Kept to compare with
 * `docker stats` and to document why berth's cpuPercent differs slightly.
 */
export function dockerCpuPercent(prev: RawSample, next: RawSample): number | null {
  const used = delta(prev.cpu.usageNs, next.cpu.usageNs);
  const system = delta(prev.host.systemCpuNs, next.host.systemCpuNs);
  const cpus = next.host.onlineCpus;
  if (used === null || system === null || cpus === null || system === 0) return null;
  return (used / system) * cpus * 100;
}

/**
 * Share of CFS periods in the window in which the container hit its quota
 * (Δnr_throttled / Δnr_periods × 100, kernel sched-bwc.rst). Null without
 * a quota (the kernel counts no periods then); 0 when it had periods
 * before but none in this window (it did not run).
 */
export function throttledPercent(prev: RawSample, next: RawSample): number | null {
  const periods = delta(prev.cpu.periods, next.cpu.periods);
  const throttled = delta(prev.cpu.throttledPeriods, next.cpu.throttledPeriods);
  if (periods === null || throttled === null || next.cpu.periods === 0) return null;
  return periods === 0 ? 0 : (throttled / periods) * 100;
}

/**
 * The working set, `docker stats`' MEM USAGE: usage minus inactive file
 * cache (docker/cli `calculateMemUsageUnixNoCache`; cAdvisor
 * `container_memory_working_set_bytes`), clamped at 0 as cAdvisor does.
 * v1 usage_in_bytes is approximate (per-CPU charge batches), so for a
 * cgroup made of inactive page cache it can dip below inactive_file;
 * Docker then shows the full usage, berth (and kubectl top) 0.
 */
export function workingSetBytes(memory: RawSample['memory']): number | null {
  if (memory.usageBytes === null || memory.inactiveFileBytes === null) return null;
  return Math.max(0, memory.usageBytes - memory.inactiveFileBytes);
}

/**
 * The limit Docker shows: the cgroup's own, or the host's MemTotal when
 * the cgroup has none (`max` on v2, PAGE_COUNTER_MAX on v1) or one above
 * the host's memory (moby daemon/stats_unix.go uses machineMemory).
 */
export function effectiveLimitBytes(limit: number | 'max' | null, memTotal: number | null): number | null {
  if (limit === null) return null;
  if (limit === 'max') return memTotal;
  return memTotal !== null && limit > memTotal ? memTotal : limit;
}

/** Whether this sample carries its network namespace's counters. */
function countsNetwork(s: RawSample): boolean {
  return s.network.share === 'own' || s.network.share === 'shared-owner';
}

/**
 * The stats item of `next`, with rates against `prev` (an earlier sample of
 * the same container process) or null rates when there is none.
 */
export function toStats(next: RawSample, prev?: RawSample): ContainerStats {
  const seconds = prev ? windowSeconds(prev, next) : null;
  const before = seconds === null ? undefined : prev;
  const ws = workingSetBytes(next.memory);
  const limit = effectiveLimitBytes(next.memory.limitBytes, next.host.memTotalBytes);
  const net = countsNetwork(next);
  const netPrev = before && countsNetwork(before) ? before : undefined;
  return {
    id: next.id,
    name: next.name,
    node: next.node,
    at: new Date(next.at.wallMs).toISOString(),
    windowSeconds: seconds,
    cpu: {
      percent: before ? cpuPercent(before, next) : null,
      throttledPercent: before ? throttledPercent(before, next) : null,
      throttledSeconds: next.cpu.throttledNs === null ? null : next.cpu.throttledNs / 1e9,
    },
    memory: {
      workingSetBytes: ws,
      limitBytes: limit,
      percent: ws === null || !limit ? null : (ws / limit) * 100,
      rssBytes: next.memory.rssBytes,
      cacheBytes: next.memory.cacheBytes,
      oomKills: next.memory.oomKills,
    },
    network: {
      rxBytesPerSec: net && netPrev ? perSecond(netPrev.network.rxBytes, next.network.rxBytes, seconds) : null,
      txBytesPerSec: net && netPrev ? perSecond(netPrev.network.txBytes, next.network.txBytes, seconds) : null,
      rxBytes: net ? next.network.rxBytes : null,
      txBytes: net ? next.network.txBytes : null,
    },
    blockIo: {
      readBytesPerSec: before ? perSecond(before.blockIo.readBytes, next.blockIo.readBytes, seconds) : null,
      writeBytesPerSec: before ? perSecond(before.blockIo.writeBytes, next.blockIo.writeBytes, seconds) : null,
      readBytes: next.blockIo.readBytes,
      writeBytes: next.blockIo.writeBytes,
    },
    pids: next.pids,
    pressure: { ...next.pressure },
  };
}

/** Identity of a container process: a restart (new pid) starts its counters afresh. */
function processKey(s: RawSample): string {
  return `${s.node}\u0000${s.id}\u0000${s.pid}`;
}

/**
 * Stats for every container of `next`, with rates against its sample in
 * `prev` (same node, id and init pid). Containers only in `prev` (gone) are
 * left out; containers only in `next` (new, restarted) get null rates.
 */
export function statsBetween(prev: readonly RawSample[], next: readonly RawSample[]): ContainerStats[] {
  const earlier = new Map(prev.map((s) => [processKey(s), s]));
  return next.map((s) => toStats(s, earlier.get(processKey(s))));
}

/** How busy a whole host was between two samples, and its memory now. */
export interface HostUsage {
  /** Busy share of all its CPUs, 0–100 (100 = every CPU busy); null when unknown. */
  cpuPercent: number | null;
  onlineCpus: number | null;
  /** MemTotal − MemAvailable. */
  memUsedBytes: number | null;
  memTotalBytes: number | null;
}

/**
 * The host's CPU (Δ(total − idle − iowait) / Δtotal of /proc/stat, as top
 * shows "us+sy+…") and memory (MemTotal − MemAvailable, as free's "used").
 * Null where a counter is missing or went backwards; never a guess.
 */
export function hostUsage(prev: HostCounters | null, next: HostCounters): HostUsage {
  const total = prev ? delta(prev.systemCpuNs, next.systemCpuNs) : null;
  const idle = prev ? delta(prev.idleCpuNs, next.idleCpuNs) : null;
  const cpuPercent = total !== null && idle !== null && total > 0 && idle <= total ? ((total - idle) / total) * 100 : null;
  const used = next.memTotalBytes !== null && next.memAvailableBytes !== null ? Math.max(0, next.memTotalBytes - next.memAvailableBytes) : null;
  return { cpuPercent, onlineCpus: next.onlineCpus, memUsedBytes: used, memTotalBytes: next.memTotalBytes };
}
