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
  /** Names of the extra `bench-NNN` containers on docker1 (scripts/lab.ts --extra). */
  bench: string[];
  /**
   * Environment for subprocesses a test spawns (berth, docker CLI): lab-owned
   * HOME, DOCKER_CONFIG, XDG dirs, TMPDIR. DOCKER_HOST is deliberately absent;
   * set it per command (see engineEnv).
   */
  env: Record<string, string>;
}
