import { afterEach, describe, expect, it } from 'vitest';
import { LocalTransport } from '../../../src/transport/local.ts';
import { DockerHttp } from '../../../src/runtime/docker/http.ts';
import { BERTH_MAX_API, chooseApiVersion, compareApi, detectKind, negotiate, negotiated, type WireVersion } from '../../../src/runtime/docker/version.ts';
import { fakeEngine, fixture, replay, type FakeEngine } from './fixtures.ts';

describe('API version choice', () => {
  it('compares numerically, not as text', () => {
    expect(compareApi('1.9', '1.41')).toBeLessThan(0);
    expect(compareApi('1.41', '1.41')).toBe(0);
    expect(compareApi('1.52', '1.43')).toBeGreaterThan(0);
  });

  it.each([
    ['dockerd 20.10', '1.41', '1.12', '1.41'],
    ['podman 4.3 compat', '1.41', '1.24', '1.41'],
    ['docker 24', '1.43', '1.12', '1.43'],
    ['docker 26', '1.45', '1.24', BERTH_MAX_API],
    // Docker 29 refuses anything under 1.44 ("client version 1.43 is too old").
    ['docker 29', '1.52', '1.44', '1.44'],
  ])('%s: server %s (min %s) → /v%s', (_engine, server, min, want) => {
    expect(chooseApiVersion(server, min)).toBe(want);
  });
});

describe('negotiation from real replies', () => {
  it('docker 20.10: kind, version and prefix', () => {
    const ping = fixture('docker-20.10', 'ping');
    const v = negotiated(fixture<WireVersion>('docker-20.10', 'version').body, { server: ping.headers.server, apiVersion: ping.headers['api-version'] });
    expect(v).toEqual({ kind: 'docker', version: '20.10.24+dfsg1', serverApiVersion: '1.41', minApiVersion: '1.12', apiVersion: '1.41', prefix: '/v1.41' });
  });

  it('podman 4.3: detected from Components and from the Libpod server header alone', () => {
    const ping = fixture('podman-4.3', 'ping');
    expect(detectKind(fixture<WireVersion>('podman-4.3', 'version').body, undefined)).toBe('podman');
    expect(detectKind(null, ping.headers.server)).toBe('podman');
    const fromPing = negotiated(null, { server: ping.headers.server, apiVersion: ping.headers['api-version'], libpodVersion: ping.headers['libpod-api-version'] });
    expect(fromPing).toMatchObject({ kind: 'podman', version: '4.3.1', apiVersion: '1.41', prefix: '/v1.41' });
  });

  it('an endpoint that names no API version is refused', () => {
    expect(() => negotiated(null, { server: 'nginx' })).toThrow(/did not say which API version/);
  });
});

describe('negotiate() over a socket', () => {
  let engine: FakeEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it('docker: pings, then reads /version for the floor, and sets the prefix', async () => {
    engine = await fakeEngine([
      { method: 'GET', path: /^\/_ping$/, reply: replay(fixture('docker-20.10', 'ping')) },
      { method: 'GET', path: /^\/version$/, reply: replay(fixture('docker-20.10', 'version')) },
    ]);
    const http = new DockerHttp({ node: 'local', transport: new LocalTransport(), endpoint: { kind: 'unix', path: engine.socketPath } });
    const v = await negotiate(http);
    http.close();
    expect(v.apiVersion).toBe('1.41');
    expect(http.prefix).toBe('/v1.41');
    expect(engine.seen).toEqual(['GET /_ping', 'GET /version']);
    expect(engine.unused()).toEqual([]);
  });

  it('podman: the ping is enough (its /version takes ~400 ms)', async () => {
    engine = await fakeEngine([{ method: 'GET', path: /^\/_ping$/, reply: replay(fixture('podman-4.3', 'ping')) }]);
    const http = new DockerHttp({ node: 'local', transport: new LocalTransport(), endpoint: { kind: 'unix', path: engine.socketPath } });
    const v = await negotiate(http);
    http.close();
    expect(v).toMatchObject({ kind: 'podman', version: '4.3.1' });
    expect(engine.seen).toEqual(['GET /_ping']);
  });
});
