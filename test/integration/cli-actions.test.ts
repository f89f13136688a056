// Actions against real engines: each one changes the engine as an operator
// expects, is audited, and follows CLI.md's rules for --dry-run,
// --readonly and confirmation in scripts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { apiJson, apiOk } from '../lab/engine-api.ts';
import type { EngineName } from '../lab/types.ts';
import { berth, sandboxEnv } from './support/berth.ts';

const lab = inject('lab');

interface Inspect {
  State: { Status: string; Paused: boolean; Running: boolean; ExitCode: number };
}

describe.each(['docker1', 'podman'] as EngineName[])('actions on %s', (engine) => {
  const socket = lab.engines[engine].socket;
  const env = sandboxEnv(lab, { DOCKER_HOST: lab.engines[engine].host });
  const made: string[] = [];

  async function create(name: string): Promise<string> {
    const body = {
      Image: lab.image, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'],
      Labels: { 'berth-lab.test': 'actions', note: '\u001b]0;pwned\u0007evil\u001b[2J' },
      HostConfig: { NetworkMode: 'none', ...(engine === 'podman' ? { CgroupParent: lab.engines.podman.cgroupParent } : {}) },
    };
    const res = await apiJson<{ Id: string }>(socket, 'POST', `/containers/create?name=${name}`, { body });
    made.push(res.Id);
    await apiOk(socket, 'POST', `/containers/${res.Id}/start`, {}, [304]);
    return res.Id;
  }
  const state = async (id: string): Promise<Inspect['State']> => (await apiJson<Inspect>(socket, 'GET', `/containers/${id}/json`)).State;

  afterAll(async () => {
    for (const id of made) await apiOk(socket, 'DELETE', `/containers/${id}?force=true`, {}, [404]).catch(() => undefined);
  });

  it('stop, start, pause, unpause, restart and kill change the engine, and each is audited', async () => {
    const id = await create(`act-${engine}-a`);
    const name = `act-${engine}-a`;
    let run = await berth(['stop', '-t', '2', name], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(name);
    expect((await state(id)).Running).toBe(false);
    expect((await berth(['start', name], env)).code).toBe(0);
    expect((await state(id)).Running).toBe(true);
    expect((await berth(['pause', name], env)).code).toBe(0);
    expect((await state(id)).Paused).toBe(true);
    expect((await berth(['unpause', name], env)).code).toBe(0);
    expect((await state(id)).Paused).toBe(false);
    expect((await berth(['restart', '-t', '1', name], env)).code).toBe(0);
    expect((await state(id)).Running).toBe(true);
    run = await berth(['kill', '-s', 'KILL', name], env);
    expect(run.code, run.stderr).toBe(0);
    expect((await state(id)).Running).toBe(false);
    const audit = readFileSync(join(env.XDG_STATE_HOME!, 'berth/audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.map((a) => a.verb)).toEqual(['stop', 'start', 'pause', 'unpause', 'restart', 'kill']);
    expect(audit.every((a) => a.node === 'local' && a.target === name && a.result === 'ok' && a.user && a.time)).toBe(true);
  });

  it('--dry-run prints what would happen and changes nothing', async () => {
    const id = await create(`act-${engine}-b`);
    const run = await berth(['stop', `act-${engine}-b`, '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`would stop local/act-${engine}-b`);
    expect((await state(id)).Running).toBe(true);
  });

  it('--readonly refuses with exit 4 and changes nothing', async () => {
    const id = await create(`act-${engine}-c`);
    const run = await berth(['--readonly', 'kill', `act-${engine}-c`], env);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('read-only');
    expect((await state(id)).Running).toBe(true);
  });

  it('rm of several containers needs --yes in scripts; with it, they are gone', async () => {
    await create(`act-${engine}-d`);
    await create(`act-${engine}-e`);
    const refused = await berth(['rm', '-f', `act-${engine}-d`, `act-${engine}-e`], env);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('--yes');
    const names = async (): Promise<string[]> => (await berth(['ps', '-a', '-o', 'name'], env)).stdout.split('\n');
    expect(await names()).toContain(`local/act-${engine}-d`);
    const done = await berth(['rm', '-f', '--yes', `act-${engine}-d`, `act-${engine}-e`], env);
    expect(done.code, done.stderr).toBe(0);
    expect(await names()).not.toContain(`local/act-${engine}-d`);
    expect(await names()).not.toContain(`local/act-${engine}-e`);
  });

  it('a reference that matches nothing changes nothing, even when the others exist', async () => {
    const id = await create(`act-${engine}-f`);
    const run = await berth(['stop', `act-${engine}-f`, 'no-such-thing'], env);
    expect(run.code).toBe(3);
    expect((await state(id)).Running).toBe(true);
  });

  it('labels with terminal control sequences never reach the terminal raw', async () => {
    await create(`act-${engine}-g`);
    const wide = await berth(['inspect', `act-${engine}-g`], env);
    expect(wide.code).toBe(0);
    expect(wide.stdout).toContain('evil');
    expect(wide.stdout).not.toContain('\u001b');
    expect(wide.stdout).not.toContain('\u0007');
  });
});
