// The fleet store kept live from a real engine's event stream: a container
// created, stopped and removed shows up in the store within moments, with
// no re-listing in between (one list at start, then events only).
import { describe, expect, inject, it } from 'vitest';
import { containersOf, FleetStore } from '../../src/fleet/store.ts';
import { liveSync, type LiveSyncOptions } from '../../src/fleet/live-sync.ts';
import { DockerRuntime } from '../../src/runtime/docker/client.ts';
import { unixEndpoint } from '../../src/runtime/docker/endpoint.ts';
import { LocalTransport } from '../../src/transport/local.ts';
import { apiJson, apiOk } from '../lab/engine-api.ts';
import type { EngineName } from '../lab/types.ts';

const lab = inject('lab');

async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A live store over one lab engine, counting the lists it makes; `stop` ends the sync and closes the runtime. */
function liveStore(engine: EngineName, opts: LiveSyncOptions = {}) {
  const runtime = new DockerRuntime({ node: engine, transport: new LocalTransport(engine), endpoint: unixEndpoint(lab.engines[engine].socket) });
  const counts = { lists: 0 };
  const list = runtime.listContainers.bind(runtime);
  runtime.listContainers = (o, signal) => {
    counts.lists++;
    return list(o, signal);
  };
  const store = new FleetStore();
  const ac = new AbortController();
  const done = liveSync(runtime, (a) => store.dispatch(a), ac.signal, opts);
  const stop = async (): Promise<void> => {
    ac.abort();
    await done;
    await runtime.close();
  };
  return { store, counts, stop };
}

describe.each(['docker1', 'podman'] as EngineName[])('live store on %s', (engine) => {
  it('follows create, start, stop and removal through events, listing only once', async () => {
    const socket = lab.engines[engine].socket;
    const { store, counts, stop } = liveStore(engine);
    try {
      await until(() => store.state.nodes[engine]?.state === 'up' && containersOf(store.state).length > 0);
      expect(store.state.nodes[engine]!.host!.runtime.kind).toBe(lab.engines[engine].kind);
      const name = `live-${engine}-${Date.now()}`;
      const { Id: id } = await apiJson<{ Id: string }>(socket, 'POST', `/containers/create?name=${name}`, {
        body: { Image: lab.image, Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'none', ...(engine === 'podman' ? { CgroupParent: lab.engines.podman.cgroupParent } : {}) } },
      });
      const find = () => containersOf(store.state).find((c) => c.id === id);
      await until(() => find()?.state === 'created');
      await apiOk(socket, 'POST', `/containers/${id}/start`, {}, [304]);
      await until(() => find()?.state === 'running');
      expect(find()!.startedAt).not.toBeNull();
      await apiOk(socket, 'POST', `/containers/${id}/kill`, {}, [304]);
      await until(() => find()?.state === 'exited');
      expect(find()!.exitCode).toBe(137);
      await apiOk(socket, 'DELETE', `/containers/${id}?force=true`, {}, [404]);
      await until(() => find() === undefined);
      expect(store.state.events.some((e) => e.id === id && e.action === 'start')).toBe(true);
      expect(counts.lists).toBe(1);
    } finally {
      await stop();
    }
  });

  it('learns the start time and restart count of containers already running (a list has neither), and keeps them across re-lists', async () => {
    const { store, counts, stop } = liveStore(engine, { resyncMs: 200 });
    try {
      const web = () => containersOf(store.state).find((c) => c.name === 'lab-web');
      await until(() => web()?.startedAt != null);
      const truth = await apiJson<{ State: { StartedAt: string }; RestartCount: number }>(lab.engines[engine].socket, 'GET', `/containers/${web()!.id}/json`);
      expect(Date.parse(web()!.startedAt!)).toBe(Date.parse(truth.State.StartedAt));
      expect(web()!.restartCount).toBe(truth.RestartCount);
      const seen = counts.lists;
      await until(() => counts.lists >= seen + 2);
      expect(web()!.startedAt).not.toBeNull();
      expect(web()!.restartCount).toBe(truth.RestartCount);
      const exited = containersOf(store.state).find((c) => c.name === 'lab-exited');
      expect(exited?.state).toBe('exited');
    } finally {
      await stop();
    }
  });
});
