// `berth stats` from the command line: real numbers from cgroups, and not a
// single request to the engine's stats API (counted at the socket).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { apiJson, apiOk } from '../lab/engine-api.ts';
import type { EngineName } from '../lab/types.ts';
import { berth, envelopeOf, sandboxEnv } from './support/berth.ts';
import { startRequestLogProxy } from './support/request-log-proxy.ts';

const lab = inject('lab');
const ROOT = resolve(import.meta.dirname, '../..');

interface Stats {
  name: string;
  windowSeconds: number;
  cpu: { percent: number | null };
  memory: { workingSetBytes: number | null; limitBytes: number | null };
  pids: number | null;
}

describe.each(['docker1', 'podman'] as EngineName[])('stats on %s', (engine) => {
  const socket = lab.engines[engine].socket;
  const made: string[] = [];
  afterAll(async () => {
    for (const id of made) await apiOk(socket, 'DELETE', `/containers/${id}?force=true`, {}, [404]).catch(() => undefined);
  });

  it('--no-stream reads every running container from cgroups and never calls the stats API', async () => {
    const proxy = await startRequestLogProxy(socket);
    try {
      const env = sandboxEnv(lab, { DOCKER_HOST: proxy.host });
      const run = await berth(['stats', '--no-stream', '-o', 'json'], env);
      expect(run.code, run.stderr).toBe(0);
      const doc = envelopeOf<Stats>(run);
      const web = doc.items.find((s) => s.name === 'lab-web');
      expect(web).toBeDefined();
      expect(web!.windowSeconds).toBeGreaterThan(0.15);
      expect(web!.cpu.percent).not.toBeNull();
      expect(web!.memory.workingSetBytes).toBeGreaterThan(0);
      expect(web!.pids).toBeGreaterThanOrEqual(1);
      const limited = doc.items.find((s) => s.name === 'lab-memlimit');
      expect(limited!.memory.limitBytes).toBe(64 * 1024 * 1024);
      expect(doc.items.some((s) => s.name === 'lab-exited')).toBe(false);
      expect(proxy.requests.length).toBeGreaterThan(0);
      expect(proxy.requests.filter((r) => /\/containers\/[^/]+\/stats/.test(r))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('a busy loop reads about one core, and --sort cpu puts it first', async () => {
    const name = `stats-busy-${engine}`;
    const { Id } = await apiJson<{ Id: string }>(socket, 'POST', `/containers/create?name=${name}`, {
      body: { Image: lab.image, Cmd: ['sh', '-c', 'while :; do :; done'], HostConfig: { NetworkMode: 'none', ...(engine === 'podman' ? { CgroupParent: lab.engines.podman.cgroupParent } : {}) } },
    });
    made.push(Id);
    await apiOk(socket, 'POST', `/containers/${Id}/start`, {}, [304]);
    const env = sandboxEnv(lab, { DOCKER_HOST: lab.engines[engine].host });
    const run = await berth(['stats', '--no-stream', '--window', '500ms', '--sort', 'cpu', '-o', 'json'], env);
    expect(run.code, run.stderr).toBe(0);
    const doc = envelopeOf<Stats>(run);
    const busy = doc.items.find((s) => s.name === name)!;
    // One core on a 2-core machine shared with the rest of the suite: well above idle, at most a core.
    expect(busy.cpu.percent).toBeGreaterThan(20);
    expect(busy.cpu.percent).toBeLessThan(115);
    expect(doc.items[0]!.name).toBe(name);
  });

  it('streams a line per container per tick with -o jsonl, the first without rates', async () => {
    const env = sandboxEnv(lab, { DOCKER_HOST: lab.engines[engine].host });
    const run = await berth(['stats', '-o', 'jsonl', '--filter', 'name=lab-web'], env, { timeoutMs: 2600 });
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Stats);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((l) => l.name === 'lab-web')).toBe(true);
    expect(lines[0]!.cpu.percent).toBeNull();
    expect(lines[1]!.cpu.percent).not.toBeNull();
  });

  it('Ctrl-C ends the stream with 130, as the other stream verbs and docker do', async () => {
    const env = sandboxEnv(lab, { DOCKER_HOST: lab.engines[engine].host });
    const child = spawn(join(ROOT, 'bin/berth'), ['stats', '-o', 'jsonl', '--filter', 'name=lab-web'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 10_000;
    while (out.split('\n').length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(out).toContain('"name":"lab-web"');
    expect(code).toBe(130);
  });

  it('a bad --filter is a usage error', async () => {
    const run = await berth(['stats', '--no-stream', '--filter', 'colour=red'], sandboxEnv(lab, { DOCKER_HOST: lab.engines[engine].host }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name=SUBSTRING');
  });
});
