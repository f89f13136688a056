// The shape of a running lab, as handed to tests (vitest `inject('lab')`),
// written to <lab>/lab.json and read back by scripts/lab.ts and BERTH_LAB.
// Plain JSON on purpose: it crosses process boundaries.

/** The three engines every lab runs. Named so tests read like the fleet they model. */
export type EngineName = 'docker1' | 'docker2' | 'podman';

/** One container engine of the lab, reachable only through its unix socket. */
export interface LabEngine {
  name: EngineName;
  kind: 'docker' | 'podman';
  /** Absolute path of the Engine API socket. */
  socket: string;
  /** `unix://<socket>`, the value for DOCKER_HOST / `-H` when a test wants this engine. */
  host: string;
  /** docker2 also listens on loopback TCP with mutual TLS: DOCKER_HOST=`host`, DOCKER_CERT_PATH=`certPath`, DOCKER_TLS_VERIFY=1. */
  tcp?: { host: string; certPath: string };
  /** pid of dockerd, or of the `podman system service`. */
  pid: number;
  /** pids of helpers started for this engine (its own containerd for Docker). */
  helperPids: number[];
  /**
   * Cgroup parent of the lab's containers on this engine, e.g. `/berth-lab-AbC123-d1`.
   * Docker applies it to every container (`--cgroup-parent`). Podman has no such
   * daemon option: the fixtures pass it per container (HostConfig.CgroupParent);
   * containers a test creates without one land in Podman's `/libpod_parent`.
   */
  cgroupParent: string;
  /** Docker `--data-root` / Podman `--root`. */
  dataRoot: string;
  /** Docker `--exec-root` / Podman `--runroot`. */
  runRoot: string;
  /** Storage driver in use (overlay2 / overlay, or vfs where overlay does not work). */
  storageDriver: string;
  /** Daemon output. */
  logFile: string;
  /** Engine version as reported by GET /version. */
  version: string;
  /** API version as reported by GET /version. */
  apiVersion: string;
}

/** One lab sshd (test/lab/sshd.ts). */
export interface LabSshServer {
  /** `main` or `jump`. */
  name: string;
  /** Its Host alias in the lab's ssh_config. */
  alias: string;
  /** Ephemeral port on 127.0.0.1. */
  port: number;
  /** pid of the listening sshd (changes if a test restarts it). */
  pid: number;
  /** Its sshd_config, for restarting it (startSshdProcess). */
  sshdConfig: string;
  logFile: string;
  /** Its ed25519 host key (private; `.pub` beside it). */
  hostKeyFile: string;
  /** `SHA256:…` of the host key, as ssh-keygen -l prints it. */
  hostKeyFingerprint: string;
  /** AllowStreamLocalForwarding (off on the jump server: the dial-stdio fallback). */
  streamlocal: boolean;
}

/**
 * The lab's SSH side: two sshd on 127.0.0.1 (login as root with the lab's
 * key only) and the client files tests point berth at, all in `<lab>/ssh/`.
 * Use `BERTH_SSH_CONFIG=<configFile>`; never the user's ~/.ssh.
 */
export interface LabSsh {
  host: '127.0.0.1';
  user: 'root';
  /** The main server's port and pid (same as `main`). */
  port: number;
  pid: number;
  /** Alias of the main server in configFile. */
  alias: string;
  /** Alias that reaches the main server through the jump server (ProxyJump). */
  jumpAlias: string;
  /** ssh_config with the aliases (IdentityFile, UserKnownHostsFile, StrictHostKeyChecking yes, HashKnownHosts yes). */
  configFile: string;
  /** known_hosts holding both servers' keys, hashed. */
  knownHostsFile: string;
  /** The authorised client key. */
  identityFile: string;
  /** A key that is not in authorized_keys. */
  unauthorizedIdentityFile: string;
  /** An authorised key protected by a passphrase (LOCKED_KEY_PASSPHRASE in sshd.ts). */
  lockedIdentityFile: string;
  /** Fingerprint of the main server's host key. */
  hostKeyFingerprint: string;
  main: LabSshServer;
  /** The ProxyJump hop; a different host key, no streamlocal forwarding. */
  jump: LabSshServer;
  /** A non-root login (test/lab/user.ts): member of the docker group, its own key; `alias` reaches the main server as it. */
  nonRoot: { name: string; uid: number; alias: string; identityFile: string };
  /** A login outside the docker group that may run only `docker` as root through `sudo -n` (sudoers in the lab's /etc). */
  sudoUser: { name: string; uid: number; alias: string; identityFile: string };
}

/** Names and ids of the fixture containers created on one engine. */
export type FixtureIds = Record<string, string>;

/** Everything a test needs to know about a running lab. */
export interface LabInfo {
  /** The lab folder, `/tmp/berth-lab-XXXXXX`; everything the lab writes lives here. */
  dir: string;
  /** basename of dir; prefix of every cgroup the lab creates. */
  id: string;
  /** `<dir>/lab.json`, the file to pass as BERTH_LAB to reuse this lab. */
  infoFile: string;
  /** ISO time the lab finished starting. */
  startedAt: string;
  /** How long startLab took, in milliseconds. */
  startMs: number;
  /** Milliseconds after the start at which each step finished (namespace, docker1, ...). */
  phases: Record<string, number>;
  /** True when started by scripts/lab.ts to outlive its starter. */
  detached: boolean;
  /** The private mount namespace all lab daemons run in (see namespace.ts). */
  mountNamespace: { holderPid: number; id: string; overlaid: string[]; skipped: string[] };
  engines: Record<EngineName, LabEngine>;
  /** Image every fixture runs: busybox-static in a FROM-scratch image, imported offline. */
  image: string;
  /** Fixture container name → id, per engine. */
  fixtures: Record<EngineName, FixtureIds>;
  /** The lab's sshd servers and client files (test/lab/sshd.ts). */
  ssh: LabSsh;
  /** Names of the extra `bench-NNN` containers on docker1 (scripts/lab.ts --extra). */
  bench: string[];
  /**
   * Environment for subprocesses a test spawns (berth, docker CLI): lab-owned
   * HOME, DOCKER_CONFIG, XDG dirs, TMPDIR. DOCKER_HOST is deliberately absent;
   * set it per command (see engineEnv).
   */
  env: Record<string, string>;
}
