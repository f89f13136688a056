import { describe, expect, it } from 'vitest';
import { matches, parseFilters } from '../../../../src/cli/commands/stats.ts';
import { sortStats } from '../../../../src/cli/commands/stats-list.ts';
import type { ContainerStats } from '../../../../src/domain/stats.ts';
import type { Container } from '../../../../src/domain/types.ts';

function ctr(name: string, labels: Record<string, string> = {}): Container {
  return {
    id: `${name}-0123456789`, name, node: 'local', image: 'i', command: '', state: 'running', status: 'Up', health: null, exitCode: null,
    oomKilled: null, restartCount: null, createdAt: null, startedAt: null, finishedAt: null, ports: [], labels, compose: null,
  };
}

function st(name: string, cpu: number | null, mem: number | null): ContainerStats {
  const n = null;
  return {
    id: name, name, node: 'local', at: '', windowSeconds: 1, cpu: { percent: cpu, throttledPercent: n, throttledSeconds: n },
    memory: { workingSetBytes: mem, limitBytes: n, percent: n, rssBytes: n, cacheBytes: n, oomKills: n },
    network: { rxBytesPerSec: n, txBytesPerSec: n, rxBytes: n, txBytes: n }, blockIo: { readBytesPerSec: n, writeBytesPerSec: n, readBytes: n, writeBytes: n },
    pids: n, pressure: { cpuSome10: n, memorySome10: n, memoryFull10: n, ioSome10: n },
  };
}

describe('stats filters and sorting', () => {
  it('filters by name substring, label presence and label value', () => {
    const f = parseFilters(['name=web', 'label=com.docker.compose.project=shop']);
    expect(matches(ctr('shop-web-1', { 'com.docker.compose.project': 'shop' }), f)).toBe(true);
    expect(matches(ctr('shop-web-1', { 'com.docker.compose.project': 'blog' }), f)).toBe(false);
    expect(matches(ctr('db', { 'com.docker.compose.project': 'shop' }), f)).toBe(false);
    expect(matches(ctr('x', { tier: '' }), parseFilters(['label=tier']))).toBe(true);
  });

  it('refuses an unknown filter key, naming the ones it knows', () => {
    expect(() => parseFilters(['colour=red'])).toThrow(/invalid --filter "colour=red"/);
    expect(() => parseFilters(['web'])).toThrow(/invalid --filter/);
  });

  it('sorts numbers largest first with unknowns last, names A to Z', () => {
    const items = [st('a', 5, 10), st('b', null, 30), st('c', 90, 20)];
    expect(sortStats(items, 'cpu').map((s) => s.name)).toEqual(['c', 'a', 'b']);
    expect(sortStats(items, 'memory').map((s) => s.name)).toEqual(['b', 'c', 'a']);
    expect(sortStats(items, 'name').map((s) => s.name)).toEqual(['a', 'b', 'c']);
  });
});
