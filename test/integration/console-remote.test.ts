// The console over SSH nodes, end to end: the real bin/berth in tmux (CI=true,
// as in CI) against the lab's sshd in front of docker1. An unknown host key
// is asked about in the console and recorded on yes; a locked key's
// passphrase is asked for and never drawn; a node whose sshd dies is shown
// down with the age of its data while the other node carries on, and comes
// back by itself when sshd does. Only the lab's ssh files are used
// (BERTH_SSH_CONFIG, a private HOME), never ~/.ssh.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { LOCKED_KEY_PASSPHRASE, startSshdProcess, stopSshdProcess } from '../lab/sshd.ts';
import { TmuxTerminal, shQuote } from '../e2e/tmux.ts';
import { sandboxEnv, writeConfig } from './support/berth.ts';
import { writeTargetConfig } from './support/ssh-config.ts';
import { echo, removeContainer, startEchoContainer } from './support/echo-container.ts';

const lab = inject('lab');
const ssh = lab.ssh;
const docker1 = lab.engines.docker1.socket;
const BERTH = resolve(import.meta.dirname, '../../bin/berth');
const work = mkdtempSync(join(tmpdir(), 'berth-console-remote-'));
let term: TmuxTerminal | null = null;

afterEach(() => {
  term?.kill();
  term = null;
});

afterAll(async () => {
  for (const id of made) await removeContainer(docker1, id);
});
const made: string[] = [];

/** An ssh config with one alias `target` for the lab's main sshd. */
function sshConfig(name: string, o: { knownHosts: string; strict: string; identity: string }): string {
  return writeTargetConfig(work, name, { ...o, port: ssh.port });
}

