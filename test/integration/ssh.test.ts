// The SSH transport against the lab's real OpenSSH servers (test/lab/sshd.ts):
// the Engine API of docker1 through one ssh2 connection (streamlocal, and the
// dial-stdio fallback), host key verification (unknown, accept-new, changed),
// login failures, ProxyJump, a lost and regained connection, and the real
// CLI with an SSH node. Everything points at the lab's files through
// BERTH_SSH_CONFIG and a private HOME; nothing reads or writes ~/.ssh.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BerthError, exitCodeFor } from '../../src/domain/errors.ts';
import { openNode } from '../../src/fleet/open-node.ts';
import { DockerRuntime } from '../../src/runtime/docker/client.ts';
import { unixEndpoint } from '../../src/runtime/docker/endpoint.ts';
import { LocalTransport } from '../../src/transport/local.ts';
import { SshTransport, type SshTransportOptions } from '../../src/transport/ssh/transport.ts';
import { startSshdProcess, stopSshdProcess } from '../lab/sshd.ts';
import { writeTargetConfig } from './support/ssh-config.ts';
import { berth, envelopeOf, sandboxEnv } from './support/berth.ts';

const lab = inject('lab');
const ssh = lab.ssh;
const docker1 = lab.engines.docker1.socket;
const work = mkdtempSync(join(tmpdir(), 'berth-ssh-it-'));
const home = join(work, 'home');
const env = { HOME: home, BERTH_SSH_CONFIG: ssh.configFile };
const open: SshTransport[] = [];

afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
  rmSync(work, { recursive: true, force: true });
});

/** A transport to `destination` under the lab's ssh config (or the given one); closed after the file. */
function transport(destination: string, over: Partial<SshTransportOptions> = {}): SshTransport {
  const t = new SshTransport({ node: 'remote', destination, timeoutMs: 10_000, env, homeDir: home, warn: () => undefined, ...over });
  open.push(t);
  return t;
}

/** An ssh config with one alias `target` for a lab server, for the host key and login cases. */
function configFor(name: string, opts: { port: number; knownHosts: string; strict: string; identity?: string }): string {
  return writeTargetConfig(work, name, { ...opts, identity: opts.identity ?? ssh.identityFile });
}

/** The rejection of a promise (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<BerthError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, 'expected a failure').toBeInstanceOf(BerthError);
  return err as BerthError;
}

/** Container names and states, sorted, for comparing two views of one engine. */
function summary(list: { id: string; name: string; state: string; image: string }[]): string[] {
  return list.map((c) => `${c.name} ${c.id} ${c.state} ${c.image}`).sort();
}

