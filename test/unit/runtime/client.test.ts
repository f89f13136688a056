import { afterEach, describe, expect, it } from 'vitest';
import { LocalTransport } from '../../../src/transport/local.ts';
import { DockerRuntime, mapLimit } from '../../../src/runtime/docker/client.ts';
import { fakeEngine, fixture, replay, type FakeEngine, type Route } from './fixtures.ts';

let engine: FakeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const E = 'docker-20.10' as const;
const negotiation: Route[] = [
  { method: 'GET', path: /^\/_ping$/, reply: replay(fixture(E, 'ping')) },
  { method: 'GET', path: /^\/version$/, reply: replay(fixture(E, 'version')) },
];

function runtime(socketPath: string) {
  return new DockerRuntime({ node: 'local', transport: new LocalTransport(), endpoint: { kind: 'unix', path: socketPath }, timeoutMs: 2000 });
}

describe('DockerRuntime against a fake engine replaying real payloads', () => {
  it('negotiates once, then uses the versioned prefix', async () => {
    engine = await fakeEngine([...negotiation, { method: 'GET', path: /^\/v1\.41\/containers\/json$/, reply: replay(fixture(E, 'containers-list')) }]);
    const rt = runtime(engine.socketPath);
    const list = await rt.listContainers({ all: true });
    await rt.listContainers({ all: false });
    await rt.close();
    expect(list.map((c) => c.name)).toContain('web');
    expect(engine.seen).toEqual(['GET /_ping', 'GET /version', 'GET /v1.41/containers/json?all=1', 'GET /v1.41/containers/json?all=0']);
    expect(engine.unused()).toEqual([]);
  });

  it('inspectMany skips containers removed since the list, at most 8 at a time', async () => {
    let inFlight = 0;
    let peak = 0;
    const web = fixture(E, 'container-inspect-web');
    engine = await fakeEngine([
      ...negotiation,
      {
        method: 'GET',
        path: /^\/v1\.41\/containers\/[^/]+\/json$/,
        reply: (req, res) => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          setTimeout(() => {
            inFlight--;
            const gone = req.url!.includes('gone');
            replay(gone ? fixture(E, 'container-inspect-missing') : web)(req, res, Buffer.alloc(0));
          }, 10);
        },
      },
    ]);
    const rt = runtime(engine.socketPath);
    const ids = Array.from({ length: 20 }, (_, i) => (i % 5 === 0 ? `gone${i}` : `c${i}`));
    const details = await rt.inspectMany(ids);
    await rt.close();
    expect(details.length).toBe(16);
    expect(peak).toBeLessThanOrEqual(8);
    expect(peak).toBeGreaterThan(1);
  });

  it('inspect of a missing container is not-found', async () => {
    engine = await fakeEngine([...negotiation, { method: 'GET', path: /json$/, reply: replay(fixture(E, 'container-inspect-missing')) }]);
    const rt = runtime(engine.socketPath);
    await expect(rt.inspectContainer('nope')).rejects.toMatchObject({ kind: 'not-found', message: 'inspect container nope on node local: No such container: no-such-container' });
    await rt.close();
  });

  it('actions: 304 is success; stop passes its grace period', async () => {
    engine = await fakeEngine([
      ...negotiation,
      { method: 'POST', path: /\/start$/, reply: replay(fixture(E, 'action-start-running')) },
      { method: 'POST', path: /\/stop$/, reply: replay(fixture(E, 'action-stop-stopped')) },
      { method: 'POST', path: /\/kill$/, reply: (_q, res) => res.writeHead(204).end() },
      { method: 'DELETE', path: /\/containers\/web$/, reply: (_q, res) => res.writeHead(204).end() },
    ]);
    const rt = runtime(engine.socketPath);
    await rt.start('web');
    await rt.stop('web', 3);
    await rt.kill('web', 'SIGHUP');
    await rt.remove('web', { force: true, volumes: false });
    await rt.close();
    expect(engine.seen.slice(2)).toEqual([
      'POST /v1.41/containers/web/start',
      'POST /v1.41/containers/web/stop?t=3',
      'POST /v1.41/containers/web/kill?signal=SIGHUP',
      'DELETE /v1.41/containers/web?force=1&v=0',
    ]);
  });

  it('logs of a TTY container: inspected first, then read unframed', async () => {
    engine = await fakeEngine([
      ...negotiation,
      { method: 'GET', path: /\/containers\/tty\/json$/, reply: replay(fixture(E, 'container-inspect-tty')) },
      { method: 'GET', path: /\/containers\/tty\/logs$/, reply: replay(fixture(E, 'logs-tty')) },
    ]);
    const rt = runtime(engine.socketPath);
    const lines: string[] = [];
    for await (const l of rt.logs('tty', { tail: 3 })) lines.push(l.data.toString());
    await rt.close();
    expect(lines).toEqual(['tty line 39\r\n', 'tty line 40\r\n', 'tty line 41\r\n']);
    expect(engine.seen.at(-1)).toBe('GET /v1.41/containers/tty/logs?stdout=1&stderr=1&follow=0&timestamps=0&tail=3');
  });

  it('exec: output demultiplexed, exit code read after the stream ends', async () => {
    const frames = fixture(E, 'exec-start-hijacked').chunks!.map((c) => Buffer.from(c, 'base64'));
    engine = await fakeEngine(
      [
        ...negotiation,
        { method: 'POST', path: /\/containers\/web\/exec$/, reply: replay(fixture(E, 'exec-create')) },
        { method: 'GET', path: /\/exec\/[^/]+\/json$/, reply: replay(fixture(E, 'exec-inspect')) },
      ],
      (_req, socket) => {
        socket.write('HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
        for (const f of frames) socket.write(f);
        socket.end();
      },
    );
    const rt = runtime(engine.socketPath);
    const s = await rt.exec('web', ['sh', '-c', 'echo to-out; echo to-err >&2; exit 7'], { tty: false, interactive: false });
    let out = '';
    let err = '';
    s.stdout.on('data', (c: Buffer) => (out += c.toString()));
    s.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await s.exited).toBe(7);
    await rt.close();
    expect([out, err]).toEqual(['to-out\n', 'to-err\n']);
  });

  it('events stream until aborted', async () => {
    engine = await fakeEngine([
      ...negotiation,
      {
        method: 'GET',
        path: /\/events$/,
        reply: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          for (const c of fixture(E, 'events').chunks!) res.write(Buffer.from(c, 'base64'));
          // and keep the stream open, as engines do
        },
      },
    ]);
    const rt = runtime(engine.socketPath);
    const ac = new AbortController();
    const names: string[] = [];
    for await (const e of rt.events({ since: 1 }, ac.signal)) {
      if (e.action === 'pause') {
        names.push(e.name!);
        ac.abort();
      }
    }
    await rt.close();
    expect(names).toEqual(['web']);
  });
});

describe('mapLimit', () => {
  it('keeps order', async () => {
    expect(await mapLimit([3, 1, 2], 2, async (n) => n * 10)).toEqual([30, 10, 20]);
  });
});
