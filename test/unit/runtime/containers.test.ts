import { describe, expect, it } from 'vitest';
import {
  containerFromInspect,
  containerFromSummary,
  exitCodeFromStatus,
  healthFromStatus,
  primaryName,
  splitEnv,
  statusFromInspect,
  type WireContainerInspect,
  type WireContainerSummary,
} from '../../../src/runtime/docker/containers.ts';
import { ENGINES, fixture, type Engine } from './fixtures.ts';

function listed(engine: Engine, name: string) {
  const list = fixture<WireContainerSummary[]>(engine, 'containers-list').body;
  const w = list.find((c) => c.Names?.[0] === `/${name}`);
  if (!w) throw new Error(`${name} not in ${engine} list`);
  return containerFromSummary('local', w);
}

function inspected(engine: Engine, name: string, now = Date.parse('2026-11-22T07:00:00Z')) {
  return containerFromInspect('local', fixture<WireContainerInspect>(engine, `container-inspect-${name}`).body, now);
}

describe('container list mapping (real payloads)', () => {
  it.each(ENGINES)('%s: names lose the leading slash, compose comes from labels, created is RFC 3339', (engine) => {
    const web = listed(engine, 'web');
    expect(web.name).toBe('web');
    expect(web.node).toBe('local');
    expect(web.state).toBe('running');
    expect(web.compose).toEqual({ project: 'shop', service: 'web' });
    expect(web.createdAt).toMatch(/^2026-11-22T06:(39|41):\d\dZ$/);
    // The list does not carry these: unknown, never 0 or false.
    expect(web.restartCount).toBeNull();
    expect(web.oomKilled).toBeNull();
    expect(web.startedAt).toBeNull();
    expect(web.exitCode).toBeNull();
  });

  it('docker: health is read from the status text', () => {
    expect(listed('docker-20.10', 'web').health).toBe('healthy');
    expect(listed('docker-20.10', 'sick').health).toBe('unhealthy');
    expect(listed('docker-20.10', 'starting').health).toBe('starting');
    expect(listed('docker-20.10', 'logger').health).toBeNull();
  });

  it('podman: the list status has no health, so it is unknown until inspected', () => {
    expect(listed('podman-4.3', 'web').status).toBe('Up 10 seconds');
    expect(listed('podman-4.3', 'web').health).toBeNull();
    expect(inspected('podman-4.3', 'web').health).toBe('healthy');
    expect(inspected('podman-4.3', 'sick').health).toBe('unhealthy');
  });

  it.each(ENGINES)('%s: exit codes come from "Exited (N)" when not inspected', (engine) => {
    expect(listed(engine, 'exited3').exitCode).toBe(3);
    expect(listed(engine, 'oom').exitCode).toBe(137);
    expect(listed(engine, 'created').exitCode).toBeNull();
    expect(listed(engine, 'paused').state).toBe('paused');
  });

  it('docker: a restarting container shows its last exit code', () => {
    const c = listed('docker-20.10', 'crashy');
    expect(c.state).toBe('restarting');
    expect(c.exitCode).toBe(1);
  });

  it('docker: published, udp and exposed-only ports', () => {
    expect(listed('docker-20.10', 'web').ports).toEqual([
      { ip: '127.0.0.1', privatePort: 53, publicPort: 18053, type: 'udp' },
      { ip: '127.0.0.1', privatePort: 80, publicPort: 18080, type: 'tcp' },
      { ip: null, privatePort: 9000, publicPort: null, type: 'tcp' },
    ]);
  });
});

