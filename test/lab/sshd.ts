// The lab's OpenSSH servers (DESIGN.md "Test lab"): two sshd on 127.0.0.1
// with ephemeral ports, each with its own ed25519 host key, key-only login
// as root, and everything (host keys, authorized_keys, pid files, the
// client keys, an ssh_config and a known_hosts for tests) in <lab>/ssh/.
//
// - "main" allows streamlocal forwarding: berth's normal way to a runtime
//   socket; tests reach the lab engines' sockets through it.
// - both also let the lab's non-root user (user.ts: `berthop`, in the
//   docker group) log in with its own key, through a `Match User` block.
// - "jump" is a ProxyJump hop (TCP forwarding on) with a different host key
//   and AllowStreamLocalForwarding no: as a target it exercises berth's
//   dial-stdio fallback, and its key is "the other key" for changed-key
//   tests.
//
// Where sshd runs: inside the lab's private mount namespace (nsenter, like
// the engines). sshd needs its privilege-separation folder /run/sshd, which
// the host does not have; in the namespace /run is an overlay whose upper
// layer is in the lab, so creating it writes nothing on the host. The lab's
// sockets live in the lab folder under /tmp, which the namespace shares with
// the host, so forwarded connections reach the same engines; commands run
// over SSH see the lab's /run and /var, as a remote host's own would be.
// Teardown needs nothing new: it kills every process of the namespace and
// every process whose argv names the lab folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { inNamespace, type LabNamespace } from './namespace.ts';
import { isAlive, listProcs, signal, sleep, startDaemon, waitReady } from './proc.ts';
import type { LabSsh, LabSshServer } from './types.ts';
import { createLabUser, isolateRoot, SUDO_USER, type LabUser } from './user.ts';

const SSHD = '/usr/sbin/sshd';
/** Passphrase of the lab's passphrase-protected client key. */
export const LOCKED_KEY_PASSPHRASE = 'berth-lab-passphrase';

/** An ed25519 key pair made by ssh-keygen; returns the private key's path. */
function keygen(file: string, comment: string, passphrase = ''): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', file], { stdio: 'ignore' });
  chmodSync(file, 0o600);
  return file;
}

/** `SHA256:…` of a public key file, as ssh-keygen -l prints it. */
export function fingerprintOf(pubFile: string): string {
  const out = execFileSync('ssh-keygen', ['-l', '-f', pubFile], { encoding: 'utf8' });
  return out.split(/\s+/)[1] ?? '';
}

/** A port nobody listens on right now (bind :0, read it, release it); sshd start retries on a race. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP on 127.0.0.1:port and speaks SSH first. */
function answersSsh(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once('data', (d) => done(d.toString('latin1').startsWith('SSH-2.0-')));
    s.once('error', () => done(false));
    s.setTimeout(1000, () => done(false));
  });
}

function sshdConfig(dir: string, name: string, port: number, streamlocal: boolean, users: readonly LabUser[]): string {
  return [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${join(dir, `host_${name}_ed25519`)}`,
    `PidFile ${join(dir, `sshd-${name}.pid`)}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'UsePAM no',
    // The lab folder is not root-only all the way up (/tmp is 1777).
    'StrictModes no',
    `AllowStreamLocalForwarding ${streamlocal ? 'yes' : 'no'}`,
    'AllowTcpForwarding yes',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PrintMotd no',
    'MaxStartups 100',
    'MaxSessions 20',
    'LogLevel VERBOSE',
    // The non-root users log in with their own keys only (a Match block must come last).
    ...users.flatMap((u) => [`Match User ${u.name}`, `  AuthorizedKeysFile ${u.authorizedKeysFile}`]),
    '',
  ].join('\n');
}

/**
 * Starts (or restarts) one sshd from its config file inside the lab
 * namespace and waits until it greets on its port. Returns its pid.
 */
