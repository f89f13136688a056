/**
 * berth's own domain model (DESIGN.md "Domain model", CLI.md "Items").
 * Sources map wire formats into these plain, serialisable objects; the CLI
 * and the console only ever see these. Unknown values are `null`, never 0.
 */

/** Container lifecycle states as the Engine API reports them. */
export type ContainerState =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'exited'
  | 'dead'
  | 'removing';

/** A published or exposed port of a container. */
export interface PortMapping {
  /** Port inside the container. */
  privatePort: number;
  /** Port on the host, or null when only exposed. */
  publicPort: number | null;
  /** tcp | udp | sctp */
  type: string;
  /** Host address the port is bound to, or null. */
  ip: string | null;
}

/** Compose membership, derived from the com.docker.compose.* labels. */
export interface ComposeRef {
  project: string;
  service: string;
}

/** A container as `berth ps` lists it (CLI.md "Container"). */
export interface Container {
  id: string;
  name: string;
  node: string;
  image: string;
  command: string;
  state: ContainerState;
  /** Human status line as the engine words it ("Up 3 minutes (healthy)"). */
  status: string;
  health: 'healthy' | 'unhealthy' | 'starting' | null;
  exitCode: number | null;
  oomKilled: boolean | null;
  restartCount: number | null;
  createdAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  ports: PortMapping[];
  labels: Record<string, string>;
  compose: ComposeRef | null;
}

/** One health-check run, newest last. */
export interface HealthCheckRun {
  start: string | null;
  end: string | null;
  exitCode: number | null;
  output: string;
}

/** A mount of a container. */
export interface MountInfo {
  type: string;
  source: string;
  destination: string;
  mode: string;
  readWrite: boolean;
  name: string | null;
}

/**
 * Everything `berth inspect` shows for a container. Environment values are
 * kept here; masking is the view's job (`--show-env`).
 */
export interface ContainerDetail extends Container {
  /** Host pid of the container's init process, or null when not running. */
  pid: number | null;
  tty: boolean;
  openStdin: boolean;
  env: { name: string; value: string }[];
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  user: string;
  restartPolicy: { name: string; maximumRetryCount: number } | null;
  memoryLimitBytes: number | null;
  nanoCpus: number | null;
  mounts: MountInfo[];
  networks: { name: string; ipAddress: string | null; macAddress: string | null }[];
  healthLog: HealthCheckRun[];
  /** Error text the runtime recorded when the container last failed to start. */
  error: string | null;
  hostname: string;
  logDriver: string | null;
}

/** An image (CLI.md "Image"). */
export interface Image {
  id: string;
  node: string;
  tags: string[];
  sizeBytes: number | null;
  sharedBytes: number | null;
  uniqueBytes: number | null;
  createdAt: string | null;
  containers: number | null;
  dangling: boolean;
}

/** A volume (CLI.md "Volume"). */
export interface Volume {
  name: string;
  node: string;
  driver: string;
  mountpoint: string | null;
  sizeBytes: number | null;
  inUse: boolean | null;
}

/** A network (CLI.md "Network"). */
export interface Network {
  id: string;
  name: string;
  node: string;
  driver: string;
  scope: string;
  containers: number | null;
}

/** Which runtime answers on a node. */
export interface RuntimeInfo {
  kind: 'docker' | 'podman';
  version: string;
  apiVersion: string;
}

/** What the runtime tells about its host (from GET /info and /version). */
export interface HostInfo {
  runtime: RuntimeInfo;
  kernel: string | null;
  os: string | null;
  cgroupVersion: 1 | 2 | null;
  cgroupDriver: string | null;
  cpus: number | null;
  memoryBytes: number | null;
  containers: { running: number; total: number } | null;
  hostname: string | null;
}

/** A node as `berth nodes` lists it (CLI.md "Node"). */
export interface NodeStatus {
  name: string;
  address: string;
  state: 'up' | 'down' | 'degraded';
  /** The node's `labels:` from the config (`env: prod` marks a production node). */
  labels: Record<string, string>;
  rttSeconds: number | null;
  runtime: RuntimeInfo | null;
  kernel: string | null;
  cgroupVersion: 1 | 2 | null;
  cpus: number | null;
  memoryBytes: number | null;
  containers: { running: number; total: number } | null;
  sampler: string | null;
  /**
   * Data the node's login user cannot read (a non-root user: another
   * user's /proc/<pid>/ns/net), shown as null in stats; empty when all is
   * readable or nothing could be probed.
   */
  unknown: { data: string; reason: string }[];
  lastError: string | null;
  at: string;
}

/** A runtime event (CLI.md "Event"). */
export interface BerthEvent {
  at: string;
  node: string;
  type: string;
  action: string;
  id: string;
  name: string | null;
  attributes: Record<string, string>;
}

/** A process row from `top`. */
export interface ProcessTable {
  titles: string[];
  processes: string[][];
}

/** One line of container output. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** RFC 3339 time when requested with timestamps, else null. */
  at: string | null;
  /** Raw bytes of the line, including its trailing newline if any. */
  data: Buffer;
}