describe('the Engine API over SSH', () => {
  it('lists the same containers over the SSH streamlocal channel as on the local socket', async () => {
    const t = transport(ssh.alias);
    await t.connect();
    expect(t.state).toBe('ready');
    expect(t.address).toBe(`root@127.0.0.1:${ssh.port}`);
    const remote = new DockerRuntime({ node: 'n', transport: t, endpoint: unixEndpoint(docker1) });
    const local = new DockerRuntime({ node: 'n', transport: new LocalTransport('n'), endpoint: unixEndpoint(docker1) });
    const [a, b] = await Promise.all([remote.listContainers({ all: true }), local.listContainers({ all: true })]);
    expect(a.length).toBeGreaterThan(5);
    expect(summary(a)).toEqual(summary(b));
    expect(t.socketVia).toBe('streamlocal');
    await Promise.all([remote.close(), local.close()]);
  });

  it('logs and exec work over the channels (multiplexed and hijacked streams)', async () => {
    const t = transport(ssh.alias);
    const rt = new DockerRuntime({ node: 'n', transport: t, endpoint: unixEndpoint(docker1) });
    const lines: string[] = [];
    for await (const l of rt.logs(lab.fixtures.docker1['lab-logs']!, { tail: 'all' })) lines.push(`${l.stream}:${l.data.toString().trimEnd()}`);
    expect(lines).toContain('stdout:line 50');
    expect(lines).toContain('stderr:err 1');
    const session = await rt.exec(lab.fixtures.docker1['lab-web']!, ['sh', '-c', 'echo "out $0"; echo err >&2; exit 7', 'über'], { tty: false, interactive: false });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    session.stdout.on('data', (c: Buffer) => out.push(c));
    session.stderr.on('data', (c: Buffer) => err.push(c));
    expect(await session.exited).toBe(7);
    expect(Buffer.concat(out).toString()).toBe('out über\n');
    expect(Buffer.concat(err).toString()).toBe('err\n');
    await rt.close();
  });

  it('exec, stat, access and readFiles run on the host with argv quoted, one exec for many files', async () => {
    const t = transport(ssh.alias);
    const r = await t.exec(['printf', '%s|', "it's", '$HOME', 'a b', ''], {});
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout.toString()).toBe("it's|$HOME|a b||");
    expect((await t.exec(['sh', '-c', 'exit 3'])).code).toBe(3);
    expect((await t.exec(['sh', '-c', 'printf %s "$X"'], { env: { X: 'from env' } })).stdout.toString()).toBe('from env');
    expect(await t.stat(docker1)).toMatchObject({ kind: 'socket' });
    expect(await t.stat('/no/such/berth-path')).toBeNull();
    expect(await t.access(docker1)).toBe('ok');
    expect(await t.access('/no/such/berth.sock')).toBe('missing');
    const files = await t.readFiles(['/proc/self/status', '/no/such/berth-path', join(lab.dir, 'lab.json')]);
    expect((files.get('/proc/self/status') as Buffer).toString()).toMatch(/^Name:/);
    expect(files.get('/no/such/berth-path')).toMatchObject({ code: 'ENOENT' });
    expect((files.get(join(lab.dir, 'lab.json')) as Buffer).equals(readFileSync(join(lab.dir, 'lab.json')))).toBe(true);
  });

  it('a missing socket over streamlocal is ENOENT, worded by the runtime layer as "no runtime socket"', async () => {
    const t = transport(ssh.alias);
    const rt = new DockerRuntime({ node: 'remote', transport: t, endpoint: unixEndpoint('/run/nothing-here.sock') });
    const err = await failure(rt.listContainers({ all: true }));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/no runtime socket at unix:\/\/\/run\/nothing-here.sock/);
  });

  it('where sshd refuses streamlocal forwarding, falls back to docker system dial-stdio over exec', async () => {
    const warnings: string[] = [];
    const t = transport(ssh.jump.alias, { warn: (m) => warnings.push(m) });
    const rt = new DockerRuntime({ node: 'n', transport: t, endpoint: unixEndpoint(docker1) });
    const list = await rt.listContainers({ all: true });
    expect(list.map((c) => c.name)).toContain('lab-web');
    expect(t.socketVia).toBe('dial-stdio');
    expect(warnings.join()).toMatch(/refuses streamlocal forwarding/);
    expect((await rt.listContainers({ all: false })).length).toBeGreaterThan(0);
    await rt.close();
  });

  it('reaches the host through a ProxyJump hop (each host key verified under its own name)', async () => {
    const t = transport(ssh.jumpAlias);
    const rt = new DockerRuntime({ node: 'n', transport: t, endpoint: unixEndpoint(docker1) });
    expect((await rt.listContainers({ all: true })).map((c) => c.name)).toContain('lab-exited');
    expect((await t.exec(['echo', 'via hop'])).stdout.toString()).toBe('via hop\n');
    await rt.close();
  });

  it('openNode opens an SSH node with its configured socket; closing the runtime closes the connection', async () => {
    const spec = { name: 'remote1', ssh: ssh.alias, socket: docker1, readonly: false, sudo: false, labels: {} };
    const node = await openNode(spec, { env, homeDir: home, uid: 0, timeoutMs: 10_000, warn: () => undefined });
    expect(node.source).toBe('config');
    expect(node.transport.kind).toBe('ssh');
    expect((await node.runtime.listContainers({ all: true })).every((c) => c.node === 'remote1')).toBe(true);
    await node.runtime.close();
    expect((node.transport as SshTransport).state).toBe('closed');
  });

  it('openNode discovers the socket on the host (not through the local DOCKER_HOST)', async () => {
    const ns = `--mount=/proc/${lab.mountNamespace.holderPid}/ns/mnt`;
    execFileSync('nsenter', [ns, '--', 'ln', '-sfn', docker1, '/run/docker.sock']);
    try {
      const spec = { name: 'remote2', ssh: ssh.alias, socket: null, readonly: false, sudo: false, labels: {} };
      const node = await openNode(spec, { env: { ...env, DOCKER_HOST: 'unix:///local/only.sock' }, homeDir: home, uid: 0, timeoutMs: 10_000 });
      expect(node.source).toBe('default socket');
      expect(node.runtime.endpointLabel).toBe('unix:///var/run/docker.sock');
      expect((await node.runtime.listContainers({ all: true })).map((c) => c.name)).toContain('lab-web');
      await node.runtime.close();
    } finally {
      execFileSync('nsenter', [ns, '--', 'rm', '-f', '/run/docker.sock']);
    }
  });

  it('with no socket on the host, openNode says which ones it tried (exit 5)', async () => {
    const spec = { name: 'remote3', ssh: ssh.alias, socket: null, readonly: false, sudo: false, labels: {} };
    const err = await failure(openNode(spec, { env, homeDir: home, uid: 0, timeoutMs: 10_000 }));
    expect(exitCodeFor(err.kind)).toBe(5);
    expect(err.message).toMatch(/\/var\/run\/docker\.sock: no such socket/);
  });
});

