// Faults on remote nodes through the real CLI (issue 5 "Faults"): the
// node's sshd killed under `logs -f` and started again; one engine of a
// two-node fleet stopping while `stats -o jsonl` follows both; and an ssh
// config alias with ProxyJump given straight to `--node`. The lab's sshd
// and engines are real; an engine "stops" behind a socket proxy, so the
// shared lab engines are never touched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { apiJson, apiOk } from '../lab/engine-api.ts';
import { FIXTURE_LABEL } from '../lab/fixtures.ts';
import { LAB_IMAGE } from '../lab/images.ts';
import { startSshdProcess, stopSshdProcess } from '../lab/sshd.ts';
import { berth, envelopeOf, sandboxEnv, writeConfig } from './support/berth.ts';
import { jsonLines, killLiveRuns, live, type LiveRun } from './support/live.ts';
import { SocketProxy } from './support/socket-proxy.ts';

const lab = inject('lab');
const ssh = lab.ssh;
const docker1 = lab.engines.docker1.socket;
const docker2 = lab.engines.docker2.socket;
const work = mkdtempSync(join(tmpdir(), 'berth-remote-faults-'));
const created: string[] = [];

afterAll(async () => {
  killLiveRuns();
  for (const id of created) await apiOk(docker1, 'DELETE', `/containers/${id}?force=1`, {}, [404]);
  rmSync(work, { recursive: true, force: true });
});

/** Starts a container on docker1 printing `line N` every 200 ms. */
async function counter(name: string): Promise<string> {
  await apiOk(docker1, 'DELETE', `/containers/${name}?force=1`, {}, [404]);
  const body = {
    Image: LAB_IMAGE,
    Cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.2; done'],
    Labels: { [FIXTURE_LABEL]: name },
    HostConfig: { CgroupParent: lab.engines.docker1.cgroupParent },
  };
  const { Id } = await apiJson<{ Id: string }>(docker1, 'POST', `/containers/create?name=${name}`, { body });
  created.push(Id);
  await apiOk(docker1, 'POST', `/containers/${Id}/start`);
  return Id;
}

const numbers = (run: LiveRun): number[] => run.stdout.split('\n').filter(Boolean).map((l) => Number(/^line (\d+)$/.exec(l)?.[1] ?? NaN));

