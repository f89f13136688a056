// berth's cgroup sampler against real Docker and Podman containers, with
// the kernel (and, once, the engine's stats API) as ground truth: a busy
// loop is one core, a quota halves it and throttles, tmpfs pages and OOM
// kills show up as the kernel counts them, memory agrees with the engine.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { parseCgroupMounts } from '../../src/metrics/cgroup/mountinfo.ts';
import { createLocalSampler, statsBetween, type SampleTarget } from '../../src/metrics/index.ts';
import { LocalTransport } from '../../src/transport/local.ts';
import { apiJson, apiOk } from '../lab/engine-api.ts';
import { sleep } from '../lab/proc.ts';
import type { EngineName } from '../lab/types.ts';

const lab = inject('lab');
const MiB = 1024 * 1024;
const IDLE = 'trap "exit 0" TERM; while :; do sleep 1; done';

interface Inspect {
  Id: string;
  Name: string;
  State: { Pid: number; Running: boolean };
}

/** The kernel's own file for a container process, read directly (the test's ground truth). */
function kernelFile(pid: number, controller: string, file: string): string {
  const path = new RegExp(`^\\d+:[^:]*\\b${controller}\\b[^:]*:(.*)$`, 'm').exec(readFileSync(`/proc/${pid}/cgroup`, 'utf8'))?.[1];
  return readFileSync(`/sys/fs/cgroup/${controller}${path}/${file}`, 'utf8');
}

/** CPU time the kernel charged to one task, in ns (/proc/<pid>/schedstat: on-CPU ns, runqueue-wait ns, timeslices). */
function taskCpu(pid: number): { runNs: number; waitNs: number; at: number } {
  const [run = 0, wait = 0] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
  return { runNs: run, waitNs: wait, at: performance.now() };
}

/**
 * A cgroup parent with the highest CPU weight, for the CPU tests' containers:
 * this 2-CPU host also runs other labs and builds, and a busy loop at the
 * default weight gets a fraction of a core. Removed again by removeParent
 * (and, failing that, by the lab's teardown: its name starts with the lab id).
 */
const BOOSTED = `/${lab.id}-metrics-cpu`;
const cgroupMounts = parseCgroupMounts(readFileSync('/proc/self/mountinfo', 'utf8'));

function boostParent(): void {
  const cpu = cgroupMounts.find((m) => m.controllers.includes('cpu'));
  const dir = `${cpu?.mountPoint ?? '/sys/fs/cgroup'}${BOOSTED}`;
  mkdirSync(dir, { recursive: true });
  if (cpu) writeFileSync(`${dir}/cpu.shares`, '262144');
  else writeFileSync(`${dir}/cpu.weight`, '10000');
}

/** Every directory of the boosted parent, deepest first (Podman adds a `conmon` child for its monitors). */
function boostedDirs(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(`${dir}/${e.name}`);
    out.push(dir);
  };
  for (const m of cgroupMounts) walk(`${m.mountPoint}${BOOSTED}`);
  return out;
}

/** Removes the boosted parent once its containers are gone; their monitors may take a moment to leave. */
async function removeParent(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const left = boostedDirs().filter((dir) => {
      try {
        rmdirSync(dir);
        return false;
      } catch {
        return true;
      }
    });
    if (left.length === 0) return;
    if (attempt >= 50) throw new Error(`could not remove ${left.join(', ')}`);
    await sleep(100);
  }
}

/** Docker CLI's MEM USAGE from a stats answer (docker/cli calculateMemUsageUnixNoCache). */
function dockerMemUsage(mem: { usage: number; stats?: Record<string, number> }): number {
  const inactive = mem.stats?.total_inactive_file ?? mem.stats?.inactive_file;
  return inactive !== undefined && inactive < mem.usage ? mem.usage - inactive : mem.usage;
}

function near(actual: number | null | undefined, expected: number): void {
  const tolerance = Math.max(0.02 * expected, MiB);
  expect(actual, `${actual} vs ${expected} (±${tolerance})`).not.toBeNull();
  expect(Math.abs(actual! - expected), `${actual} vs ${expected} (±${tolerance})`).toBeLessThanOrEqual(tolerance);
}

