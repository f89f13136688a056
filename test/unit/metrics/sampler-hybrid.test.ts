// The sampler on real files captured from this cgroup v1 + unified host
// (test/fixtures/cgroup/v1-hybrid): Docker and Podman containers, a shared
// and a host network namespace, an OOM kill, CFS throttling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../../src/metrics/sampler.ts';
import { statsBetween } from '../../../src/metrics/rates.ts';
import type { SampleTarget } from '../../../src/metrics/types.ts';
import { fixtureTransport } from './fixture-transport.ts';

const ROOT = join(import.meta.dirname, '../../fixtures/cgroup/v1-hybrid');
const manifest = JSON.parse(readFileSync(join(ROOT, 'containers.json'), 'utf8')) as { engine: string; name: string; id: string; pid: number }[];
const targets: SampleTarget[] = manifest.map((c) => ({ id: c.id, name: c.name, node: c.engine, pid: c.pid }));
const [app, joined, host, podman] = targets as [SampleTarget, SampleTarget, SampleTarget, SampleTarget];
const clock = () => ({ wallMs: Date.UTC(2025, 0, 1), monotonicMs: 1000 });

describe('sampling a captured hybrid host', () => {
  it('reads Docker cap-app as the kernel left it: throttled, OOM-killed once, 8 MiB tmpfs', async () => {
    const sampler = createSampler(fixtureTransport(ROOT), { clock });
    const [s] = await sampler.sample([app]);
    expect(sampler.mode()).toBe('hybrid');
    expect(s).toMatchObject({
      id: app.id,
      cgroup: { mode: 'hybrid', path: `/berth-lab-TkcxD6-d1/${app.id}` },
      cpu: { usageNs: 1435758327, periods: 41, throttledPeriods: 13, throttledNs: 435095032 },
      memory: { usageBytes: 8732672, limitBytes: 33554432, inactiveFileBytes: 0, rssBytes: 65536, cacheBytes: 8388608, oomKills: 1 },
      blockIo: { readBytes: null, writeBytes: null },
      pids: 1,
      pressure: { cpuSome10: 11.91, memorySome10: 0, memoryFull10: 0, ioSome10: 0 },
      network: { rxBytes: 0, txBytes: 0, share: 'own' },
      host: { onlineCpus: 2, memTotalBytes: 24684084 * 1024 },
    });
  });

  it('reads Podman libpod-<id> the same way', async () => {
    const [s] = await createSampler(fixtureTransport(ROOT), { clock }).sample([podman]);
    expect(s?.cgroup.path).toBe(`/berth-lab-TkcxD6-podman/libpod-${podman.id}`);
    expect(s?.cpu).toEqual({ usageNs: 1427784936, periods: 33, throttledPeriods: 17, throttledNs: 566147939 });
    expect(s?.memory.oomKills).toBe(1);
  });

  it('counts a shared netns once and a host netns never', async () => {
    const samples = await createSampler(fixtureTransport(ROOT), { clock }).sample(targets);
    const net = Object.fromEntries(samples.map((s) => [s.name + '@' + s.node, s.network]));
    expect(net['cap-app@docker1']).toEqual({ rxBytes: 0, txBytes: 0, share: 'shared-owner', attributedTo: app.id });
    expect(net['cap-joined@docker1']).toEqual({ rxBytes: null, txBytes: null, share: 'shared', attributedTo: app.id });
    expect(net['cap-host@docker1']).toEqual({ rxBytes: null, txBytes: null, share: 'host', attributedTo: null });
    expect(net['cap-app@podman']?.share).toBe('own');
    expect(samples.map((s) => s.id)).toEqual(targets.map((t) => t.id));
    expect(joined.pid).toBeGreaterThan(app.pid);
    expect(host.pid).toBeGreaterThan(0);
  });

  it('turns a first sample into a stats item with totals and null rates', async () => {
    const samples = await createSampler(fixtureTransport(ROOT), { clock }).sample([app]);
    const [stats] = statsBetween([], samples);
    expect(stats).toEqual({
      id: app.id,
      name: 'cap-app',
      node: 'docker1',
      at: '2025-01-01T00:00:00.000Z',
      windowSeconds: null,
      cpu: { percent: null, throttledPercent: null, throttledSeconds: 0.435095032 },
      memory: { workingSetBytes: 8732672, limitBytes: 33554432, percent: (8732672 / 33554432) * 100, rssBytes: 65536, cacheBytes: 8388608, oomKills: 1 },
      network: { rxBytesPerSec: null, txBytesPerSec: null, rxBytes: 0, txBytes: 0 },
      blockIo: { readBytesPerSec: null, writeBytesPerSec: null, readBytes: null, writeBytes: null },
      pids: 1,
      pressure: { cpuSome10: 11.91, memorySome10: 0, memoryFull10: 0, ioSome10: 0 },
    });
  });

  it('an unlimited v1 container shows the host MemTotal as its limit, as Docker does', async () => {
    const [s] = await createSampler(fixtureTransport(ROOT), { clock }).sample([joined]);
    expect(s?.memory.limitBytes).toBeGreaterThan(2 ** 62);
    expect(statsBetween([], [s!])[0]?.memory.limitBytes).toBe(24684084 * 1024);
  });

  it('after the first tick, a tick is one batch of reads: no re-resolving, no commands', async () => {
    const transport = fixtureTransport(ROOT);
    const sampler = createSampler(transport, { clock });
    await sampler.sample(targets);
    expect(transport.execs).toHaveLength(1);
    transport.reads.length = 0;
    await sampler.sample(targets);
    expect(transport.execs).toHaveLength(1);
    expect(transport.reads.filter((p) => p.endsWith('/cgroup') || p.endsWith('/mountinfo'))).toEqual([]);
    expect(transport.reads.filter((p) => p.endsWith('/net/dev'))).toEqual([`/proc/${app.pid}/net/dev`, `/proc/${podman.pid}/net/dev`]);
  });

  it('skips a container whose cgroup vanished mid-sample, and one whose pid is gone', async () => {
    const gone = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    const usage = `/sys/fs/cgroup/cpuacct/berth-lab-TkcxD6-d1/${app.id}/cpuacct.usage`;
    const samples = await createSampler(fixtureTransport(ROOT, { [usage]: gone }), { clock }).sample([...targets, { id: 'f'.repeat(64), name: 'ghost', node: 'docker1', pid: 999999 }]);
    expect(samples.map((s) => s.name)).toEqual(['cap-joined', 'cap-host', 'cap-app']);
  });

  it('a counter it may not read is null, the container still sampled', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const [s] = await createSampler(fixtureTransport(ROOT, { [`/sys/fs/cgroup/memory/berth-lab-TkcxD6-d1/${app.id}/memory.stat`]: denied }), { clock }).sample([app]);
    expect(s?.memory).toMatchObject({ usageBytes: 8732672, inactiveFileBytes: null, rssBytes: null, cacheBytes: null });
    expect(statsBetween([], [s!])[0]?.memory.workingSetBytes).toBeNull();
  });

  it('without pressure wanted (the console) no PSI file is read and pressure is null; the other counters are the same', async () => {
    const transport = fixtureTransport(ROOT);
    const [s] = await createSampler(transport, { clock, pressure: false }).sample([app]);
    expect(transport.reads.filter((p) => p.endsWith('.pressure'))).toEqual([]);
    expect(s?.pressure).toEqual({ cpuSome10: null, memorySome10: null, memoryFull10: null, ioSome10: null });
    expect(s?.cpu.usageNs).toBe(1435758327);
    expect(s?.memory.oomKills).toBe(1);
  });

  it('on pure v1 (no unified tree) pressure is null', async () => {
    const mountinfo = readFileSync(join(ROOT, 'proc/self/mountinfo'), 'utf8').split('\n').filter((l) => !l.includes('cgroup2')).join('\n');
    const sampler = createSampler(fixtureTransport(ROOT, { '/proc/self/mountinfo': mountinfo }), { clock });
    const [s] = await sampler.sample([app]);
    expect(sampler.mode()).toBe('v1');
    expect(s?.pressure).toEqual({ cpuSome10: null, memorySome10: null, memoryFull10: null, ioSome10: null });
    expect(s?.cpu.usageNs).toBe(1435758327);
  });

  it('without `stat` nobody can tell host from own netns: network is null, not the host counters', async () => {
    const transport = fixtureTransport(ROOT);
    transport.exec = async () => {
      throw Object.assign(new Error('spawn stat ENOENT'), { code: 'ENOENT' });
    };
    const samples = await createSampler(transport, { clock }).sample(targets);
    expect(samples.map((s) => [s.network.share, s.network.rxBytes])).toEqual(targets.map(() => ['unknown', null]));
  });

  it('a host without cgroups is a node error naming the node', async () => {
    const sampler = createSampler(fixtureTransport(ROOT, { '/proc/self/mountinfo': '22 27 0:21 / /proc rw - proc proc rw\n' }), { clock });
    await expect(sampler.sample([app])).rejects.toMatchObject({ kind: 'runtime', node: 'fixture', message: expect.stringContaining('no cgroup file system') });
  });
});
