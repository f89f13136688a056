import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/domain/types.ts';
import { mergeListed } from '../../../src/fleet/listed-merge.ts';
import { emptyFleet, reduce } from '../../../src/fleet/store.ts';

/** A container as an inspect gives it (every field known). */
function inspected(over: Partial<Container> = {}): Container {
  return {
    id: 'c1', name: 'web', node: 'a', image: 'busybox', command: 'sh', state: 'running', status: 'Up 3 minutes', health: null, exitCode: 0,
    oomKilled: false, restartCount: 4, createdAt: '2026-01-01T00:00:00Z', startedAt: '2026-01-01T00:00:05Z', finishedAt: '2026-01-01T00:00:04Z',
    ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '127.0.0.1' }], labels: { app: 'web' }, compose: null, ...over,
  };
}

/** The same container as a list gives it: no start, finish, restarts or OOM flag. */
function listed(over: Partial<Container> = {}): Container {
  return inspected({ exitCode: null, oomKilled: null, restartCount: null, startedAt: null, finishedAt: null, ...over });
}

describe('a listed container merged with what the store knew', () => {
  it('keeps the start time, restart count and OOM flag an inspect found, while the container is in the same run', () => {
    const m = mergeListed(inspected(), listed({ status: 'Up 4 minutes' }));
    expect(m).toMatchObject({ status: 'Up 4 minutes', startedAt: '2026-01-01T00:00:05Z', restartCount: 4, oomKilled: false });
  });

  it('is the store\'s own object when nothing changed, so rows built from it are reused', () => {
    const prev = inspected();
    expect(mergeListed(prev, listed())).toBe(prev);
    expect(mergeListed(prev, listed({ labels: { app: 'web', v: '2' } }))).not.toBe(prev);
    expect(mergeListed(prev, listed({ ports: [] }))).not.toBe(prev);
  });

  it('stays put when only the wording differs: a list quotes the command and gives creation in whole seconds', () => {
    const prev = inspected({ command: 'sh -c echo hi', createdAt: '2026-01-01T00:00:00.123456789Z' });
    expect(mergeListed(prev, listed({ command: "sh -c 'echo hi'", createdAt: '2026-01-01T00:00:00Z' }))).toBe(prev);
  });

  it('drops what belonged to an earlier run: a stopped container or a re-created one', () => {
    expect(mergeListed(inspected(), listed({ state: 'exited', status: 'Exited (137) 1 second ago', exitCode: 137 }))).toMatchObject({ startedAt: null, restartCount: null, exitCode: 137 });
    expect(mergeListed(inspected(), listed({ createdAt: '2026-02-01T00:00:00Z' })).startedAt).toBeNull();
  });

  it('takes what the list itself says over the store\'s copy', () => {
    const m = mergeListed(inspected({ state: 'exited', exitCode: 1 }), listed({ state: 'exited', exitCode: 3 }));
    expect(m.exitCode).toBe(3);
  });

  it('is how the store takes a snapshot: a re-list does not blank inspected fields', () => {
    let s = reduce(emptyFleet(), { type: 'container/upsert', container: inspected(), at: 1 });
    const before = s.containers['a/c1'];
    s = reduce(s, { type: 'containers/snapshot', node: 'a', containers: [listed()], at: 2 });
    expect(s.containers['a/c1']).toBe(before);
  });
});