/** Opens the console in tmux with `nodes` (config.yaml lines) and the given ssh config. */
function openConsole(nodes: string, sshConfigFile: string, extra: Record<string, string> = {}): TmuxTerminal {
  const env = { ...sandboxEnv(lab, { BERTH_SSH_CONFIG: sshConfigFile, ...extra }), CI: 'true' };
  const cfg = writeConfig(env, `nodes:\n${nodes}`);
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${shQuote(v)}`).join(' ');
  return TmuxTerminal.start(`env -i TERM="$TERM" ${assignments} ${shQuote(BERTH)} --config ${shQuote(cfg)}; echo "berth exited $?"; sleep 3600`, 140, 40);
}

/** The table row of a container (name column after the cursor and selection marks). */
const rowOf = (screen: string, name: string): string | undefined => screen.split('\n').find((l) => new RegExp(`^[> ][ *] {2}${name} `).test(l));

describe('the console with SSH nodes', () => {
  it('asks about an unknown host key (fingerprint shown); y records it, and the node\'s containers come with CPU figures', async () => {
    const knownHosts = join(work, 'ask_known_hosts');
    writeFileSync(knownHosts, '');
    const cfg = sshConfig('ask', { knownHosts, strict: 'ask', identity: ssh.identityFile });
    term = openConsole(`  - name: remote1\n    ssh: target\n    socket: ${docker1}\n`, cfg);
    const asked = await term.waitFor((s) => s.includes('is not known'), 'the host key question', 30_000);
    expect(asked).toContain(`ED25519 key ${ssh.hostKeyFingerprint}`);
    expect(asked).toContain(knownHosts);
    term.keys('y');
    await term.waitFor((s) => rowOf(s, 'lab-web') !== undefined, 'remote1\'s containers', 30_000);
    expect(readFileSync(knownHosts, 'utf8')).toMatch(/^\|1\|\S+ ssh-ed25519 \S+\n$/);
    // The remote sampler feeds the table: a CPU figure, not `–`.
    await term.waitFor((s) => /\d+\.\d%/.test(rowOf(s, 'lab-web') ?? ''), 'a CPU figure for lab-web on remote1', 20_000);
  });

  it('n refuses the key: the node is down with the reason, and nothing is recorded', async () => {
    const knownHosts = join(work, 'refuse_known_hosts');
    writeFileSync(knownHosts, '');
    const cfg = sshConfig('refuse', { knownHosts, strict: 'ask', identity: ssh.identityFile });
    term = openConsole(`  - name: remote1\n    ssh: target\n    socket: ${docker1}\n`, cfg);
    await term.waitFor((s) => s.includes('is not known'), 'the host key question', 30_000);
    term.keys('n');
    const s = await term.waitFor((x) => /^remote1 +down .*not known/m.test(x), 'remote1 down, saying why', 20_000);
    expect(s).not.toContain('trust and connect');
    expect(readFileSync(knownHosts, 'utf8')).toBe('');
  });

  it('asks for a locked key\'s passphrase, draws only stars, and logs in with it', async () => {
    const cfg = sshConfig('locked', { knownHosts: ssh.knownHostsFile, strict: 'yes', identity: ssh.lockedIdentityFile });
    term = openConsole(`  - name: remote1\n    ssh: target\n    socket: ${docker1}\n`, cfg);
    await term.waitFor((s) => s.includes(`passphrase for ${ssh.lockedIdentityFile}`), 'the passphrase question', 30_000);
    term.type(LOCKED_KEY_PASSPHRASE);
    const typed = await term.waitFor((s) => s.includes('*'.repeat(LOCKED_KEY_PASSPHRASE.length)), 'stars for the typed characters');
    expect(typed).not.toContain(LOCKED_KEY_PASSPHRASE);
    term.keys('Enter');
    const s = await term.waitFor((x) => rowOf(x, 'lab-web') !== undefined, 'remote1\'s containers', 30_000);
    expect(s).not.toContain(LOCKED_KEY_PASSPHRASE);
  });

  it('a node whose sshd dies is shown down with its data age while the local node carries on; it and its log stream come back by themselves', async () => {
    const env = { DOCKER_HOST: lab.engines.docker2.host };
    term = openConsole(`  - name: local\n  - name: remote1\n    ssh: ${ssh.alias}\n    socket: ${docker1}\n`, ssh.configFile, env);
    await term.waitFor((s) => /^remote1 +up/m.test(s) && /^local +up/m.test(s) && rowOf(s, 'lab-other') !== undefined && rowOf(s, 'lab-logs') !== undefined, 'both nodes up', 30_000);
    // Follow remote1's lab-logs (a line a second) in the logs pane.
    term.keys('/');
    term.type('lab-logs');
    term.keys('Enter');
    await term.waitFor((s) => rowOf(s, 'lab-logs')?.startsWith('>') === true, 'lab-logs under the cursor');
    term.keys('l');
    const lastLine = (s: string): number => Math.max(0, ...[...s.matchAll(/line (\d+)/g)].map((m) => Number(m[1])));
    const before = lastLine(await term.waitFor((s) => lastLine(s) > 50, 'lab-logs lines in the pane', 20_000));
    await stopSshdProcess(ssh.main);
    try {
      const down = await term.waitFor((s) => /^remote1 +down .*stale \d+s/m.test(s), 'remote1 down with the age of its data', 30_000);
      expect(down).toMatch(/^local +up/m);
    } finally {
      ssh.main.pid = await startSshdProcess(ssh.main, lab.mountNamespace.holderPid);
    }
    await term.waitFor((s) => /^remote1 +up/m.test(s), 'remote1 up again', 30_000);
    // The stream resumed: lines written after the connection came back appear, none twice.
    const after = await term.waitFor((s) => lastLine(s) >= before + 3, 'new lines after the reconnect', 30_000);
    const numbers = [...after.matchAll(/^.*\bline (\d+)\s*$/gm)].map((m) => Number(m[1]));
    expect(new Set(numbers).size).toBe(numbers.length);
    term.keys('Escape');
    await term.waitFor((s) => rowOf(s, 'lab-logs') !== undefined, 'back to the table');
  });

  it('f forwards a port of a container on an SSH node to 127.0.0.1, carrying real bytes; 7 lists forwards and x stops one; quitting closes the rest', async () => {
    const name = 'lab-console-f';
    const { id, port } = await startEchoContainer(lab, name);
    made.push(id);
    term = openConsole(`  - name: remote1\n    ssh: ${ssh.alias}\n    socket: ${docker1}\n`, ssh.configFile);
    await term.waitFor((s) => rowOf(s, name) !== undefined, `${name} listed`, 30_000);
    term.keys('/');
    term.type(name);
    term.keys('Enter');
    await term.waitFor((s) => rowOf(s, name)?.startsWith('>') === true, `${name} under the cursor`);
    const forward = async (): Promise<number> => {
      term!.keys('f');
      await term!.waitFor((s) => s.includes('forward [LOCAL:]PORT'), 'the port line');
      term!.type(`:${port}`);
      term!.keys('Enter');
      const said = await term!.waitFor((s) => /forwarding 127\.0\.0\.1:\d+ -> /.test(s), 'the forward notice', 20_000);
      return Number(/forwarding 127\.0\.0\.1:(\d+) -> remote1\/lab-console-f:(\d+)/.exec(said)?.[1]);
    };
    const first = await forward();
    expect(first).toBeGreaterThan(0);
    const payload = `console-forward-${'z'.repeat(20_000)}`;
    expect(await echo(first, payload)).toBe(payload);
    term.keys('Escape');
    const second = await forward();
    expect(second).not.toBe(first);

    term.keys('7');
    const listed = await term.waitFor((s) => s.includes(`127.0.0.1:${second}`) && /^Port forwards \[7\]/m.test(s), 'both forwards listed');
    const rowFor = (s: string, p: number) => s.split('\n').find((l) => new RegExp(`^[> ]127\\.0\\.0\\.1:${p} `).test(l));
    // The first forward carried one connection.
    expect(rowFor(listed, first)).toMatch(new RegExp(`remote1 +${name} +${port} +1 +0 `));
    expect(rowFor(listed, first)?.startsWith('>')).toBe(true);
    term.keys('x');
    await term.waitFor((s) => s.includes(`stopped forwarding 127.0.0.1:${first} -> remote1/${name}:${port}`) && rowFor(s, first) === undefined, 'the first forward stopped');
    await expect(echo(first, 'stopped?')).rejects.toThrow(/ECONNREFUSED/);
    expect(await echo(second, 'the other one')).toBe('the other one');

    term.keys('q');
    await term.waitFor((s) => s.includes('berth exited 0'), 'berth to quit');
    await expect(echo(second, 'still there?')).rejects.toThrow(/ECONNREFUSED/);
  });
});
