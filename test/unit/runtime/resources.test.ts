import { describe, expect, it } from 'vitest';
import type { WireContainerSummary } from '../../../src/runtime/docker/containers.ts';
import { hostInfoFromWire, type WireInfo } from '../../../src/runtime/docker/hostinfo.ts';
import { imageFromWire, type WireImageSummary } from '../../../src/runtime/docker/images.ts';
import { attachmentCounts, networkFromWire, type WireNetwork } from '../../../src/runtime/docker/networks.ts';
import { processTableFromWire, type WireTop } from '../../../src/runtime/docker/top.ts';
import { negotiated } from '../../../src/runtime/docker/version.ts';
import { volumeFromWire, withUsage, type WireVolume } from '../../../src/runtime/docker/volumes.ts';
import { fixture, type Engine } from './fixtures.ts';

describe('images (real payloads)', () => {
  it('docker 20.10 list: -1 sizes and counts are unknown, not 0', () => {
    const [img] = fixture<WireImageSummary[]>('docker-20.10', 'images-list').body.map((w) => imageFromWire('local', w));
    expect(img).toMatchObject({ tags: ['berth/busybox:1'], sizeBytes: 1982408, sharedBytes: null, uniqueBytes: null, containers: null, dangling: false });
    expect(img!.createdAt).toMatch(/^2026-11-22T06:39:03Z$/);
  });

  it('docker 20.10 /system/df: shared size and container count are computed there', () => {
    const df = fixture<{ Images: WireImageSummary[] }>('docker-20.10', 'system-df').body;
    const img = imageFromWire('local', df.Images[0]!);
    expect(img).toMatchObject({ sharedBytes: 0, uniqueBytes: 1982408, containers: 10 });
  });

  it('podman: the list carries container counts itself', () => {
    const [img] = fixture<WireImageSummary[]>('podman-4.3', 'images-list').body.map((w) => imageFromWire('local', w));
    expect(img).toMatchObject({ tags: ['docker.io/berth/busybox:latest'], containers: 8, sharedBytes: 0 });
  });

  it('an image whose only tag is <none>:<none> is dangling', () => {
    const img = imageFromWire('n', { Id: 'sha256:x', RepoTags: ['<none>:<none>'], Size: 5, SharedSize: -1, Containers: -1 });
    expect(img.tags).toEqual([]);
    expect(img.dangling).toBe(true);
  });
});

describe('volumes (real payloads)', () => {
  it.each(['docker-20.10', 'podman-4.3'] as Engine[])('%s: the list has no usage; /system/df adds it by name', (engine) => {
    const list = fixture<{ Volumes: WireVolume[] }>(engine, 'volumes-list').body.Volumes.map((w) => volumeFromWire('local', w));
    expect(list[0]).toMatchObject({ name: 'data', driver: 'local', sizeBytes: null, inUse: null });
    const withDf = withUsage(list, fixture<{ Volumes: WireVolume[] }>(engine, 'system-df').body.Volumes);
    // Podman's df leaves Driver and Mountpoint empty: the list's are kept.
    expect(withDf[0]).toMatchObject({ name: 'data', driver: 'local', sizeBytes: 0, inUse: true });
    expect(withDf[0]!.mountpoint).toMatch(/volumes\/data\/_data$/);
  });
});

describe('networks (real payloads)', () => {
  it('docker: counts come from the container list (the network list leaves Containers empty)', () => {
    const nets = fixture<WireNetwork[]>('docker-20.10', 'networks-list').body;
    const counts = attachmentCounts(fixture<WireContainerSummary[]>('docker-20.10', 'containers-list').body);
    const byName = Object.fromEntries(nets.map((w) => networkFromWire('local', w, counts)).map((n) => [n.name, n]));
    expect(byName.pubnet).toMatchObject({ driver: 'bridge', scope: 'local', containers: 1 });
    expect(byName.capnet!.containers).toBe(1); // the paused container still has its endpoint
    expect(byName.none!.containers).toBe(4); // running ones only, as network inspect counts
    expect(byName.host!.containers).toBe(0);
  });

  it('podman: the container list has no networks, so counts are unknown', () => {
    const counts = attachmentCounts(fixture<WireContainerSummary[]>('podman-4.3', 'containers-list').body);
    expect(counts).toBeNull();
    const [bridge] = fixture<WireNetwork[]>('podman-4.3', 'networks-list').body.map((w) => networkFromWire('local', w, counts));
    expect(bridge).toMatchObject({ name: 'bridge', containers: null });
  });
});

describe('top (real payloads)', () => {
  it('docker: columns as ps printed them', () => {
    const t = processTableFromWire(fixture<WireTop>('docker-20.10', 'container-top-web').body);
    expect(t.titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(t.processes[0]!.at(-1)).toBe('sleep 36000');
  });

  it('podman: one-string rows are split into the same shape', () => {
    const t = processTableFromWire(fixture<WireTop>('podman-4.3', 'container-top-web').body);
    expect(t.titles).toEqual(['PID', 'USER', 'COMMAND']);
    expect(t.processes).toEqual([['1', 'root', 'sleep 36000']]);
  });
});

describe('host info (real payloads)', () => {
  it.each([
    ['docker-20.10', 'docker', '20.10.24+dfsg1', 'Debian GNU/Linux 12 (bookworm)'],
    ['podman-4.3', 'podman', '4.3.1', 'debian'],
  ] as const)('%s', (engine, kind, version, os) => {
    const ping = fixture(engine, 'ping');
    const v = negotiated(fixture<Record<string, never>>(engine, 'version').body, { server: ping.headers.server, apiVersion: ping.headers['api-version'] });
    const h = hostInfoFromWire(fixture<WireInfo>(engine, 'info').body, v);
    expect(h.runtime).toEqual({ kind, version, apiVersion: '1.41' });
    expect(h.os).toBe(os);
    expect(h.cgroupVersion).toBe(1);
    expect(h.cgroupDriver).toBe('cgroupfs');
    expect(h.cpus).toBeGreaterThan(0);
    expect(h.memoryBytes).toBeGreaterThan(0);
    expect(h.containers!.total).toBeGreaterThanOrEqual(h.containers!.running);
  });
});
