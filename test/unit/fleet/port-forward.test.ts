// `berth port-forward`: the [LOCAL:]PORT argument and where a container is reached.
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/domain/errors.ts';
import { forwardTarget, parsePortPair } from '../../../src/fleet/port-forward.ts';

describe('parsePortPair', () => {
  it('reads PORT, LOCAL:PORT, :PORT and 0:PORT', () => {
    expect(parsePortPair('8080')).toEqual({ local: 8080, remote: 8080 });
    expect(parsePortPair('9000:80')).toEqual({ local: 9000, remote: 80 });
    expect(parsePortPair(':80')).toEqual({ local: 0, remote: 80 });
    expect(parsePortPair('0:80')).toEqual({ local: 0, remote: 80 });
  });

  it('refuses what is not a port, as a usage error', () => {
    for (const bad of ['0', '65536', 'http', '80:', '1:2:3', '-1', '']) {
      expect(() => parsePortPair(bad), bad).toThrow(BerthError);
      try {
        parsePortPair(bad);
      } catch (err) {
        expect((err as BerthError).kind).toBe('usage');
      }
    }
  });
});

describe('forwardTarget', () => {
  it('reaches a host-network container at the node loopback (Docker names the network, Podman leaves it out)', () => {
    expect(forwardTarget({ HostConfig: { NetworkMode: 'host' }, NetworkSettings: { Networks: { host: { IPAddress: '' } } } }, 'x')).toEqual({ host: '127.0.0.1', network: 'host' });
    expect(forwardTarget({ HostConfig: { NetworkMode: 'host' }, NetworkSettings: { Networks: {} } }, 'x')).toEqual({ host: '127.0.0.1', network: 'host' });
  });

  it('takes the first network that gave the container an address', () => {
    const w = { HostConfig: { NetworkMode: 'app' }, NetworkSettings: { Networks: { empty: { IPAddress: '' }, app: { IPAddress: '10.1.2.3' } } } };
    expect(forwardTarget(w, 'x')).toEqual({ host: '10.1.2.3', network: 'app' });
  });

  it('refuses a container with no address, saying why', () => {
    const none = () => forwardTarget({ HostConfig: { NetworkMode: 'none' }, NetworkSettings: { Networks: { none: { IPAddress: '' } } } }, 'web on node n1');
    expect(none).toThrow(/container web on node n1 has no network address; its network mode is none/);
    expect(() => forwardTarget({ HostConfig: { NetworkMode: 'container:db' } }, 'x')).toThrow(/shares the network of db/);
  });
});
