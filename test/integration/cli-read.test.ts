// The read-only verbs against real engines, as scripts would call them:
// ps, inspect, why, images, volumes, networks, nodes, doctor — on Docker
// and on Podman's compatible service.
import { describe, expect, inject, it } from 'vitest';
import type { EngineName } from '../lab/types.ts';
import { berth, envelopeOf, sandboxEnv } from './support/berth.ts';

const lab = inject('lab');

interface Item {
  name: string;
  node: string;
  state: string;
  exitCode: number | null;
  oomKilled: boolean | null;
  restartCount: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  compose: { project: string; service: string } | null;
  labels: Record<string, string>;
}

describe.each(['docker1', 'podman'] as EngineName[])('read verbs on %s', (engine) => {
  const env = sandboxEnv(lab, { DOCKER_HOST: lab.engines[engine].host });
  const kind = lab.engines[engine].kind;

  it('ps -a -o json lists every fixture with its real state, exit code and compose group', async () => {
    const run = await berth(['ps', '-a', '-o', 'json'], env);
    expect(run.code, run.stderr).toBe(0);
    const doc = envelopeOf<Item>(run);
    expect(doc).toMatchObject({ kind: 'ContainerList', apiVersion: 'berth/v1', errors: [] });
    const by = new Map(doc.items.map((i) => [i.name, i]));
    expect(by.get('lab-exited')).toMatchObject({ state: 'exited', exitCode: 3, node: 'local' });
    expect(by.get('lab-exited')!.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(by.get('lab-paused')!.state).toBe('paused');
    expect(by.get('lab-web')).toMatchObject({ state: 'running', exitCode: null, compose: { project: 'shop', service: 'web' } });
    expect(by.get('lab-worker')!.compose).toEqual({ project: 'shop', service: 'worker' });
    expect(by.get('lab-web')!.startedAt).toMatch(/^\d{4}-/);
    expect(by.get('lab-oom')!.exitCode).toBe(137);
    if (kind === 'docker') expect(by.get('lab-oom')!.oomKilled).toBe(true);
    expect(['restarting', 'running', 'exited']).toContain(by.get('lab-restarting')!.state);
    expect(by.get('lab-restarting')!.restartCount).toBeGreaterThan(0);
  });

  it('ps without -a shows only running containers; piped output is tab-separated with a header', async () => {
    const run = await berth(['ps'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]!.split('\t')).toContain('NAME');
    const names = lines.slice(1).map((l) => l.split('\t')[1]);
    expect(names).toContain('lab-web');
    expect(names).not.toContain('lab-exited');
  });

  it('-o name prints node/name and -q prints full ids', async () => {
    const names = await berth(['ps', '-a', '-o', 'name'], env);
    expect(names.stdout.split('\n')).toContain('local/lab-web');
    const ids = await berth(['-q', 'ps'], env);
    expect(ids.stdout.trim().split('\n').every((l) => /^[0-9a-f]{64}$/.test(l))).toBe(true);
  });

  it('-o yaml carries the same envelope', async () => {
    const run = await berth(['ps', '-a', '-o', 'yaml'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^kind: ContainerList\napiVersion: berth\/v1\n/);
  });

  it('inspect masks environment values unless --show-env', async () => {
    const masked = envelopeOf<{ env: { name: string; value: string | null; masked?: boolean }[] }>(await berth(['inspect', 'lab-web', '-o', 'json'], env));
    const path = masked.items[0]!.env.find((e) => e.name === 'PATH');
    expect(path).toEqual({ name: 'PATH', value: null, masked: true });
    const shown = envelopeOf<{ env: { name: string; value: string | null }[] }>(await berth(['inspect', '--show-env', 'lab-web', '-o', 'json'], env));
    expect(shown.items[0]!.env.find((e) => e.name === 'PATH')!.value).toContain('/bin');
    const human = await berth(['inspect', 'lab-web'], env);
    expect(human.stdout).toContain('PATH=••••••');
  });

  it('why explains an exited container: exit code, meaning and its last lines from both streams', async () => {
    const run = await berth(['why', 'lab-exited'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/exit code:\s+3/);
    expect(run.stdout).toContain('bye');
    expect(run.stdout).toMatch(/! oops/);
    const oom = envelopeOf<{ exitCode: number; oomKilled: boolean; exitMeaning: string }>(await berth(['why', 'lab-oom', '-o', 'json'], env));
    expect(oom.items[0]!.exitCode).toBe(137);
    expect(oom.items[0]!.exitMeaning).toContain('SIGKILL');
    if (kind === 'docker') expect(oom.items[0]!.exitMeaning).toContain('OOM');
  });

  it('an unknown container is exit 3 and names close matches', async () => {
    const run = await berth(['inspect', 'lab-wbe'], env);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no container "lab-wbe"');
    expect(run.stderr).toContain('lab-web');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an id prefix of 4+ hex characters finds the container', async () => {
    const id = lab.fixtures[engine]['lab-exited']!;
    const run = envelopeOf<{ name: string }>(await berth(['inspect', id.slice(0, 8), '-o', 'json'], env));
    expect(run.items[0]!.name).toBe('lab-exited');
  });

  it('images, volumes and networks list what the engine has', async () => {
    const images = envelopeOf<{ tags: string[]; sizeBytes: number | null }>(await berth(['images', '-o', 'json'], env));
    const img = images.items.find((i) => i.tags.some((t) => t.endsWith('berth-lab/busybox:latest')));
    expect(img).toBeDefined();
    expect(img!.sizeBytes).toBeGreaterThan(500_000);
    expect((await berth(['volumes', '-o', 'json'], env)).code).toBe(0);
    const nets = envelopeOf<{ name: string }>(await berth(['networks', '-o', 'json'], env));
    // Docker (started with --bridge=none) has `none` and `host`; Podman shows its default network as `bridge`.
    expect(nets.items.map((n) => n.name)).toEqual(expect.arrayContaining([kind === 'docker' ? 'none' : 'bridge']));
  });

  it('nodes reports the runtime, its version and the cgroup version', async () => {
    const doc = envelopeOf<{ name: string; state: string; runtime: { kind: string; version: string }; cgroupVersion: number; rttSeconds: number }>(
      await berth(['nodes', '-o', 'json'], env));
    expect(doc.items[0]).toMatchObject({ name: 'local', state: 'up', runtime: { kind }, cgroupVersion: 1 });
    expect(doc.items[0]!.rttSeconds).toBeGreaterThan(0);
  });

  it('doctor passes and names the endpoint it used', async () => {
    const run = await berth(['doctor'], env);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(lab.engines[engine].host);
  });
});
