import { connect } from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/domain/errors.ts';
import { LocalTransport } from '../../../src/transport/local.ts';
import type { Transport } from '../../../src/transport/types.ts';
import { kindForStatus } from '../../../src/runtime/docker/errors.ts';
import { decorateStream, DockerHttp } from '../../../src/runtime/docker/http.ts';
import { fakeEngine, fixture, replay, type Engine, type FakeEngine } from './fixtures.ts';

let engine: FakeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

function client(socketPath: string, transport: Transport = new LocalTransport(), timeoutMs?: number) {
  return new DockerHttp({ node: 'web1', transport, endpoint: { kind: 'unix', path: socketPath }, timeoutMs });
}

async function failure(p: Promise<unknown>): Promise<BerthError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  return err as BerthError;
}

describe('error replies (real payloads) map to kinds', () => {
  it.each([
    ['docker-20.10', 'container-inspect-missing', 'not-found', /No such container: no-such-container/],
    ['podman-4.3', 'container-inspect-missing', 'not-found', /no container with name or ID/],
    ['docker-20.10', 'action-pause-stopped', 'conflict', /is not running/],
    ['docker-20.10', 'action-remove-running', 'conflict', /cannot remove a running container/],
    // Podman says 500 "container state improper" where Docker says 409.
    ['podman-4.3', 'action-pause-stopped', 'conflict', /state improper/],
    ['podman-4.3', 'exec-create-stopped', 'conflict', /running containers/],
    // Docker 20.10 answers 500 to unpausing a running container.
    ['docker-20.10', 'action-unpause-running', 'conflict', /is not paused/],
  ] as [Engine, string, string, RegExp][])('%s %s → %s', async (eng, name, kind, message) => {
    const c = fixture(eng, name);
    engine = await fakeEngine([{ method: c.request.split(' ')[0]!, path: /./, reply: replay(c) }]);
    const http = client(engine.socketPath);
    const err = await failure(http.request(c.request.split(' ')[0]!, '/x', { what: 'do the thing' }));
    http.close();
    expect(err.kind).toBe(kind);
    expect(err.node).toBe('web1');
    expect(err.message).toMatch(/^do the thing on node web1: /);
    expect(err.message).toMatch(message);
  });

  it('304 "already started" is accepted when the caller says so', async () => {
    engine = await fakeEngine([{ method: 'POST', path: /start$/, reply: replay(fixture('docker-20.10', 'action-start-running')) }]);
    const http = client(engine.socketPath);
    await expect(http.request('POST', '/containers/web/start', { accept: [304] })).resolves.toMatchObject({ status: 304 });
    http.close();
  });

  it('other statuses', () => {
    expect(kindForStatus(400, 'client version 1.43 is too old')).toBe('usage');
    expect(kindForStatus(403, 'authorization denied by plugin')).toBe('permission');
    expect(kindForStatus(500, 'something broke')).toBe('runtime');
  });
});

