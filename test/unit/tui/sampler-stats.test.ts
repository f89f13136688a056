// The console's stats source over per-node samplers: a node whose
// connection is not open yet is asked again on the next tick, so a remote
// node that was down at start gets numbers once it is back.
import { afterEach, describe, expect, it } from 'vitest';
import { FleetStore } from '../../../src/fleet/store.ts';
import { LOCAL_NODE } from '../../../src/fleet/node-spec.ts';
import type { RawSample, SampleTarget } from '../../../src/metrics/index.ts';
import { samplerStats, type SamplerLike } from '../../../src/tui/data/sampler-stats.ts';
import type { StatsSource } from '../../../src/tui/data/stats.ts';
import { HOST, container, fakeRuntime } from './fixtures.ts';

let source: StatsSource | null = null;
afterEach(() => {
  source?.close();
  source = null;
});

/** A sampler whose CPU counter moves 50 ms per 100 ms of wall time: 50 %. */
function halfBusy(): SamplerLike & { closed: boolean } {
  let n = 0;
  return {
    closed: false,
    async sample(targets: readonly SampleTarget[]): Promise<RawSample[]> {
      n++;
      return targets.map((t) => ({
        ...t, at: { wallMs: n * 100, monotonicMs: n * 100 }, cgroup: { mode: 'v1', path: '/x' },
        cpu: { usageNs: n * 50e6, periods: null, throttledPeriods: null, throttledNs: null },
        memory: { usageBytes: 1 << 20, limitBytes: 'max', inactiveFileBytes: 0, rssBytes: null, cacheBytes: null, oomKills: 0 },
        network: { rxBytes: null, txBytes: null, share: 'unknown', attributedTo: null },
        blockIo: { readBytes: null, writeBytes: null }, pids: 1,
        pressure: { cpuSome10: null, memorySome10: null, memoryFull10: null, ioSome10: null },
        host: { systemCpuNs: null, onlineCpus: 2, memTotalBytes: 8 * 2 ** 30, idleCpuNs: null, memAvailableBytes: null },
      }));
    },
    host() {
      return n === 0 ? null : { at: { wallMs: n * 100, monotonicMs: n * 100 }, counters: { systemCpuNs: n * 200e6, idleCpuNs: n * 150e6, onlineCpus: 2, memTotalBytes: 8 * 2 ** 30, memAvailableBytes: 6 * 2 ** 30 } };
    },
    close() {
      this.closed = true;
    },
  };
}

describe('samplerStats', () => {
  it('retries a node whose sampler could not be made, then shows its numbers', async () => {
    const web = container('lab-web', { node: 'web1' });
    const store = new FleetStore();
    store.dispatch({ type: 'node/up', node: 'web1', host: HOST, at: 0 });
    store.dispatch({ type: 'containers/snapshot', node: 'web1', containers: [web], at: 0 });
    const rt = fakeRuntime('web1', [web], []);
    const sampler = halfBusy();
    let opens = 0;
    source = samplerStats({
      store, fleet: { nodes: [{ ...LOCAL_NODE, name: 'web1' }], runtime: async () => rt }, nodes: ['web1'], intervalMs: 20,
      samplerFor: async () => {
        if (++opens < 3) throw new Error('connection refused');
        return sampler;
      },
      onError: () => undefined,
    });
    const until = Date.now() + 3000;
    while (source.get('web1', web.id)?.cpu.percent == null && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(opens).toBe(3);
    expect(source.get('web1', web.id)?.cpu.percent).toBeCloseTo(50, 5);
    // The host: 50 of every 200 ms of CPU time busy (25 %), 2 GiB of 8 used.
    expect(source.host?.('web1')).toMatchObject({ onlineCpus: 2, memUsedBytes: 2 * 2 ** 30, memTotalBytes: 8 * 2 ** 30 });
    expect(source.host?.('web1')?.cpuPercent).toBeCloseTo(25, 5);
    source.close();
    source = null;
    await new Promise((r) => setTimeout(r, 0)); // samplers are closed as their opening settles
    expect(sampler.closed).toBe(true);
  });

  it('reports a failing node once per distinct message', async () => {
    const store = new FleetStore();
    const told: string[] = [];
    source = samplerStats({
      store, fleet: { nodes: [LOCAL_NODE], runtime: async () => { throw new Error('down'); } }, nodes: ['local'], intervalMs: 10,
      samplerFor: async () => { throw new Error('connection refused'); },
      onError: (node, message) => told.push(`${node}: ${message}`),
    });
    await new Promise((r) => setTimeout(r, 120));
    expect(told).toEqual(['local: connection refused']);
  });

  it('takes init pids from a local /proc scan instead of inspecting, so 40 new containers get figures at once', async () => {
    const many = Array.from({ length: 40 }, (_, i) => container(`c${i}`));
    const store = new FleetStore();
    store.dispatch({ type: 'node/up', node: 'local', host: HOST, at: 0 });
    store.dispatch({ type: 'containers/snapshot', node: 'local', containers: many, at: 0 });
    const rt = fakeRuntime('local', many, []);
    let inspects = 0;
    const counting = { ...rt, inspectContainer: (id: string) => (inspects++, rt.inspectContainer(id)) };
    const sampler = halfBusy();
    source = samplerStats({
      store, fleet: { nodes: [LOCAL_NODE], runtime: async () => counting }, nodes: ['local'], intervalMs: 20,
      samplerFor: async () => sampler,
      localPids: (_node, ids) => new Map(ids.map((id, i) => [id, 1000 + i])),
      onError: () => undefined,
    });
    const until = Date.now() + 3000;
    while (many.some((c) => source!.get('local', c.id)?.cpu.percent == null) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(many.every((c) => source!.get('local', c.id)?.cpu.percent != null)).toBe(true);
    expect(inspects).toBe(0);
  });
});