describe('container inspect mapping (real payloads)', () => {
  it.each(ENGINES)('%s: a never-started container has null times, pid and exit code', (engine) => {
    const c = inspected(engine, 'created');
    expect(c.state).toBe('created');
    expect(c.startedAt).toBeNull();
    expect(c.finishedAt).toBeNull();
    expect(c.pid).toBeNull();
    expect(c.exitCode).toBeNull();
    expect(c.status).toBe('Created');
    expect(c.createdAt).toMatch(/^2026-11-22T06:\d\d:\d\d\.\d+Z$/);
  });

  it('docker: an OOM-killed container says so', () => {
    const c = inspected('docker-20.10', 'oom');
    expect(c.oomKilled).toBe(true);
    expect(c.exitCode).toBe(137);
    expect(c.finishedAt).not.toBeNull();
    expect(c.memoryLimitBytes).toBe(8 * 1024 * 1024);
  });

  it('podman 4.3: the same OOM kill reports OOMKilled false (engine quirk, kept as reported)', () => {
    const c = inspected('podman-4.3', 'oom');
    expect(c.exitCode).toBe(137);
    expect(c.oomKilled).toBe(false);
  });

  it.each(ENGINES)('%s: a running container has a pid, a start time and no finish time', (engine) => {
    const c = inspected(engine, 'web');
    expect(c.pid).toBeGreaterThan(0);
    expect(c.startedAt).toMatch(/^2026-11-22T/);
    expect(c.finishedAt).toBeNull();
    expect(c.exitCode).toBeNull();
    expect(c.restartCount).toBe(0);
    expect(c.command).toBe('sleep 36000');
    expect(c.workingDir).toBe('/tmp');
    expect(c.hostname).toBe('webhost');
    expect(c.memoryLimitBytes).toBe(64 * 1024 * 1024);
    expect(c.nanoCpus).toBe(500_000_000);
    expect(c.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(c.logDriver).toBe('json-file');
    expect(c.compose).toEqual({ project: 'shop', service: 'web' });
  });

  it.each(ENGINES)('%s: env values keep their own "=" signs', (engine) => {
    const env = inspected(engine, 'web').env;
    expect(env).toContainEqual({ name: 'FOO', value: 'bar' });
    expect(env).toContainEqual({ name: 'BAZ', value: 'with=equals' });
  });

  it('docker: mounts, networks and port bindings', () => {
    const c = inspected('docker-20.10', 'web');
    expect(c.mounts).toEqual([
      { type: 'bind', source: '/tmp/berth-capture/bind', destination: '/bind', mode: 'ro', readWrite: false, name: null },
      { type: 'volume', source: '/tmp/berth-capture/data/volumes/data/_data', destination: '/data', mode: 'z', readWrite: true, name: 'data' },
    ]);
    expect(c.networks).toEqual([{ name: 'pubnet', ipAddress: '10.213.8.2', macAddress: '02:42:0a:d5:08:02' }]);
    expect(c.ports).toEqual([
      { privatePort: 53, publicPort: 18053, type: 'udp', ip: '127.0.0.1' },
      { privatePort: 80, publicPort: 18080, type: 'tcp', ip: '127.0.0.1' },
      { privatePort: 9000, publicPort: null, type: 'tcp', ip: null },
    ]);
  });

  it.each(ENGINES)('%s: health log entries carry their output and exit code', (engine) => {
    const c = inspected(engine, 'sick');
    expect(c.health).toBe('unhealthy');
    const last = c.healthLog.at(-1)!;
    expect(last.exitCode).toBe(1);
    expect(last.output).toMatch(/^failing/);
    expect(last.start).toMatch(/^2026-11-22T/);
  });

  it('docker: a restarting container shows its restart count and last exit', () => {
    const c = inspected('docker-20.10', 'crashy');
    expect(c.state).toBe('restarting');
    expect(c.restartCount).toBe(9);
    expect(c.exitCode).toBe(1);
  });

  it.each(ENGINES)('%s: the TTY flag is read (it decides how logs are framed)', (engine) => {
    expect(inspected(engine, 'tty').tty).toBe(true);
    expect(inspected(engine, 'logger').tty).toBe(false);
  });

  it('status text matches docker ps wording', () => {
    const now = Date.parse('2026-11-22T06:42:35Z');
    expect(inspected('docker-20.10', 'web', now).status).toBe('Up 3 minutes (healthy)');
    expect(inspected('docker-20.10', 'starting', now).status).toBe('Up 3 minutes (health: starting)');
    expect(inspected('docker-20.10', 'exited3', now).status).toBe('Exited (3) 3 minutes ago');
    expect(inspected('docker-20.10', 'paused', now).status).toBe('Up 3 minutes (Paused)');
    expect(statusFromInspect({ Id: 'x', State: { Status: 'running', StartedAt: '2026-11-22T06:42:34.6Z' } }, now)).toBe('Up Less than a second');
  });
});

describe('status parsing helpers', () => {
  it('reads health and exit codes from status words', () => {
    expect(healthFromStatus('Up 2 hours (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 2 hours (Paused)')).toBeNull();
    expect(exitCodeFromStatus('Exited (-1) 3 days ago')).toBe(-1);
    expect(exitCodeFromStatus('Up 5 seconds')).toBeNull();
  });

  it('picks the real name among legacy link names', () => {
    expect(primaryName(['/db/alias', '/web'], 'abc')).toBe('web');
    expect(primaryName([], '0123456789abcdef')).toBe('0123456789ab');
  });

  it('splits env without a value', () => {
    expect(splitEnv(['A', 'B=', 'C=d=e'])).toEqual([
      { name: 'A', value: '' },
      { name: 'B', value: '' },
      { name: 'C', value: 'd=e' },
    ]);
  });
});