describe('connection errors name the node and the endpoint', () => {
  it('a missing socket is unreachable', async () => {
    const http = client('/nonexistent/berth/docker.sock');
    const err = await failure(http.request('GET', '/_ping'));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('unix:///nonexistent/berth/docker.sock on node web1');
    expect(err.hint).toMatch(/start the Docker or Podman service/);
  });

  it.each([
    ['EACCES', 'permission', /docker group.*ls -l \/run\/docker.sock/],
    ['ECONNREFUSED', 'unreachable', /start the Docker/],
  ])('%s on dial → %s', async (code, kind, hint) => {
    const transport = { dialUnix: async () => Promise.reject(Object.assign(new Error(`connect ${code}`), { code })) } as unknown as Transport;
    const http = client('/run/docker.sock', transport);
    const err = await failure(http.request('GET', '/containers/json', { what: 'list containers' }));
    expect(err.kind).toBe(kind);
    expect(err.message).toContain('unix:///run/docker.sock on node web1');
    expect(err.hint).toMatch(hint);
  });

  it('no reply within the timeout is a timeout, and the request is dropped', async () => {
    engine = await fakeEngine([{ method: 'GET', path: /json$/, reply: () => undefined }]);
    const http = client(engine.socketPath, undefined, 150);
    const t0 = Date.now();
    const err = await failure(http.request('GET', '/containers/json', { what: 'list containers' }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(`no reply from unix://${engine.socketPath} on node web1 within 0.15s (list containers)`);
    expect(Date.now() - t0).toBeLessThan(2000);
    http.close();
  });

  it('an aborted request rejects with the abort reason', async () => {
    engine = await fakeEngine([{ method: 'GET', path: /json$/, reply: () => undefined }]);
    const http = client(engine.socketPath);
    const ac = new AbortController();
    const p = http.request('GET', '/containers/json', { signal: ac.signal });
    setTimeout(() => ac.abort(new Error('user went away')), 30);
    await expect(p).rejects.toThrow('user went away');
    http.close();
  });
});

describe('keep-alive over a stream that is not a net.Socket (as ssh2 channels are)', () => {
  it('decorates it and reuses it for several requests', async () => {
    engine = await fakeEngine([{ method: 'GET', path: /_ping$/, reply: replay(fixture('docker-20.10', 'ping')) }]);
    let dials = 0;
    const path = engine.socketPath;
    const transport = {
      dialUnix: async () => {
        dials++;
        const sock = connect(path);
        await new Promise((r) => sock.once('connect', r));
        // A plain Duplex wrapping the socket: no setKeepAlive, no ref/unref.
        const channel: Duplex = new Duplex({
          write: (c, _e, cb) => sock.write(c, cb),
          final: (cb) => sock.end(cb),
          read: () => sock.resume(),
        });
        sock.on('data', (c: Buffer) => {
          if (!channel.push(c)) sock.pause();
        });
        sock.on('end', () => channel.push(null));
        return channel;
      },
    } as unknown as Transport;
    const http = client(path, transport);
    for (let i = 0; i < 3; i++) await expect(http.request('GET', '/_ping')).resolves.toMatchObject({ status: 200 });
    expect(dials).toBe(1);
    http.close();
  });

  it('decorateStream adds no-op socket methods and keeps existing ones', () => {
    const d = decorateStream(new Duplex({ read() {}, write(_c, _e, cb) { cb(); } })) as Duplex & { setKeepAlive(): unknown; unref(): unknown };
    expect(d.setKeepAlive()).toBe(d);
    expect(d.unref()).toBe(d);
  });
});

describe('hijack', () => {
  it('101 Switching Protocols: raw frames after the reply, stdin up the same connection', async () => {
    const frames = fixture('docker-20.10', 'exec-start-hijacked').chunks!.map((c) => Buffer.from(c, 'base64'));
    let gotStdin = '';
    engine = await fakeEngine([], (req, socket) => {
      expect(req.headers.upgrade).toBe('tcp');
      expect(req.headers.connection).toMatch(/upgrade/i);
      socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
      socket.on('data', (c: Buffer) => (gotStdin += c.toString()));
      socket.on('end', () => {
        for (const f of frames) socket.write(f);
        socket.end();
      });
    });
    const http = client(engine.socketPath);
    const h = await http.hijack('POST', '/exec/abc/start', { body: { Detach: false, Tty: false } });
    expect(h.status).toBe(101);
    h.input.end('hello\n');
    const out: Buffer[] = [];
    for await (const c of h.output) out.push(c as Buffer);
    expect(gotStdin).toBe('hello\n');
    expect(Buffer.concat(out)).toEqual(Buffer.concat(frames));
    http.close();
  });

  it('200 with the raw stream as body (older engines) works too', async () => {
    engine = await fakeEngine([
      {
        method: 'POST',
        path: /start$/,
        reply: (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
          res.end('raw output');
        },
      },
    ]);
    const http = client(engine.socketPath);
    const h = await http.hijack('POST', '/exec/abc/start', { body: {} });
    expect(h.status).toBe(200);
    const out: Buffer[] = [];
    for await (const c of h.output) out.push(c as Buffer);
    expect(Buffer.concat(out).toString()).toBe('raw output');
    http.close();
  });
});