describe('logs -f on an SSH node whose sshd is killed and started again', () => {
  it('says so on stderr, resumes once sshd is back, and repeats or loses no line', async () => {
    await counter('lab-remote-counter');
    const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
    const cfg = writeConfig(env, `nodes:\n  - {name: r1, ssh: ${ssh.alias}, socket: ${docker1}}\n`);
    const run = live(['--config', cfg, '--node', 'r1', 'logs', '-f', '--tail', '0', 'lab-remote-counter'], env);
    await run.waitFor(() => numbers(run).length >= 3, 15_000, 'three lines');
    await stopSshdProcess(ssh.main);
    try {
      await run.waitFor((_, err) => /lost the connection while following/.test(err), 15_000, 'a notice of the lost connection');
    } finally {
      ssh.main.pid = await startSshdProcess(ssh.main, lab.mountNamespace.holderPid);
    }
    const before = numbers(run).length;
    await run.waitFor(() => numbers(run).length >= before + 5, 30_000, 'five lines after sshd is back');
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    const got = numbers(run);
    expect(got.every(Number.isInteger), run.stdout).toBe(true);
    // Every line once, in order, none lost across the gap.
    expect(got, run.stdout).toEqual(Array.from({ length: got.length }, (_, i) => got[0]! + i));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('stats -o jsonl following two nodes while one engine stops', () => {
  it('the other node keeps ticking; the stopped one is said down, then back; Ctrl-C ends it with 130', async () => {
    const proxy = new SocketProxy(docker2, join(work, 'docker2-proxy.sock'));
    await proxy.listen();
    const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
    const cfg = writeConfig(env, `nodes:\n  - {name: r1, ssh: ${ssh.alias}, socket: ${docker1}}\n  - {name: r2, ssh: ${ssh.alias}, socket: ${proxy.path}}\n`);
    const run = live(['--config', cfg, 'stats', '-o', 'jsonl'], env);
    type L = { name: string; node: string };
    const lines = (): L[] => jsonLines<L>(run.stdout);
    const seen = (node: string, name: string): number => lines().filter((l) => l.node === node && l.name === name).length;
    try {
      await run.waitFor(() => seen('r1', 'lab-web') >= 2 && seen('r2', 'lab-other') >= 2, 20_000, 'lines from both nodes');
      await proxy.close();
      await run.waitFor((_, err) => /node r2 is down: /.test(err), 15_000, 'r2 said down');
      const r1AtDown = seen('r1', 'lab-web');
      const r2AtDown = seen('r2', 'lab-other');
      await run.waitFor(() => seen('r1', 'lab-web') >= r1AtDown + 3, 15_000, 'three more r1 ticks while r2 is down');
      expect(seen('r2', 'lab-other')).toBe(r2AtDown);
      // Said when it happens and when the reason changes (the request cut off, then no socket), not every tick.
      expect(run.stderr.match(/node r2 is down/g)!.length, run.stderr).toBeLessThanOrEqual(2);
      expect(run.stderr).toMatch(/node r2 is down: .*(no runtime socket|lost)/);
      expect(run.stderr).not.toMatch(/node r1 is down/);
      await proxy.listen();
      await run.waitFor((_, err) => /node r2 is back after \d+ s/.test(err) && seen('r2', 'lab-other') > r2AtDown, 20_000, 'r2 back with lines');
    } finally {
      await proxy.close();
    }
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
  });
});

describe('stats -o jsonl when every node is lost', () => {
  it('gives up after --timeout×3 with exit 5, naming what was lost', async () => {
    const proxy = new SocketProxy(docker2, join(work, 'docker2-lost.sock'));
    await proxy.listen();
    const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
    const cfg = writeConfig(env, `nodes:\n  - {name: r2, ssh: ${ssh.alias}, socket: ${proxy.path}}\n`);
    const run = live(['--config', cfg, '--timeout', '2s', 'stats', '-o', 'jsonl'], env);
    try {
      await run.waitFor(() => /"lab-other"/.test(run.stdout), 20_000, 'a lab-other line');
    } finally {
      await proxy.close();
    }
    const started = Date.now();
    const end = await run.exited;
    expect(end.code, run.stderr).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
    expect(run.stderr).toMatch(/node r2 is down: /);
    expect(run.stderr).toMatch(/lost every node for 6 s: r2: /);
  });
});

describe('an ssh config alias with ProxyJump, given to --node', () => {
  it('berth ps --node <alias> reaches the node through the hop (BERTH_SSH_CONFIG)', async () => {
    // The alias names no socket: discovery on the host finds its default one.
    const ns = `--mount=/proc/${lab.mountNamespace.holderPid}/ns/mnt`;
    execFileSync('nsenter', [ns, '--', 'ln', '-sfn', docker1, '/run/docker.sock']);
    const hopLog = (): number => (readFileSync(ssh.jump.logFile, 'utf8').match(/Accepted publickey for root/g) ?? []).length;
    const hopBefore = hopLog();
    try {
      const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
      const run = await berth(['ps', '-a', '-o', 'json', '--node', ssh.jumpAlias], env);
      expect(run.code, run.stderr).toBe(0);
      const doc = envelopeOf<{ name: string; node: string }>(run);
      expect(doc.items.map((i) => i.name)).toContain('lab-exited');
      expect(new Set(doc.items.map((i) => i.node))).toEqual(new Set([ssh.jumpAlias]));
      expect(hopLog()).toBeGreaterThan(hopBefore);
      const unknown = await berth(['ps', '--node', 'lab-ssh-nonesuch'], env);
      expect(unknown.code).toBe(3);
      expect(unknown.stderr).toMatch(/unknown node "lab-ssh-nonesuch"/);
    } finally {
      execFileSync('nsenter', [ns, '--', 'rm', '-f', '/run/docker.sock']);
    }
  });
});