export async function startSshdProcess(server: Pick<LabSshServer, 'sshdConfig' | 'logFile' | 'port'>, nsHolderPid: number): Promise<number> {
  const ns = { holderPid: nsHolderPid } as LabNamespace;
  const daemon = startDaemon(inNamespace(ns, [SSHD, '-D', '-e', '-f', server.sshdConfig]), { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' }, server.logFile);
  await waitReady(`sshd (${server.sshdConfig})`, daemon, () => answersSsh(server.port), 15_000);
  return daemon.pid;
}

/**
 * Stops an sshd and every connection it serves (the per-connection
 * children), like a host going away. Found by its config file in argv, so
 * it also works on a lab reused after a test restarted the server.
 */
export async function stopSshdProcess(server: Pick<LabSshServer, 'sshdConfig'>): Promise<void> {
  const procs = listProcs();
  // sshd rewrites its argv to one string: "sshd: /usr/sbin/sshd -D -e -f <config> [listener] …".
  const doomed = new Set<number>(procs.filter((p) => /sshd/.test(p.args[0] ?? '') && p.args.some((a) => a === server.sshdConfig || a.includes(` ${server.sshdConfig} `))).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (doomed.has(p.ppid) && !doomed.has(p.pid)) {
        doomed.add(p.pid);
        grew = true;
      }
    }
  }
  for (const p of doomed) signal(p, 'SIGKILL');
  for (let i = 0; i < 100 && [...doomed].some(isAlive); i++) await sleep(20);
}

/** Starts one server on a free port, retrying when another process took the port first. */
async function startServer(dir: string, name: string, alias: string, streamlocal: boolean, ns: LabNamespace, logDir: string, users: readonly LabUser[]): Promise<LabSshServer> {
  const hostKeyFile = keygen(join(dir, `host_${name}_ed25519`), `berth-lab-${name}`);
  const config = join(dir, `sshd-${name}.conf`);
  const logFile = join(logDir, `sshd-${name}.log`);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    writeFileSync(config, sshdConfig(dir, name, port, streamlocal, users));
    try {
      const pid = await startSshdProcess({ sshdConfig: config, logFile, port }, ns.holderPid);
      return { name, alias, port, pid, sshdConfig: config, logFile, hostKeyFile, hostKeyFingerprint: fingerprintOf(`${hostKeyFile}.pub`), streamlocal };
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`sshd ${name} did not start: ${(lastError as Error).message}`);
}

/** The lab's ssh_config: the aliases tests use, all pinned to the lab's files. */
function sshConfigText(main: LabSshServer, jump: LabSshServer, identity: string, knownHosts: string, jumpAlias: string, users: readonly { user: LabUser; alias: string }[]): string {
  const tail = [
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  HashKnownHosts yes',
    '  IdentityAgent none',
  ];
  const common = ['  HostName 127.0.0.1', '  User root', `  IdentityFile ${identity}`, ...tail];
  return [
    '# The berth test lab\'s ssh config (test/lab/sshd.ts). Never the user\'s own.',
    `Host ${main.alias}`,
    `  Port ${main.port}`,
    ...common,
    '',
    `Host ${jump.alias}`,
    `  Port ${jump.port}`,
    ...common,
    '',
    `Host ${jumpAlias}`,
    `  Port ${main.port}`,
    `  ProxyJump ${jump.alias}`,
    ...common,
    '',
    ...users.flatMap(({ user, alias }) => [
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  Port ${main.port}`,
      `  User ${user.name}`,
      `  IdentityFile ${user.identityFile}`,
      ...tail,
      '',
    ]),
  ].join('\n');
}

/**
 * Starts the lab's two sshd and writes the client side: keys, ssh_config,
 * known_hosts with both host keys (hashed, as Debian's HashKnownHosts does).
 */
export async function startLabSsh(labDir: string, ns: LabNamespace): Promise<LabSsh> {
  const dir = join(labDir, 'ssh');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // sshd's privilege separation folder, made inside the namespace (an overlay: nothing lands on the host).
  const mk = spawnSync('nsenter', [`--mount=/proc/${ns.holderPid}/ns/mnt`, '--', 'mkdir', '-p', '-m', '0755', '/run/sshd'], { encoding: 'utf8' });
  if (mk.status !== 0) throw new Error(`cannot create /run/sshd in the lab namespace: ${mk.stderr}`);

  const identityFile = keygen(join(dir, 'id_ed25519'), 'berth-lab-client');
  const unauthorizedIdentityFile = keygen(join(dir, 'id_unauthorized'), 'berth-lab-stranger');
  const lockedIdentityFile = keygen(join(dir, 'id_locked'), 'berth-lab-locked', LOCKED_KEY_PASSPHRASE);
  const authorized = [identityFile, lockedIdentityFile].map((f) => readFileSync(`${f}.pub`, 'utf8').trim()).join('\n');
  writeFileSync(join(dir, 'authorized_keys'), `${authorized}\n`, { mode: 0o600 });

  isolateRoot(labDir, ns);
  const user = createLabUser(labDir, ns);
  const sudoUser = createLabUser(labDir, ns, SUDO_USER);
  const logDir = join(labDir, 'logs');
  const [main, jump] = await Promise.all([
    startServer(dir, 'main', 'lab-ssh', true, ns, logDir, [user, sudoUser]),
    startServer(dir, 'jump', 'lab-ssh-hop', false, ns, logDir, [user, sudoUser]),
  ]);
  const knownHostsFile = join(dir, 'known_hosts');
  const line = (s: LabSshServer) => `[127.0.0.1]:${s.port} ${readFileSync(`${s.hostKeyFile}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')}`;
  writeFileSync(knownHostsFile, `${line(main)}\n${line(jump)}\n`, { mode: 0o600 });
  execFileSync('ssh-keygen', ['-q', '-H', '-f', knownHostsFile], { stdio: 'ignore' });
  const jumpAlias = 'lab-ssh-via-hop';
  const userAlias = 'lab-ssh-user';
  const sudoAlias = 'lab-ssh-sudo';
  const configFile = join(dir, 'ssh_config');
  writeFileSync(configFile, sshConfigText(main, jump, identityFile, knownHostsFile, jumpAlias, [{ user, alias: userAlias }, { user: sudoUser, alias: sudoAlias }]), { mode: 0o600 });
  return {
    host: '127.0.0.1',
    user: 'root',
    port: main.port,
    pid: main.pid,
    alias: main.alias,
    jumpAlias,
    configFile,
    knownHostsFile,
    identityFile,
    unauthorizedIdentityFile,
    lockedIdentityFile,
    hostKeyFingerprint: main.hostKeyFingerprint,
    main,
    jump,
    nonRoot: { name: user.name, uid: user.uid, alias: userAlias, identityFile: user.identityFile },
    sudoUser: { name: sudoUser.name, uid: sudoUser.uid, alias: sudoAlias, identityFile: sudoUser.identityFile },
  };
}
