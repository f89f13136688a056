// A non-root login on the lab's sshd (issue 5, "who you are on the host"):
// user `berthop`, a member of the `docker` group (the lab engines' sockets
// are root:docker 0660), logging in with its own key. Created with useradd
// INSIDE the lab's mount namespace, where /etc is an overlay whose upper
// layer is in the lab folder: the host's /etc/passwd never changes, and the
// user vanishes with the lab. Its home and authorized_keys are in
// <lab>/users/berthop (sshd reads authorized_keys as the user, so the file
// is the user's and the lab folder must be traversable: 0711).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inNamespace, type LabNamespace } from './namespace.ts';

/** The lab's non-root user name (in the docker group). */
export const LAB_USER = 'berthop';

/** A user outside the docker group that may run only `docker` as root with `sudo -n` (nodes with sudo: true). */
export const SUDO_USER = 'berthsudo';

/** What the lab made for its non-root user. */
export interface LabUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  /** The key that logs in as this user (and only as this user). */
  identityFile: string;
  /** Its AuthorizedKeysFile, for the sshd config's `Match User` block. */
  authorizedKeysFile: string;
}

function inNs(ns: LabNamespace, argv: string[]): string {
  const [cmd, ...args] = inNamespace(ns, argv);
  const r = spawnSync(cmd!, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} in the lab namespace failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * Creates a user in the namespace's /etc with its key pair in the lab folder:
 * `berthop` in the docker group (the default), or the sudo user, whose only
 * way to the engines is a sudoers rule (in the namespace's /etc too) that
 * lets it run docker as root without a password.
 */
export function createLabUser(labDir: string, ns: LabNamespace, name: string = LAB_USER): LabUser {
  chmodSync(labDir, 0o711);
  const users = join(labDir, 'users');
  const home = join(users, name);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chmodSync(users, 0o755);
  // The docker group exists on hosts with Docker installed; the overlay keeps a new one inside the lab.
  if (inNs(ns, ['getent', 'group', 'docker']).trim() === '') inNs(ns, ['groupadd', '--system', 'docker']);
  const groups = name === LAB_USER ? ['--groups', 'docker'] : [];
  inNs(ns, ['useradd', '--no-create-home', '--home-dir', home, '--shell', '/bin/sh', ...groups, '--user-group', name]);
  // useradd leaves the password "!" (locked); without PAM sshd refuses a locked account even for a key.
  inNs(ns, ['usermod', '--password', '*', name]);
  if (name !== LAB_USER) {
    // Only docker, only as root, never a password prompt (berth runs `sudo -n docker … system dial-stdio`;
    // sudo finds docker on its secure_path, /usr/local/bin before /usr/bin, so both are allowed).
    inNs(ns, ['sh', '-c', 'mkdir -p /etc/sudoers.d && printf "%s ALL=(root) NOPASSWD: /usr/local/bin/docker, /usr/bin/docker\\n" "$1" > /etc/sudoers.d/berth-lab && chmod 0440 /etc/sudoers.d/berth-lab', 'sh', name]);
  }
  const [uid, gid] = inNs(ns, ['id', '-u', name]).trim().concat(' ', inNs(ns, ['id', '-g', name]).trim()).split(' ').map(Number) as [number, number];
  const identityFile = join(labDir, 'ssh', `id_${name}`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `berth-lab-${name}`, '-f', identityFile], { stdio: 'ignore' });
  chmodSync(identityFile, 0o600);
  const authorizedKeysFile = join(home, 'authorized_keys');
  writeFileSync(authorizedKeysFile, readFileSync(`${identityFile}.pub`, 'utf8'), { mode: 0o600 });
  chownSync(authorizedKeysFile, uid, gid);
  chownSync(home, uid, gid);
  return { name, uid, gid, home, identityFile, authorizedKeysFile };
}

/**
 * Root's logins on the lab's sshd must not run the host's /root dotfiles:
 * bash sources ~/.bashrc for an sshd command, and a host's .bashrc may do
 * anything (pyenv's rehash takes a lock in /root/.pyenv; a session the
 * tests kill leaves it behind, and every later root login then waits 60 s
 * for it). Inside the namespace (its /etc is an overlay) root gets /bin/sh,
 * which reads no startup file for a command, and a home in the lab folder.
 */
export function isolateRoot(labDir: string, ns: LabNamespace): string {
  const home = join(labDir, 'users', 'root');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  // Read first, then write: awk cannot rewrite its own input.
  const passwd = inNs(ns, ['awk', '-F:', '-v', `home=${home}`, 'BEGIN { OFS = ":" } $1 == "root" { $6 = home; $7 = "/bin/sh" } { print }', '/etc/passwd']);
  inNs(ns, ['sh', '-c', 'printf "%s" "$1" > /etc/passwd', 'sh', passwd]);
  return home;
}
