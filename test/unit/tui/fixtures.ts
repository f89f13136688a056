// Containers, nodes and a fake runtime for the console's unit and component tests.
import type { Container, ContainerDetail, HostInfo } from '../../../src/domain/types.ts';
import type { NodeState } from '../../../src/fleet/store.ts';
import type { RuntimeSource } from '../../../src/runtime/types.ts';

/** A container with sensible defaults. */
export function container(name: string, over: Partial<Container> = {}): Container {
  return {
    id: `${name}-id`.padEnd(64, '0'), name, node: 'local', image: 'busybox:latest', command: 'sh', state: 'running',
    status: 'Up 3 minutes', health: null, exitCode: null, oomKilled: false, restartCount: 0,
    createdAt: '2026-01-01T00:00:00Z', startedAt: '2026-01-01T00:00:01Z', finishedAt: null, ports: [], labels: {}, compose: null,
    ...over,
  };
}

/** Docker 20.10 on cgroup v1. */
export const HOST: HostInfo = {
  runtime: { kind: 'docker', version: '20.10.24', apiVersion: '1.41' }, kernel: '6.1.0', os: 'Debian', cgroupVersion: 1,
  cgroupDriver: 'cgroupfs', cpus: 4, memoryBytes: 8 * 1024 ** 3, containers: { running: 1, total: 2 }, hostname: 'h',
};

/** A node in a given state. */
export function nodeState(name: string, state: NodeState['state'], at: number | null = 0): NodeState {
  return { name, state, host: HOST, lastError: state === 'down' ? 'connection refused' : null, at };
}

/** Calls a fake runtime received, in order. */
export type Call = [string, ...unknown[]];

/** A runtime that records actions and answers inspect and logs from memory. */
export function fakeRuntime(node: string, containers: Container[], calls: Call[], fail: Record<string, string> = {}): RuntimeSource {
  const act = (verb: string) => async (id: string, ...rest: unknown[]): Promise<void> => {
    calls.push([verb, id, ...rest]);
    if (fail[id]) throw new Error(fail[id]);
  };
  const detail = (id: string): ContainerDetail => {
    const c = containers.find((x) => x.id === id || x.name === id)!;
    return {
      ...c, pid: 42, tty: false, openStdin: false, env: [{ name: 'DB_PASSWORD', value: 'hunter2' }], entrypoint: [], cmd: ['sh'], workingDir: '/',
      user: '', restartPolicy: null, memoryLimitBytes: null, nanoCpus: null, mounts: [], networks: [], healthLog: [], error: null, hostname: 'h', logDriver: 'json-file',
    };
  };
  return {
    node,
    hostInfo: async () => HOST,
    listContainers: async () => containers,
    inspectContainer: async (id) => detail(id),
    listImages: async () => [],
    listVolumes: async () => [],
    listNetworks: async () => [],
    start: act('start'),
    stop: act('stop'),
    restart: act('restart'),
    kill: act('kill'),
    pause: act('pause'),
    unpause: act('unpause'),
    remove: act('remove'),
    async *logs(id, opts, signal) {
      calls.push(['logs', id]);
      for (let i = 1; i <= 30; i++) {
        yield { stream: 'stdout', at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000000000Z`, data: Buffer.from(`line ${i} \u001b]0;pwned\u0007ok\n`) };
      }
      if (opts.follow) await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
    },
    exec: async () => {
      throw new Error('no exec in tests');
    },
    top: async () => ({ titles: [], processes: [] }),
    async *events(_opts, signal) {
      // No events: the stream stays open until aborted, as an idle engine's does.
      await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
      yield* [];
    },
    close: async () => undefined,
  };
}
