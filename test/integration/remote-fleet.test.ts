// A fleet with remote nodes, through the real CLI and the lab's sshd:
// `berth port-forward` carrying real bytes to a host-network container on
// loopback (locally, and through the node's SSH connection), and `berth
// nodes` over a local node, an SSH node and a dead SSH node. All traffic
// stays on 127.0.0.1; ssh files are the lab's (BERTH_SSH_CONFIG), never ~/.ssh.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { berth, envelopeOf, sandboxEnv, writeConfig } from './support/berth.ts';
import { echo, freePort, removeContainer, startEchoContainer } from './support/echo-container.ts';

const lab = inject('lab');
const ssh = lab.ssh;
const docker1 = lab.engines.docker1.socket;
const BIN = resolve(import.meta.dirname, '../../bin/berth');
const NAME = 'lab-pf-echo';

/** A running `berth port-forward`, once it said where it listens. */
interface Forward {
  child: ChildProcess;
  port: number;
  line: string;
  exited: Promise<number | null>;
}

/** Starts `berth args…` and waits for its "Forwarding from" line. */
function forward(args: string[], env: Record<string, string>): Promise<Forward> {
  const child = spawn(BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  return new Promise((res, rej) => {
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`no "Forwarding from" line within 15s: ${err}`));
    }, 15_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /^Forwarding from 127\.0\.0\.1:(\d+) -> (.*)$/m.exec(err);
      if (m) {
        clearTimeout(timer);
        res({ child, port: Number(m[1]), line: m[0], exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`berth exited ${code} before forwarding: ${err}`));
    });
  });
}

describe('berth port-forward', () => {
  let port = 0;
  let id = '';
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    ({ id, port } = await startEchoContainer(lab, NAME));
  });

  afterAll(async () => {
    for (const c of running) c.kill('SIGKILL');
    if (id) await removeContainer(docker1, id);
  });

  /** Forwards, echoes real bytes through, then Ctrl-C: exit 130. */
  async function roundTrip(args: string[], env: Record<string, string>, target: string): Promise<void> {
    const f = await forward(args, env);
    running.push(f.child);
    expect(f.line).toBe(`Forwarding from 127.0.0.1:${f.port} -> ${target}:${port}`);
    expect(f.port).not.toBe(port);
    const payload = `bytes-${Math.random().toString(36).slice(2)}-${'x'.repeat(100_000)}`;
    expect(await echo(f.port, payload)).toBe(payload);
    // several connections at once, each its own channel
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => echo(f.port, `conn-${i}`)));
    expect(many).toEqual(Array.from({ length: 8 }, (_, i) => `conn-${i}`));
    f.child.kill('SIGINT');
    expect(await f.exited).toBe(130);
  }

  it('reaches a host-network container on the local node (any free local port)', async () => {
    const env = sandboxEnv(lab, { DOCKER_HOST: lab.engines.docker1.host });
    await roundTrip(['port-forward', NAME, `:${port}`], env, `local/${NAME}`);
  });

  it('reaches it on an SSH node through the SSH connection', async () => {
    const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
    const cfg = writeConfig(env, `nodes:\n  - name: remote1\n    ssh: ${ssh.alias}\n    socket: ${docker1}\n`);
    await roundTrip(['--config', cfg, 'port-forward', `remote1/${NAME}`, `0:${port}`], env, `remote1/${NAME}`);
  });

  it('refuses a container with network mode none (exit 1) and a bad port (exit 2)', async () => {
    const env = sandboxEnv(lab, { DOCKER_HOST: lab.engines.docker1.host });
    const none = await berth(['port-forward', 'lab-web', '80'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('container lab-web on node local has no network address; its network mode is none');
    const bad = await berth(['port-forward', 'lab-web', '80:99999'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid container port "99999"/);
  });
});

describe('berth nodes over a mixed fleet', () => {
  it('lists a local node, an SSH node and a dead SSH node; the dead one down with its reason; exit 1', async () => {
    const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
    const dead = await freePort(); // nothing listens there
    const cfg = writeConfig(env, [
      'nodes:',
      `  - {name: here, socket: ${docker1}}`,
      `  - {name: remote1, ssh: ${ssh.alias}, socket: ${docker1}}`,
      `  - {name: gone, ssh: "root@127.0.0.1:${dead}"}`,
      `  - {name: nosock, ssh: ${ssh.alias}, socket: ${join(lab.dir, 'missing.sock')}}`,
      '',
    ].join('\n'));
    const run = await berth(['--config', cfg, 'nodes', '-o', 'json'], env);
    expect(run.code, run.stderr).toBe(1);
    type N = { name: string; address: string; state: string; rttSeconds: number | null; sampler: string | null; lastError: string | null; runtime: { kind: string } | null };
    const doc = envelopeOf<N>(run);
    expect(doc.items.map((n) => [n.name, n.state])).toEqual([['here', 'up'], ['remote1', 'up'], ['gone', 'down'], ['nosock', 'degraded']]);
    const [here, remote, gone, nosock] = doc.items as [N, N, N, N];
    expect(here).toMatchObject({ address: `unix://${docker1}`, sampler: 'cgroup, local', lastError: null, runtime: { kind: 'docker' } });
    expect(remote).toMatchObject({ address: `root@127.0.0.1:${ssh.port}`, sampler: 'cgroup over ssh (streaming awk loop)', lastError: null, runtime: { kind: 'docker' } });
    expect(remote.rttSeconds).toBeGreaterThan(0);
    expect(remote.rttSeconds).toBeLessThan(1);
    expect(gone).toMatchObject({ address: `root@127.0.0.1:${dead}`, rttSeconds: null, runtime: null, sampler: null });
    expect(gone.lastError).toMatch(/connection refused/);
    expect(nosock.address).toBe(`root@127.0.0.1:${ssh.port}`);
    expect(nosock.lastError).toMatch(/^SSH is up, the runtime is not: .*missing\.sock/);
    expect(doc.errors.map((e) => [e.node, e.kind])).toEqual([['gone', 'unreachable'], ['nosock', 'unreachable']]);
    expect(run.stderr).toMatch(/gone.*connection refused/);
  });

  it('prints the table with all of them', async () => {
    const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
    const dead = await freePort();
    const cfg = writeConfig(env, `nodes:\n  - {name: here, socket: ${docker1}}\n  - {name: remote1, ssh: ${ssh.alias}, socket: ${docker1}}\n  - {name: gone, ssh: "root@127.0.0.1:${dead}"}\n`);
    const run = await berth(['--config', cfg, 'nodes'], env);
    expect(run.code).toBe(1);
    const rows = run.stdout.trim().split('\n').slice(1).map((l) => l.split('\t').slice(0, 2));
    expect(rows).toEqual([['here', 'up'], ['remote1', 'up'], ['gone', 'down']]);
  });
});
