import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/domain/types.ts';
import { containersOf, emptyFleet, EVENT_LIMIT, reduce } from '../../../src/fleet/store.ts';

function ctr(node: string, id: string, name: string): Container {
  return {
    id, name, node, image: 'busybox', command: 'sh', state: 'running', status: 'Up', health: null, exitCode: null,
    oomKilled: null, restartCount: null, createdAt: null, startedAt: null, finishedAt: null, ports: [], labels: {}, compose: null,
  };
}

describe('fleet store reducer', () => {
  it('replaces one node\'s containers on a snapshot and keeps the other nodes\'', () => {
    let s = reduce(emptyFleet(), { type: 'containers/snapshot', node: 'a', containers: [ctr('a', '1', 'x'), ctr('a', '2', 'y')], at: 1 });
    s = reduce(s, { type: 'containers/snapshot', node: 'b', containers: [ctr('b', '3', 'z')], at: 1 });
    s = reduce(s, { type: 'containers/snapshot', node: 'a', containers: [ctr('a', '2', 'y')], at: 2 });
    expect(containersOf(s).map((c) => `${c.node}/${c.name}`)).toEqual(['a/y', 'b/z']);
  });

  it('keeps the last known data of a node that went down, with its error', () => {
    let s = reduce(emptyFleet(), { type: 'node/up', node: 'a', host: null as never, at: 5 });
    s = reduce(s, { type: 'containers/snapshot', node: 'a', containers: [ctr('a', '1', 'x')], at: 6 });
    s = reduce(s, { type: 'node/down', node: 'a', error: 'socket gone', at: 9 });
    expect(s.nodes.a).toMatchObject({ state: 'down', lastError: 'socket gone', at: 6 });
    expect(containersOf(s)).toHaveLength(1);
  });

  it('removes a destroyed container and ignores removal of an unknown one', () => {
    let s = reduce(emptyFleet(), { type: 'container/upsert', container: ctr('a', '1', 'x'), at: 1 });
    const same = reduce(s, { type: 'container/remove', node: 'a', id: 'nope', at: 2 });
    expect(same).toBe(s);
    s = reduce(s, { type: 'container/remove', node: 'a', id: '1', at: 2 });
    expect(containersOf(s)).toEqual([]);
  });

  it('caps the event history', () => {
    let s = emptyFleet();
    for (let i = 0; i < EVENT_LIMIT + 5; i++) {
      s = reduce(s, { type: 'event', event: { at: String(i), node: 'a', type: 'container', action: 'start', id: String(i), name: null, attributes: {} } });
    }
    expect(s.events).toHaveLength(EVENT_LIMIT);
    expect(s.events.at(-1)?.id).toBe(String(EVENT_LIMIT + 4));
  });
});
