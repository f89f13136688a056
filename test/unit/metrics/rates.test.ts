import { describe, expect, it } from 'vitest';
import { cpuPercent, dockerCpuPercent, effectiveLimitBytes, hostUsage, statsBetween, throttledPercent, toStats, workingSetBytes } from '../../../src/metrics/rates.ts';
import type { RawSample } from '../../../src/metrics/types.ts';

const GiB = 1024 ** 3;

/** A sample at `seconds` on the monotonic clock, with counters overridden. */
function sample(seconds: number, over: { [K in keyof RawSample]?: Partial<RawSample[K]> } = {}): RawSample {
  const base: RawSample = {
    id: 'c1',
    name: 'web',
    node: 'local',
    pid: 100,
    at: { wallMs: Date.UTC(2025, 0, 1) + seconds * 1000, monotonicMs: 10_000 + seconds * 1000 },
    cgroup: { mode: 'v2', path: '/docker/c1' },
    cpu: { usageNs: 0, periods: 0, throttledPeriods: 0, throttledNs: 0 },
    memory: { usageBytes: 100, limitBytes: 'max', inactiveFileBytes: 10, rssBytes: 50, cacheBytes: 40, oomKills: 0 },
    network: { rxBytes: 0, txBytes: 0, share: 'own', attributedTo: 'c1' },
    blockIo: { readBytes: 0, writeBytes: 0 },
    pids: 3,
    pressure: { cpuSome10: 1, memorySome10: 2, memoryFull10: 3, ioSome10: 4 },
    host: { systemCpuNs: 0, onlineCpus: 2, memTotalBytes: 8 * GiB, idleCpuNs: 0, memAvailableBytes: 4 * GiB },
  };
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(over)) out[k] = typeof v === 'object' && v !== null ? { ...(base as unknown as Record<string, object>)[k], ...v } : v;
  return out as unknown as RawSample;
}

describe('CPU %', () => {
  it('is Δusage over Δwall in percent of one core', () => {
    expect(cpuPercent(sample(0), sample(1, { cpu: { usageNs: 0.5e9 } }))).toBeCloseTo(50, 10);
    expect(cpuPercent(sample(0), sample(0.2, { cpu: { usageNs: 0.4e9 } }))).toBeCloseTo(200, 10);
  });

  it("Docker's formula gives the same number when /proc/stat advanced by online_cpus × wall", () => {
    const prev = sample(0, { host: { systemCpuNs: 1e12 } });
    const next = sample(1, { cpu: { usageNs: 0.75e9 }, host: { systemCpuNs: 1e12 + 2 * 1e9 } });
    expect(dockerCpuPercent(prev, next)).toBeCloseTo(cpuPercent(prev, next)!, 10);
  });

  it("Docker's formula reproduces REFERENCE.md's check: 1,234,846 ns / 1.94e9 × 2 × 100 = 0.127%", () => {
    const prev = sample(0, { host: { systemCpuNs: 5e12 } });
    const next = sample(0.97, { cpu: { usageNs: 1_234_846 }, host: { systemCpuNs: 5e12 + 1.94e9 } });
    expect(dockerCpuPercent(prev, next)).toBeCloseTo(0.1273, 4);
  });

  it('on a VM with steal, Docker reads higher than the wall clock (steal leaves Δsystem short)', () => {
    const prev = sample(0, { host: { systemCpuNs: 0 } });
    const next = sample(1, { cpu: { usageNs: 1e9 }, host: { systemCpuNs: 1.8e9 } }); // 0.2 s of 2 CPU-seconds stolen
    expect(cpuPercent(prev, next)).toBeCloseTo(100, 10);
    expect(dockerCpuPercent(prev, next)).toBeCloseTo(111.1, 1);
  });

  it('a counter that went backwards (reset, wrap) is null, never negative', () => {
    expect(cpuPercent(sample(0, { cpu: { usageNs: 5e9 } }), sample(1, { cpu: { usageNs: 1e9 } }))).toBeNull();
  });

  it('samples out of order or at the same instant give no rate', () => {
    expect(cpuPercent(sample(1), sample(1, { cpu: { usageNs: 5 } }))).toBeNull();
    expect(cpuPercent(sample(2), sample(1, { cpu: { usageNs: 5 } }))).toBeNull();
  });

  it('an idle container reads 0, a known value', () => {
    expect(cpuPercent(sample(0, { cpu: { usageNs: 7 } }), sample(1, { cpu: { usageNs: 7 } }))).toBe(0);
  });
});

describe('CPU throttling', () => {
  it('is the share of periods in which the quota ran out', () => {
    const prev = sample(0, { cpu: { periods: 100, throttledPeriods: 10 } });
    const next = sample(1, { cpu: { periods: 110, throttledPeriods: 15 } });
    expect(throttledPercent(prev, next)).toBe(50);
  });

  it('is null without a quota (no periods counted) and 0 for a limited container that did not run', () => {
    expect(throttledPercent(sample(0), sample(1))).toBeNull();
    const idle = sample(0, { cpu: { periods: 100, throttledPeriods: 10 } });
    expect(throttledPercent(idle, sample(1, { cpu: { periods: 100, throttledPeriods: 10 } }))).toBe(0);
  });

  it('is null where the counters are absent (v2 without the cpu controller)', () => {
    const none = { periods: null, throttledPeriods: null, throttledNs: null };
    expect(throttledPercent(sample(0, { cpu: none }), sample(1, { cpu: none }))).toBeNull();
  });

  it('seconds are the cumulative throttled time', () => {
    expect(toStats(sample(1, { cpu: { throttledNs: 2.5e9 } })).cpu.throttledSeconds).toBe(2.5);
  });
});