describe('host keys', () => {
  it('an unknown host key is refused with its fingerprint as ssh-keygen prints it, and how to accept it', async () => {
    const kh = join(work, 'empty_known_hosts');
    const t = transport('target', { configFiles: [{ path: configFor('unknown', { port: ssh.port, knownHosts: kh, strict: 'yes' }), required: true, system: false }] });
    const err = await failure(t.connect());
    expect(exitCodeFor(err.kind)).toBe(5);
    expect(err.message).toContain(ssh.hostKeyFingerprint);
    expect(err.message).toContain('not known');
    expect(err.hint).toContain(`ssh-keyscan -H -p ${ssh.port} -t ed25519 127.0.0.1 >> ${kh}`);
    expect(t.state).toBe('down');
  });

  it('accept-new records the key (hashed) and a second, strict connection passes', async () => {
    const kh = join(work, 'accept_known_hosts');
    const first = transport('target', { configFiles: [{ path: configFor('accept', { port: ssh.port, knownHosts: kh, strict: 'accept-new' }), required: true, system: false }] });
    await first.connect();
    const text = readFileSync(kh, 'utf8');
    expect(text).toMatch(/^\|1\|\S+ ssh-ed25519 \S+\n$/);
    // ssh-keygen finds it under the [host]:port name.
    expect(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${ssh.port}`, '-f', kh], { encoding: 'utf8' })).toContain('found: line 1');
    const second = transport('target', { configFiles: [{ path: configFor('accept2', { port: ssh.port, knownHosts: kh, strict: 'yes' }), required: true, system: false }] });
    await second.connect();
    expect(second.state).toBe('ready');
    expect(readFileSync(kh, 'utf8')).toBe(text);
  });

  it('under StrictHostKeyChecking ask a console is asked (fingerprint shown); yes records the key, no refuses', async () => {
    const kh = join(work, 'ask_known_hosts');
    const cfg = [{ path: configFor('ask', { port: ssh.port, knownHosts: kh, strict: 'ask' }), required: true, system: false }];
    const asked: string[] = [];
    const answer = (yes: boolean) => async (q: { fingerprint: string }) => {
      asked.push(q.fingerprint);
      return yes;
    };
    const no = transport('target', { configFiles: cfg, askHostKey: answer(false) });
    expect((await failure(no.connect())).message).toContain('not known');
    const yes = transport('target', { configFiles: cfg, askHostKey: answer(true) });
    await yes.connect();
    expect(asked).toEqual([`ED25519 key ${ssh.hostKeyFingerprint}`, `ED25519 key ${ssh.hostKeyFingerprint}`]);
    expect(readFileSync(kh, 'utf8')).toMatch(/^\|1\|/);
  });

  it('StrictHostKeyChecking no records the key too, with a warning (never "off")', async () => {
    const kh = join(work, 'no_known_hosts');
    const warnings: string[] = [];
    const t = transport('target', { warn: (m) => warnings.push(m), configFiles: [{ path: configFor('no', { port: ssh.port, knownHosts: kh, strict: 'no' }), required: true, system: false }] });
    await t.connect();
    expect(warnings.join()).toMatch(/treated as accept-new/);
    expect(readFileSync(kh, 'utf8')).toMatch(/ssh-ed25519/);
  });

  it.each(['yes', 'accept-new', 'no'])('a CHANGED key is refused under StrictHostKeyChecking %s, naming the known_hosts file and line', async (strict) => {
    // The jump server's port, recorded with the MAIN server's key: the jump server's own key is then a changed key.
    const kh = join(work, `changed_${strict}`);
    const mainKey = readFileSync(`${ssh.main.hostKeyFile}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(kh, `# berth test\n[127.0.0.1]:${ssh.jump.port} ${mainKey}\n`);
    const t = transport('target', { configFiles: [{ path: configFor(`changed_${strict}`, { port: ssh.jump.port, knownHosts: kh, strict }), required: true, system: false }] });
    const err = await failure(t.connect());
    expect(exitCodeFor(err.kind)).toBe(5);
    expect(err.message).toMatch(/changed/i);
    expect(err.message).toContain(`${kh}:2`);
    expect(err.message).toContain(ssh.jump.hostKeyFingerprint);
    expect(readFileSync(kh, 'utf8')).toBe(`# berth test\n[127.0.0.1]:${ssh.jump.port} ${mainKey}\n`);
  });
});

describe('logging in', () => {
  it('a key the server does not accept is a clear login error (exit 5)', async () => {
    const t = transport('target', { configFiles: [{ path: configFor('stranger', { port: ssh.port, knownHosts: ssh.knownHostsFile, strict: 'yes', identity: ssh.unauthorizedIdentityFile }), required: true, system: false }] });
    const err = await failure(t.connect());
    expect(exitCodeFor(err.kind)).toBe(5);
    expect(err.message).toMatch(/SSH login to .* as root was refused/);
    expect(err.message).toContain(ssh.unauthorizedIdentityFile);
    expect(err.hint).toMatch(/authorized_keys/);
  });

  it('a passphrase-protected key is never prompted for in scripts: the error says to load it into ssh-agent', async () => {
    const t = transport('target', { configFiles: [{ path: configFor('locked', { port: ssh.port, knownHosts: ssh.knownHostsFile, strict: 'yes', identity: ssh.lockedIdentityFile }), required: true, system: false }] });
    const err = await failure(t.connect());
    expect(exitCodeFor(err.kind)).toBe(5);
    expect(`${err.message} ${err.hint}`).toMatch(/passphrase-protected/);
    expect(`${err.message} ${err.hint}`).toContain(`ssh-add ${ssh.lockedIdentityFile}`);
  });

  it('nothing listening on the port is "connection refused" (exit 5)', async () => {
    const t = transport('root@127.0.0.1:1');
    const err = await failure(t.connect());
    expect(exitCodeFor(err.kind)).toBe(5);
  });
});

describe('the berth CLI with an SSH node', () => {
  const cliEnv = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
  const config = join(cliEnv.HOME!, 'berth.yaml');
  writeFileSync(config, `nodes:\n  - name: remote1\n    ssh: ${ssh.alias}\n    socket: ${docker1}\n`);

  it('ps -a --node remote1 lists docker1 over SSH', async () => {
    const run = await berth(['--config', config, 'ps', '-a', '--node', 'remote1'], cliEnv);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/lab-web/);
    expect(run.stdout).toMatch(/lab-exited/);
  });

  it('ps -a -o json: items carry the node name, no errors', async () => {
    const run = await berth(['--config', config, 'ps', '-a', '-o', 'json'], cliEnv);
    expect(run.code, run.stderr).toBe(0);
    const doc = envelopeOf<{ name: string; node: string }>(run);
    expect(doc.errors).toEqual([]);
    expect(doc.items.map((i) => i.name)).toContain('lab-paused');
    expect(new Set(doc.items.map((i) => i.node))).toEqual(new Set(['remote1']));
  });

  it('stats --no-stream over SSH reads the same memory as the local sampler', async () => {
    const local = sandboxEnv(lab, { DOCKER_HOST: lab.engines.docker1.host });
    const [remote, here] = await Promise.all([
      berth(['--config', config, 'stats', '--no-stream', '-o', 'json', '--filter', 'name=lab-memlimit'], cliEnv),
      berth(['stats', '--no-stream', '-o', 'json', '--filter', 'name=lab-memlimit'], local),
    ]);
    expect(remote.code, remote.stderr).toBe(0);
    type S = { node: string; memory: { workingSetBytes: number; limitBytes: number }; pids: number };
    const r = envelopeOf<S>(remote).items[0]!;
    const l = envelopeOf<S>(here).items[0]!;
    expect(r.node).toBe('remote1');
    expect(r.memory.limitBytes).toBe(64 * 1024 * 1024);
    expect(Math.abs(r.memory.workingSetBytes - l.memory.workingSetBytes)).toBeLessThan(1024 * 1024);
    expect(r.pids).toBe(l.pids);
  });

  it('an ad-hoc --node user@host:port with an unknown host key exits 5 with the fingerprint', async () => {
    const run = await berth(['ps', '--node', `root@127.0.0.1:${ssh.port}`, '-o', 'json'], cliEnv);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(ssh.hostKeyFingerprint);
  });
});

