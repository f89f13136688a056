import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/domain/errors.ts';
import type { Transport } from '../../../src/transport/types.ts';
import {
  defaultSocketCandidates,
  discoverEndpoint,
  endpointLabel,
  parseDockerHost,
  type DockerEndpoint,
} from '../../../src/runtime/docker/endpoint.ts';

/** A host made of a few files and sockets; anything else does not exist. */
function fakeHost(opts: { files?: Record<string, string>; sockets?: Record<string, 'ok' | 'denied'> } = {}) {
  const files = opts.files ?? {};
  const sockets = opts.sockets ?? {};
  const read: string[] = [];
  const transport = {
    node: 'local',
    kind: 'local',
    address: 'local',
    async readFile(path: string) {
      read.push(path);
      if (path in files) return Buffer.from(files[path]!);
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    },
    async access(path: string) {
      return sockets[path] ?? 'missing';
    },
    async stat(path: string) {
      return path in sockets ? { kind: 'socket' as const, mode: 0o660, uid: 0, gid: 998 } : null;
    },
  } as unknown as Transport;
  return { transport, read };
}

/** A probe that answers only for the given sockets, recording what it tried. */
function probeAnswering(...answering: string[]) {
  const tried: string[] = [];
  const probe = async (ep: DockerEndpoint) => {
    const path = ep.kind === 'unix' ? ep.path : '';
    tried.push(path);
    if (!answering.includes(path)) {
      throw new BerthError('unreachable', 'refused', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }
  };
  return { probe, tried };
}

const base = { homeDir: '/home/ann', uid: 1000 };

describe('DOCKER_HOST', () => {
  it('is used alone, without probing anything else', async () => {
    const { transport } = fakeHost({ sockets: { '/var/run/docker.sock': 'ok' } });
    const { probe, tried } = probeAnswering();
    const d = await discoverEndpoint({ ...base, transport, env: { DOCKER_HOST: 'unix:///srv/d.sock' }, probe });
    expect(d).toEqual({ endpoint: { kind: 'unix', path: '/srv/d.sock' }, source: 'DOCKER_HOST' });
    expect(tried).toEqual([]);
  });

  it('tcp with DOCKER_TLS_VERIFY reads ca, cert and key from DOCKER_CERT_PATH', async () => {
    const { transport, read } = fakeHost({ files: { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' } });
    const d = await discoverEndpoint({ ...base, transport, env: { DOCKER_HOST: 'tcp://build.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, probe: probeAnswering().probe });
    expect(d.endpoint).toMatchObject({ kind: 'tcp', host: 'build.example', port: 2376, tls: { verify: true } });
    const tls = (d.endpoint as Extract<DockerEndpoint, { kind: 'tcp' }>).tls!;
    expect([tls.ca?.toString(), tls.cert?.toString(), tls.key?.toString()]).toEqual(['CA', 'CERT', 'KEY']);
    expect(read.sort()).toEqual(['/certs/ca.pem', '/certs/cert.pem', '/certs/key.pem']);
  });

  it('TLS files default to ~/.docker, and a missing one is a config error naming it', async () => {
    const { transport } = fakeHost();
    const err = await discoverEndpoint({ ...base, transport, env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }, probe: probeAnswering().probe }).catch((e: BerthError) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).kind).toBe('config');
    expect((err as BerthError).message).toContain('/home/ann/.docker/ca.pem');
  });

  it.each([
    ['tcp://10.0.0.5', null, { kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null }],
    ['tcp://10.0.0.5', { verify: true }, { kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { verify: true } }],
    ['tcp://[::1]:2375', null, { kind: 'tcp', host: '::1', port: 2375, tls: null }],
    ['tcp://:2375', null, { kind: 'tcp', host: '127.0.0.1', port: 2375, tls: null }],
  ])('parses %s', (value, tls, want) => {
    expect(parseDockerHost(value, tls)).toEqual(want);
  });

  it('refuses ssh:// with the berth way to do it, and relative unix paths', () => {
    expect(() => parseDockerHost('ssh://me@web1', null)).toThrow(expect.objectContaining({ kind: 'config', hint: expect.stringMatching(/ssh: user@host/) }));
    expect(() => parseDockerHost('unix://run/docker.sock', null)).toThrow(/absolute/);
  });

  it('labels endpoints for messages', () => {
    expect(endpointLabel({ kind: 'unix', path: '/run/docker.sock' })).toBe('unix:///run/docker.sock');
    expect(endpointLabel({ kind: 'tcp', host: '::1', port: 2376, tls: { verify: true } })).toBe('tcp://[::1]:2376 (TLS)');
  });
});

describe('Docker contexts', () => {
  const sha = (name: string) => createHash('sha256').update(name).digest('hex');

  it('DOCKER_CONTEXT is resolved through contexts/meta/<sha256(name)>/meta.json', async () => {
    const meta = `/cfg/contexts/meta/${sha('lab')}/meta.json`;
    const { transport } = fakeHost({ files: { [meta]: JSON.stringify({ Name: 'lab', Endpoints: { docker: { Host: 'unix:///lab/docker.sock' } } }) } });
    const d = await discoverEndpoint({ ...base, transport, env: { DOCKER_CONTEXT: 'lab', DOCKER_CONFIG: '/cfg' }, probe: probeAnswering().probe });
    expect(d).toEqual({ endpoint: { kind: 'unix', path: '/lab/docker.sock' }, source: 'context "lab"' });
  });

  it('else currentContext from config.json, with the context TLS files', async () => {
    const h = sha('remote');
    const { transport } = fakeHost({
      files: {
        '/home/ann/.docker/config.json': JSON.stringify({ auths: {}, currentContext: 'remote' }),
        [`/home/ann/.docker/contexts/meta/${h}/meta.json`]: JSON.stringify({ Endpoints: { docker: { Host: 'tcp://10.1.1.1:2376', SkipTLSVerify: false } } }),
        [`/home/ann/.docker/contexts/tls/${h}/docker/ca.pem`]: 'CA',
      },
    });
    const d = await discoverEndpoint({ ...base, transport, env: {}, probe: probeAnswering().probe });
    expect(d.source).toBe('context "remote"');
    expect(d.endpoint).toMatchObject({ kind: 'tcp', host: '10.1.1.1', port: 2376, tls: { verify: true } });
  });

  it('"default" goes on to the socket list', async () => {
    const { transport } = fakeHost({ files: { '/home/ann/.docker/config.json': '{"currentContext":"default"}' }, sockets: { '/var/run/docker.sock': 'ok' } });
    const d = await discoverEndpoint({ ...base, transport, env: {}, probe: probeAnswering('/var/run/docker.sock').probe });
    expect(d.source).toBe('default socket');
  });

  it('a context that does not exist is a config error naming where it was looked for', async () => {
    const { transport } = fakeHost();
    await expect(discoverEndpoint({ ...base, transport, env: { DOCKER_CONTEXT: 'nope' }, probe: probeAnswering().probe })).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringContaining(`contexts/meta/${sha('nope')}/meta.json`),
    });
  });
});

describe('default sockets', () => {
  it('are tried in the documented order, rootless ones from XDG_RUNTIME_DIR and the uid', () => {
    expect(defaultSocketCandidates({ XDG_RUNTIME_DIR: '/run/user/1000' }, 1000)).toEqual([
      '/var/run/docker.sock',
      '/run/podman/podman.sock',
      '/run/user/1000/docker.sock',
      '/run/user/1000/podman/podman.sock',
    ]);
    expect(defaultSocketCandidates({}, 1001)).toEqual(['/var/run/docker.sock', '/run/podman/podman.sock', '/run/user/1001/podman/podman.sock']);
  });

  it('the first socket that answers wins; a stale one is skipped', async () => {
    const { transport } = fakeHost({ sockets: { '/var/run/docker.sock': 'ok', '/run/podman/podman.sock': 'ok' } });
    const { probe, tried } = probeAnswering('/run/podman/podman.sock');
    const d = await discoverEndpoint({ ...base, transport, env: {}, probe });
    expect(d).toEqual({ endpoint: { kind: 'unix', path: '/run/podman/podman.sock' }, source: 'default socket' });
    expect(tried).toEqual(['/var/run/docker.sock', '/run/podman/podman.sock']);
  });

  it('nothing answering is unreachable, naming every endpoint tried and why', async () => {
    const { transport } = fakeHost({ sockets: { '/var/run/docker.sock': 'ok' } });
    const err = (await discoverEndpoint({ ...base, transport, env: { XDG_RUNTIME_DIR: '/run/user/1000' }, probe: probeAnswering().probe }).catch((e: unknown) => e)) as BerthError;
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('DOCKER_HOST: not set');
    expect(err.message).toContain('/var/run/docker.sock: connection refused');
    for (const p of ['/run/podman/podman.sock', '/run/user/1000/docker.sock', '/run/user/1000/podman/podman.sock']) expect(err.message).toContain(`${p}: no such socket`);
    expect(err.hint).toMatch(/start the Docker or Podman service.*DOCKER_HOST/);
  });

  it('a socket we may not open is a permission error with the fix', async () => {
    const { transport } = fakeHost({ sockets: { '/var/run/docker.sock': 'denied' } });
    const err = (await discoverEndpoint({ ...base, transport, env: {}, probe: probeAnswering().probe }).catch((e: unknown) => e)) as BerthError;
    expect(err.kind).toBe('permission');
    expect(err.message).toContain('/var/run/docker.sock: permission denied (mode 0660, owner 0:998)');
    expect(err.hint).toContain('docker group');
    expect(err.hint).toContain('ls -l /var/run/docker.sock');
  });

  it('a denied docker socket does not hide a rootless podman that answers', async () => {
    const { transport } = fakeHost({ sockets: { '/var/run/docker.sock': 'denied', '/run/user/1000/podman/podman.sock': 'ok' } });
    const d = await discoverEndpoint({ ...base, transport, env: {}, probe: probeAnswering('/run/user/1000/podman/podman.sock').probe });
    expect(d.endpoint).toEqual({ kind: 'unix', path: '/run/user/1000/podman/podman.sock' });
  });
});