describe('memory', () => {
  it('working set is usage minus inactive file, clamped at 0', () => {
    expect(workingSetBytes(sample(0).memory)).toBe(90);
    expect(workingSetBytes(sample(0, { memory: { usageBytes: 5, inactiveFileBytes: 10 } }).memory)).toBe(0);
    expect(workingSetBytes(sample(0, { memory: { inactiveFileBytes: null } }).memory)).toBeNull();
  });

  it('an unlimited cgroup (or one above host RAM) shows MemTotal; a real limit shows itself', () => {
    expect(effectiveLimitBytes('max', 8 * GiB)).toBe(8 * GiB);
    expect(effectiveLimitBytes(9223372036854771712, 8 * GiB)).toBe(8 * GiB);
    expect(effectiveLimitBytes(GiB, 8 * GiB)).toBe(GiB);
    expect(effectiveLimitBytes('max', null)).toBeNull();
    expect(effectiveLimitBytes(null, 8 * GiB)).toBeNull();
  });

  it('percent is of the limit', () => {
    const stats = toStats(sample(0, { memory: { usageBytes: GiB / 2, inactiveFileBytes: 0, limitBytes: GiB } }));
    expect(stats.memory.percent).toBe(50);
  });
});

describe('network and block I/O', () => {
  it('rates are bytes per second over the window; totals are the counters', () => {
    const prev = sample(0, { network: { rxBytes: 1000, txBytes: 500 }, blockIo: { readBytes: 0, writeBytes: 4096 } });
    const next = sample(2, { network: { rxBytes: 3000, txBytes: 500 }, blockIo: { readBytes: 8192, writeBytes: 4096 } });
    const stats = toStats(next, prev);
    expect(stats.network).toEqual({ rxBytesPerSec: 1000, txBytesPerSec: 0, rxBytes: 3000, txBytes: 500 });
    expect(stats.blockIo).toEqual({ readBytesPerSec: 4096, writeBytesPerSec: 0, readBytes: 8192, writeBytes: 4096 });
  });

  it('an interface counter that dropped (interface removed) gives a null rate', () => {
    const stats = toStats(sample(1, { network: { rxBytes: 10 } }), sample(0, { network: { rxBytes: 100 } }));
    expect(stats.network.rxBytesPerSec).toBeNull();
    expect(stats.network.rxBytes).toBe(10);
  });

  it('a container not carrying its namespace shows null network, even with counters in the sample', () => {
    const shared = { share: 'shared' as const, attributedTo: 'c0', rxBytes: 5, txBytes: 5 };
    expect(toStats(sample(1, { network: shared }), sample(0, { network: shared })).network).toEqual({ rxBytesPerSec: null, txBytesPerSec: null, rxBytes: null, txBytes: null });
  });
});

describe('statsBetween', () => {
  it('pairs samples by container process; new or restarted containers get null rates; gone ones are left out', () => {
    const prev = [sample(0, { cpu: { usageNs: 0 } }), { ...sample(0), id: 'gone' }, { ...sample(0), id: 'restarted', pid: 7 }];
    const next = [{ ...sample(1, { cpu: { usageNs: 1e9 } }), id: 'restarted', pid: 8 }, sample(1, { cpu: { usageNs: 0.25e9 } }), { ...sample(1), id: 'new' }];
    const out = statsBetween(prev, next);
    expect(out.map((s) => [s.id, s.windowSeconds, s.cpu.percent])).toEqual([
      ['restarted', null, null],
      ['c1', 1, 25],
      ['new', null, null],
    ]);
  });

  it('a first sample has every rate null and every total set', () => {
    const [stats] = statsBetween([], [sample(0)]);
    expect(stats).toMatchObject({ windowSeconds: null, cpu: { percent: null, throttledPercent: null }, network: { rxBytesPerSec: null, rxBytes: 0 }, pids: 3 });
    expect(stats?.at).toBe('2025-01-01T00:00:00.000Z');
  });

  it('the same container id on two nodes is two containers', () => {
    const a = sample(0, { cpu: { usageNs: 0 } });
    const b = { ...sample(1, { cpu: { usageNs: 1e9 } }), node: 'other' };
    expect(statsBetween([a], [b])[0]?.cpu.percent).toBeNull();
  });
});

describe('hostUsage', () => {
  const counters = (busy: number, idle: number, available: number | null) => ({
    systemCpuNs: (busy + idle) * 1e9, idleCpuNs: idle * 1e9, onlineCpus: 2, memTotalBytes: 8 * GiB, memAvailableBytes: available,
  });

  it('is the busy share of all CPUs between two samples, and MemTotal − MemAvailable', () => {
    // 3 s busy and 1 s idle out of 4 CPU-seconds: 75 % of the host
    expect(hostUsage(counters(100, 300, 6 * GiB), counters(103, 301, 5 * GiB))).toEqual({ cpuPercent: 75, onlineCpus: 2, memUsedBytes: 3 * GiB, memTotalBytes: 8 * GiB });
  });

  it('is unknown, not 0, on the first sample, a counter that went back, or without MemAvailable', () => {
    expect(hostUsage(null, counters(1, 1, null))).toEqual({ cpuPercent: null, onlineCpus: 2, memUsedBytes: null, memTotalBytes: 8 * GiB });
    expect(hostUsage(counters(100, 300, 1), counters(50, 100, 1)).cpuPercent).toBeNull();
  });
});