// Last: this stops the main sshd (every connection with it) and starts it again.
describe('a lost connection', () => {
  it('fails calls as unreachable while sshd is gone, and reconnects once it is back', async () => {
    const t = transport(ssh.alias);
    const rt = new DockerRuntime({ node: 'remote', transport: t, endpoint: unixEndpoint(docker1) });
    expect((await rt.listContainers({ all: true })).length).toBeGreaterThan(0);
    const states: string[] = [];
    t.onStateChange((s) => states.push(s));
    await stopSshdProcess(ssh.main);
    try {
      for (let i = 0; i < 50 && t.state === 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(t.state).toBe('down');
      const err = await failure(t.exec(['true']));
      expect(err.kind).toBe('unreachable');
      const apiErr = await failure(rt.listContainers({ all: true }));
      expect(exitCodeFor(apiErr.kind)).toBe(5);
    } finally {
      ssh.main.pid = await startSshdProcess(ssh.main, lab.mountNamespace.holderPid);
    }
    let list: unknown[] | null = null;
    for (let i = 0; i < 40 && list === null; i++) {
      list = await rt.listContainers({ all: true }).catch(() => null);
      if (list === null) await new Promise((r) => setTimeout(r, 250));
    }
    expect(list?.length).toBeGreaterThan(0);
    expect(t.state).toBe('ready');
    expect(states).toContain('down');
    expect(states.at(-1)).toBe('ready');
    await rt.close();
  });
});
