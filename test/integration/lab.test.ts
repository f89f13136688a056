// The lab is what it claims to be: three real engines on their own sockets,
// fixture containers in the documented states, separate container sets per
// engine, and containers in the cgroup parents the lab reports.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, test } from 'vitest';
import { apiJson, apiOk, pingOnce } from '../lab/engine-api.ts';
import { mountsUnder } from '../lab/mounts.ts';
import { listProcs } from '../lab/proc.ts';
import type { EngineName } from '../lab/types.ts';

const lab = inject('lab');

interface Inspect {
  Id: string;
  Name: string;
  RestartCount: number;
  State: { Status: string; Running: boolean; Paused: boolean; ExitCode: number; OOMKilled: boolean; Pid: number };
  Config: { Tty: boolean; OpenStdin: boolean; Labels: Record<string, string> | null };
  HostConfig: { Memory: number; NetworkMode: string };
}

function inspect(engine: EngineName, name: string): Promise<Inspect> {
  return apiJson<Inspect>(lab.engines[engine].socket, 'GET', `/containers/${name}/json`);
}

async function names(engine: EngineName): Promise<string[]> {
  const list = await apiJson<{ Names: string[] }[]>(lab.engines[engine].socket, 'GET', '/containers/json?all=1');
  return list.map((c) => (c.Names[0] ?? '').replace(/^\//, '')).sort();
}

/** Splits a non-TTY log answer (8-byte frame headers) into stdout and stderr text. */
function demux(buf: Buffer): { out: string; err: string } {
  let out = '';
  let err = '';
  for (let i = 0; i + 8 <= buf.length; ) {
    const size = buf.readUInt32BE(i + 4);
    const text = buf.subarray(i + 8, i + 8 + size).toString('utf8');
    if (buf[i] === 2) err += text;
    else out += text;
    i += 8 + size;
  }
  return { out, err };
}

describe('engines', () => {
  test.each(['docker1', 'docker2', 'podman'] as const)('%s answers /_ping and /version', async (name) => {
    const engine = lab.engines[name];
    expect(await pingOnce(engine.socket)).toBe(true);
    const version = await apiJson<{ Version: string; Components: { Name: string }[] }>(engine.socket, 'GET', '/version');
    const components = version.Components.map((c) => c.Name).join(', ');
    if (engine.kind === 'podman') expect(components).toMatch(/Podman/);
    else expect(components).toMatch(/Engine/);
    expect(version.Version).toBe(engine.version);
  });

  test('each engine keeps its data in the lab folder', async () => {
    for (const name of ['docker1', 'docker2'] as const) {
      const info = await apiJson<{ DockerRootDir: string; Driver: string }>(lab.engines[name].socket, 'GET', '/info');
      expect(info.DockerRootDir).toBe(lab.engines[name].dataRoot);
      expect(info.Driver).toBe(lab.engines[name].storageDriver);
      expect(info.DockerRootDir.startsWith(`${lab.dir}/`)).toBe(true);
    }
  });

  test('DOCKER_HOST is never set for the whole run', () => {
    expect(lab.env.DOCKER_HOST).toBeUndefined();
    expect(lab.env.HOME?.startsWith(`${lab.dir}/`)).toBe(true);
  });

  test('container mounts stay in the lab mount namespace', () => {
    expect(mountsUnder(lab.dir)).toEqual([]);
  });

  test.each(['docker1', 'docker2'] as const)('%s runs its containers through its own containerd', async (name) => {
    const { Id } = await inspect(name, 'lab-web');
    const shim = listProcs().find((p) => p.args[0]?.endsWith('containerd-shim-runc-v2') && p.args.includes(Id));
    const address = shim?.args[shim.args.indexOf('-address') + 1];
    expect(address).toBe(`${lab.dir}/${name}/containerd.sock`);
  });
});

describe.each(['docker1', 'podman'] as const)('fixtures on %s', (engine) => {
  test('running containers, with compose labels and limits', async () => {
    for (const name of ['lab-web', 'lab-worker', 'lab-memlimit', 'lab-tty', 'lab-logs']) {
      const c = await inspect(engine, name);
      expect(c.State.Status, name).toBe('running');
      expect(c.HostConfig.NetworkMode, name).toBe('none');
    }
    const web = await inspect(engine, 'lab-web');
    expect(web.Config.Labels).toMatchObject({ 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' });
    expect((await inspect(engine, 'lab-worker')).Config.Labels).toMatchObject({ 'com.docker.compose.service': 'worker' });
    expect((await inspect(engine, 'lab-memlimit')).HostConfig.Memory).toBe(64 * 1024 * 1024);
    const tty = await inspect(engine, 'lab-tty');
    expect(tty.Config.Tty && tty.Config.OpenStdin).toBe(true);
  });

  test('lab-exited exited with code 3 after printing to stdout and stderr', async () => {
    const c = await inspect(engine, 'lab-exited');
    expect(c.State.Status).toBe('exited');
    expect(c.State.ExitCode).toBe(3);
    const res = await apiOk(lab.engines[engine].socket, 'GET', '/containers/lab-exited/logs?stdout=1&stderr=1');
    expect(demux(res.body)).toEqual({ out: 'bye\n', err: 'oops\n' });
  });

  test('lab-paused is paused', async () => {
    const c = await inspect(engine, 'lab-paused');
    expect(c.State.Status).toBe('paused');
    expect(c.State.Paused).toBe(true);
  });

  test('lab-oom was killed for memory', async () => {
    const c = await inspect(engine, 'lab-oom');
    expect(c.State.Status).toBe('exited');
    expect(c.State.ExitCode).toBe(137);
    // Docker records the OOM kill; Podman 4.3 on this cgroup v1 host does not.
    if (engine === 'docker1') expect(c.State.OOMKilled).toBe(true);
  });

  test('lab-restarting keeps being restarted', async () => {
    await expect
      .poll(async () => (await inspect(engine, 'lab-restarting')).RestartCount, { timeout: 20_000, interval: 250 })
      .toBeGreaterThan(0);
  });

  test('lab-logs wrote its initial burst to stdout and stderr', async () => {
    const res = await apiOk(lab.engines[engine].socket, 'GET', '/containers/lab-logs/logs?stdout=1&stderr=1');
    const { out, err } = demux(res.body);
    const outLines = out.split('\n');
    expect(outLines.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i + 1}`));
    expect(err.split('\n').slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => `err ${i + 1}`));
  });
});

describe('two Docker engines', () => {
  test('have separate container sets; lab-web exists on both', async () => {
    expect(await names('docker2')).toEqual(['lab-other', 'lab-web']);
    const one = await names('docker1');
    expect(one).toContain('lab-web');
    expect(one).not.toContain('lab-other');
    expect((await inspect('docker1', 'lab-web')).Id).not.toBe((await inspect('docker2', 'lab-web')).Id);
  });
});

describe('cgroups', () => {
  test.each(['docker1', 'docker2', 'podman'] as const)("a %s container sits under the engine's cgroup parent", async (engine) => {
    const { State } = await inspect(engine, 'lab-web');
    const cgroup = readFileSync(`/proc/${State.Pid}/cgroup`, 'utf8');
    const parent = lab.engines[engine].cgroupParent;
    expect(parent.startsWith(`/${lab.id}-`)).toBe(true);
    for (const line of cgroup.trim().split('\n')) expect(line.split(':')[2]?.startsWith(`${parent}/`), line).toBe(true);
  });
});
