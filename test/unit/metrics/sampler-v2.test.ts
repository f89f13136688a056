// The sampler on a pure cgroup v2 host (test/fixtures/cgroup/v2, made by
// make-v2.ts from the kernel's documented formats): every Docker, Podman
// and kubepods layout resolves to the container's own cgroup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../../src/metrics/sampler.ts';
import { statsBetween } from '../../../src/metrics/rates.ts';
import type { SampleTarget } from '../../../src/metrics/types.ts';
import { fixtureTransport } from './fixture-transport.ts';

const ROOT = join(import.meta.dirname, '../../fixtures/cgroup/v2');
interface Entry {
  layout: string;
  id: string;
  pid: number;
  cgroup: string;
  netns: string;
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'containers.json'), 'utf8')) as Entry[];
const target = (e: Entry): SampleTarget => ({ id: e.id, name: e.layout, node: 'v2', pid: e.pid });
const byLayout = (part: string): Entry => manifest.find((e) => e.layout.includes(part))!;
const clock = () => ({ wallMs: Date.UTC(2025, 0, 1), monotonicMs: 5000 });

describe('sampling a pure cgroup v2 host', () => {
  it.each(manifest.map((e) => [e.layout, e] as const))('%s resolves to its own cgroup', async (_layout, entry) => {
    const sampler = createSampler(fixtureTransport(ROOT), { clock });
    const [s] = await sampler.sample([target(entry)]);
    expect(sampler.mode()).toBe('v2');
    expect(s?.cgroup).toEqual({ mode: 'v2', path: entry.cgroup });
    expect(s?.pids).toBe(entry.pid - 1000);
  });

  it('reads v2 counters in v2 units: usage_usec and throttled_usec to ns, io.stat over devices, memory.events oom_kill', async () => {
    const [s] = await createSampler(fixtureTransport(ROOT), { clock }).sample([target(byLayout('docker, systemd driver'))]);
    expect(s).toMatchObject({
      cpu: { usageNs: 8153284000, periods: 1200, throttledPeriods: 300, throttledNs: 4500000000 },
      memory: { usageBytes: 4194304, limitBytes: 536870912, inactiveFileBytes: 1597440, rssBytes: 1486848, cacheBytes: 2158592, oomKills: 2 },
      blockIo: { readBytes: 3145728, writeBytes: 4194304 },
      pressure: { cpuSome10: 1.5, memorySome10: 0.25, memoryFull10: 0.1, ioSome10: 3 },
      network: { rxBytes: 123456, txBytes: 65432, share: 'own' },
      host: { onlineCpus: 4, memTotalBytes: 8048576 * 1024 },
    });
    const [stats] = statsBetween([], [s!]);
    expect(stats?.memory).toEqual({
      workingSetBytes: 4194304 - 1597440,
      limitBytes: 536870912,
      percent: ((4194304 - 1597440) / 536870912) * 100,
      rssBytes: 1486848,
      cacheBytes: 2158592,
      oomKills: 2,
    });
  });

  it('memory.max "max" shows the host MemTotal as limit', async () => {
    const [s] = await createSampler(fixtureTransport(ROOT), { clock }).sample([target(byLayout('docker, cgroupfs driver'))]);
    expect(s?.memory.limitBytes).toBe('max');
    expect(statsBetween([], [s!])[0]?.memory.limitBytes).toBe(8048576 * 1024);
  });

  it('systemd in a container: the whole container is read, not init.scope; no cpu controller means no throttling numbers; no PSI files means null', async () => {
    const [s] = await createSampler(fixtureTransport(ROOT), { clock }).sample([target(byLayout('systemd inside'))]);
    expect(s?.cpu).toEqual({ usageNs: 8153284000, periods: null, throttledPeriods: null, throttledNs: null });
    expect(s?.memory.usageBytes).toBe(4194304);
    expect(s?.pressure).toEqual({ cpuSome10: null, memorySome10: null, memoryFull10: null, ioSome10: null });
    expect(statsBetween([], [s!])[0]?.cpu).toEqual({ percent: null, throttledPercent: null, throttledSeconds: null });
  });

  it('a pod is counted once, on its sandbox; a host-network container not at all', async () => {
    const pause = byLayout('(sandbox)');
    const member = byLayout('shares the pause');
    const hostNet = byLayout('--network host');
    const samples = await createSampler(fixtureTransport(ROOT), { clock }).sample(manifest.map(target));
    const net = (e: Entry) => samples.find((s) => s.id === e.id)?.network;
    expect(net(pause)).toEqual({ rxBytes: 123456, txBytes: 65432, share: 'shared-owner', attributedTo: pause.id });
    expect(net(member)).toEqual({ rxBytes: null, txBytes: null, share: 'shared', attributedTo: pause.id });
    expect(net(hostNet)).toEqual({ rxBytes: null, txBytes: null, share: 'host', attributedTo: null });
    expect(samples).toHaveLength(manifest.length);
    const counted = samples.filter((s) => s.network.rxBytes !== null);
    expect(counted).toHaveLength(manifest.length - 2);
  });
});