describe.each(['docker1', 'podman'] as const)('metrics from cgroups on %s', (engine: EngineName) => {
  const socket = lab.engines[engine].socket;
  const sampler = createLocalSampler(new LocalTransport(engine));
  const made: string[] = [];

  afterAll(async () => {
    sampler.close();
    // Newest first: Podman refuses to remove a container others joined (--net container:X).
    for (const id of made.reverse()) await apiOk(socket, 'DELETE', `/containers/${id}?force=1`, {}, [404]);
  });

  async function target(id: string): Promise<SampleTarget> {
    const c = await apiJson<Inspect>(socket, 'GET', `/containers/${id}/json`);
    return { id: c.Id, name: c.Name.replace(/^\//, ''), node: engine, pid: c.State.Pid };
  }

  /** Creates and starts a lab-image container (network none unless told), returning its sample target. */
  async function run(name: string, cmd: string, hostConfig: Record<string, unknown> = {}): Promise<SampleTarget> {
    // Podman has no daemon-wide cgroup parent; keep its containers under the lab's.
    const parent = engine === 'podman' ? { CgroupParent: lab.engines.podman.cgroupParent } : {};
    const body = { Image: lab.image, Cmd: ['sh', '-c', cmd], Labels: { 'berth-lab.fixture': 'metrics-test' }, HostConfig: { NetworkMode: 'none', ...parent, ...hostConfig } };
    await apiOk(socket, 'DELETE', `/containers/metrics-${name}?force=1`, {}, [404]); // left by an interrupted run
    const { Id } = await apiJson<{ Id: string }>(socket, 'POST', `/containers/create?name=metrics-${name}`, { body });
    made.push(Id);
    await apiOk(socket, 'POST', `/containers/${Id}/start`, {}, [304]);
    return target(Id);
  }

  async function remove(t: SampleTarget): Promise<void> {
    await apiOk(socket, 'DELETE', `/containers/${t.id}?force=1`, {}, [404]);
  }

  /**
   * Runs a command in a running container and waits for its process to end.
   * Podman 4.3 keeps reporting a detached exec as Running after it exited,
   * so the exec's host pid is watched instead.
   */
  async function execIn(t: SampleTarget, cmd: string): Promise<void> {
    const { Id } = await apiJson<{ Id: string }>(socket, 'POST', `/containers/${t.id}/exec`, { body: { Cmd: ['sh', '-c', cmd], AttachStdout: false, AttachStderr: false } });
    await apiOk(socket, 'POST', `/exec/${Id}/start`, { body: { Detach: true, Tty: false } });
    for (let i = 0; i < 300; i++) {
      const state = await apiJson<{ Running: boolean; Pid: number }>(socket, 'GET', `/exec/${Id}/json`);
      const alive = state.Pid > 0 && existsSync(`/proc/${state.Pid}/stat`) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${state.Pid}/stat`, 'utf8'));
      if (i > 0 && (!state.Running || !alive)) return;
      await sleep(100);
    }
    throw new Error(`exec ${cmd} did not finish`);
  }

  async function one(t: SampleTarget) {
    const [s] = await sampler.sample([t]);
    expect(s, `sample of ${t.name}`).toBeDefined();
    return s!;
  }

  /** `stats --no-stream` over one second, bracketed by the loop task's own kernel accounting. */
  async function cpuWindow(t: SampleTarget) {
    await sleep(300);
    const before = taskCpu(t.pid);
    const [stats] = await sampler.sampleTwice([t], 1000);
    const after = taskCpu(t.pid);
    const wallNs = (after.at - before.at) * 1e6;
    return { stats: stats!, taskPercent: ((after.runNs - before.runNs) / wallNs) * 100, waitPercent: ((after.waitNs - before.waitNs) / wallNs) * 100 };
  }

  test('a busy loop reads about 100% of one core', async () => {
    boostParent();
    const t = await run('busy', 'while :; do :; done', { CgroupParent: BOOSTED });
    try {
      const { stats, taskPercent, waitPercent } = await cpuWindow(t);
      expect(stats.cpu.percent, `waited ${waitPercent.toFixed(1)}% for a CPU`).toBeGreaterThan(85);
      expect(stats.cpu.percent).toBeLessThan(115);
      expect(Math.abs(stats.cpu.percent! - taskPercent), `task's own schedstat: ${taskPercent.toFixed(1)}%`).toBeLessThan(5);
      expect(stats.cpu.throttledPercent).toBeNull(); // no quota
      expect(stats.windowSeconds).toBeGreaterThanOrEqual(1);
    } finally {
      await remove(t);
      await removeParent();
    }
  });

  test('the same loop under --cpus 0.5 reads about 50% and shows throttling', async () => {
    boostParent();
    const t = await run('halfcpu', 'while :; do :; done', { CgroupParent: BOOSTED, NanoCpus: 500_000_000 });
    try {
      const { stats, taskPercent, waitPercent } = await cpuWindow(t);
      expect(stats.cpu.percent, `waited ${waitPercent.toFixed(1)}% (throttled included)`).toBeGreaterThan(35);
      expect(stats.cpu.percent).toBeLessThan(65);
      expect(Math.abs(stats.cpu.percent! - taskPercent), `task's own schedstat: ${taskPercent.toFixed(1)}%`).toBeLessThan(5);
      expect(stats.cpu.throttledPercent).toBeGreaterThan(0);
      expect(stats.cpu.throttledSeconds).toBeGreaterThan(0);
    } finally {
      await remove(t);
      await removeParent();
    }
  });

  test('64 MiB written into a tmpfs raises the working set by 64 MiB (±2 MiB)', async () => {
    const t = await run('tmpfs', IDLE, { Tmpfs: { '/t': '' } });
    await sleep(500);
    const before = statsBetween([], [await one(t)])[0]!.memory.workingSetBytes!;
    await execIn(t, 'dd if=/dev/zero of=/t/f bs=1M count=64 2>/dev/null');
    const after = statsBetween([], [await one(t)])[0]!.memory;
    expect(Math.abs(after.workingSetBytes! - before - 64 * MiB)).toBeLessThanOrEqual(2 * MiB);
    expect(after.cacheBytes).toBeGreaterThanOrEqual(64 * MiB); // tmpfs pages are shmem, counted as cache
  });

  test("an OOM kill raises oomKills to the kernel's oom_kill count", async () => {
    const t = await run('oom', `tail /dev/zero; ${IDLE}`, { Memory: 32 * MiB, MemorySwap: 32 * MiB });
    const oomKill = () => Number(/^oom_kill (\d+)$/m.exec(kernelFile(t.pid, 'memory', 'memory.oom_control'))?.[1]);
    for (let i = 0; i < 300 && !(oomKill() >= 1); i++) await sleep(100);
    const s = await one(t);
    expect(s.memory.oomKills).toBe(oomKill());
    expect(s.memory.oomKills).toBeGreaterThanOrEqual(1);
    expect(statsBetween([], [s])[0]?.memory).toMatchObject({ oomKills: s.memory.oomKills, limitBytes: 32 * MiB });
  });

  test('memory agrees with the engine stats API for every running container', async () => {
    // One container with 32 MiB of inactive page cache, which the definitions leave out.
    await run('filecache', `dd if=/dev/zero of=/f bs=1M count=32 2>/dev/null; ${IDLE}`);
    await sleep(1000);
    // lab-restarting is replaced every second or so: the engine's 1-2 s stats call and berth's read
    // would see different incarnations, so it is left out of the comparison.
    const list = (await apiJson<{ Id: string; Names: string[] }[]>(socket, 'GET', '/containers/json')).filter((c) => !c.Names.includes('/lab-restarting'));
    const targets = (await Promise.all(list.map((c) => target(c.Id)))).filter((t) => t.pid > 0);
    expect(targets.length).toBeGreaterThanOrEqual(6);
    type Mem = { usage: number; stats?: Record<string, number> };
    const api = await Promise.all(targets.map((t) => apiJson<{ memory_stats: Mem }>(socket, 'GET', `/containers/${t.id}/stats?stream=false`)));
    const samples = await sampler.sample(targets);
    const stats = statsBetween([], samples);
    for (const [i, t] of targets.entries()) {
      const mem = api[i]!.memory_stats;
      const s = samples.find((x) => x.id === t.id);
      if (!s) continue; // exited meanwhile (lab-restarting)
      if (engine === 'docker1') {
        near(stats.find((x) => x.id === t.id)?.memory.workingSetBytes, dockerMemUsage(mem));
      } else {
        // Podman 4.3's compat stats send the raw usage and no stats map: compare what it has.
        expect(mem.stats).toBeUndefined();
        near(s.memory.usageBytes, mem.usage);
      }
    }
  });

  test('network: counted once per namespace, never the host counters', async () => {
    const owner = await run('net-owner', IDLE);
    const joined = await run('net-joined', IDLE, { NetworkMode: `container:${owner.id}` });
    const hostNet = await run('net-host', IDLE, { NetworkMode: 'host' });
    const samples = await sampler.sample([owner, joined, hostNet]);
    const net = (t: SampleTarget) => samples.find((s) => s.id === t.id)?.network;
    expect(net(owner)).toEqual({ rxBytes: 0, txBytes: 0, share: 'shared-owner', attributedTo: owner.id });
    expect(net(joined)).toEqual({ rxBytes: null, txBytes: null, share: 'shared', attributedTo: owner.id });
    expect(net(hostNet)).toMatchObject({ rxBytes: null, txBytes: null, share: 'host' });
  });

  test('a container removed between two samples is skipped, not an error', async () => {
    const t = await run('vanish', IDLE);
    const keep = await run('stays', IDLE);
    expect(await sampler.sample([t, keep])).toHaveLength(2);
    await remove(t);
    const after = await sampler.sample([t, keep, { id: 'f'.repeat(64), name: 'ghost', node: engine, pid: 2 ** 22 + 1 }]);
    expect(after.map((s) => s.id)).toEqual([keep.id]);
  });

  test('a restarted container is read from its new cgroup (same path, new pid), with fresh rates', async () => {
    const t = await run('restart', 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; ' + IDLE);
    await sleep(1500);
    const before = await one(t);
    await apiOk(socket, 'POST', `/containers/${t.id}/restart?t=0`);
    const again = await target(t.id);
    expect(again.pid).not.toBe(t.pid);
    const after = await one(again);
    expect(after.cgroup.path).toBe(before.cgroup.path);
    expect(after.cpu.usageNs).toBeLessThan(before.cpu.usageNs!);
    expect(statsBetween([before], [after])[0]?.cpu.percent).toBeNull();
  });
});

describe('cost', () => {
  test('a steady tick over every running lab container costs well under a millisecond of CPU per container', async () => {
    const targets: SampleTarget[] = [];
    for (const engine of ['docker1', 'docker2', 'podman'] as const) {
      const list = await apiJson<{ Id: string }[]>(lab.engines[engine].socket, 'GET', '/containers/json');
      for (const c of list) {
        const info = await apiJson<Inspect>(lab.engines[engine].socket, 'GET', `/containers/${c.Id}/json`);
        if (info.State.Pid > 0) targets.push({ id: info.Id, name: info.Name, node: engine, pid: info.State.Pid });
      }
    }
    const sampler = createLocalSampler(new LocalTransport());
    let prev = await sampler.sample(targets);
    const ticks = 20;
    const start = process.cpuUsage();
    for (let i = 0; i < ticks; i++) {
      const next = await sampler.sample(targets);
      statsBetween(prev, next);
      prev = next;
    }
    const used = process.cpuUsage(start);
    sampler.close();
    const perContainerMs = (used.user + used.system) / 1000 / ticks / targets.length;
    console.log(`metrics: ${targets.length} containers, ${(perContainerMs * targets.length).toFixed(2)} ms CPU per tick, ${(perContainerMs * 1000).toFixed(0)} µs per container`);
    expect(prev.length).toBeGreaterThan(0);
    expect(perContainerMs).toBeLessThan(0.5);
  });
});
