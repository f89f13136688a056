// The lab's Podman: `podman system service` serving the Docker-compatible
// API on <lab>/podman.sock, with every path inside <lab>/podman/.
//
// Why each setting (Podman 4.3 as in Debian 12, run as root):
// - CONTAINERS_CONF replaces every containers.conf (the /usr/share and /etc
//   ones are then not read); CONTAINERS_STORAGE_CONF and
//   CONTAINERS_REGISTRIES_CONF do the same for storage and registries.
// - runtime = "runc": crun refuses this host's hybrid cgroup v1/v2 layout.
// - default_ulimits: Podman's default asks for rlimits above this process's
//   hard limits, which runc may not raise here (no CAP_SYS_RESOURCE):
//   "error setting rlimit type 7: operation not permitted". We ask for at
//   most our own hard limits (nproc capped at 32768, which Podman itself
//   lowers its own limit to).
// - lock_type = "file" keeps locks in tmp_dir; the default "shm" lock
//   (/dev/shm/libpod_lock) would be shared with any other Podman on the host.
// - events_logger = "file": there is no journald here.
// - network_backend cni with a lab config dir (netavark is not installed);
//   fixtures use network mode none; the default netns is none too.
// - image_copy_tmp_dir, TMPDIR, HOME, XDG_*: no /var/tmp or home writes.
// - Paths Podman hard-codes anyway (/var/lib/containers/cache,
//   /var/cache/containers, /run/runc) land in the lab namespace's overlays.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiJson, pingOnce } from './engine-api.ts';
import { inNamespace, type LabNamespace } from './namespace.ts';
import { signal, startDaemon, waitReady, type Started } from './proc.ts';
import type { LabEngine } from './types.ts';

/** Hard rlimit of this process, from /proc/self/limits. */
function hardLimit(name: string, fallback: number): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith(name));
    const hard = line?.slice(name.length).trim().split(/\s+/)[1];
    if (!hard || hard === 'unlimited') return fallback;
    return Number(hard);
  } catch {
    return fallback;
  }
}

/** The rlimits the lab's Podman gives containers: never above what runc may set. */
export function podmanUlimits(): { nproc: number; nofile: number } {
  return {
    nproc: Math.min(hardLimit('Max processes', 32_768), 32_768),
    nofile: Math.min(hardLimit('Max open files', 1_048_576), 1_048_576),
  };
}

function containersConf(dir: string): string {
  const { nproc, nofile } = podmanUlimits();
  return [
    '[containers]',
    `default_ulimits = ["nproc=${nproc}:${nproc}", "nofile=${nofile}:${nofile}"]`,
    'log_driver = "k8s-file"',
    'netns = "none"',
    '[network]',
    'network_backend = "cni"',
    `network_config_dir = ${JSON.stringify(join(dir, 'networks'))}`,
    '[engine]',
    'runtime = "runc"',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    `events_logfile_path = ${JSON.stringify(join(dir, 'events', 'events.log'))}`,
    'lock_type = "file"',
    `tmp_dir = ${JSON.stringify(join(dir, 'tmp'))}`,
    `static_dir = ${JSON.stringify(join(dir, 'root', 'libpod'))}`,
    `volume_path = ${JSON.stringify(join(dir, 'root', 'volumes'))}`,
    `image_copy_tmp_dir = ${JSON.stringify(join(dir, 'copy-tmp'))}`,
    '',
  ].join('\n');
}

function storageConf(dir: string, driver: string): string {
  return ['[storage]', `driver = "${driver}"`, `graphroot = ${JSON.stringify(join(dir, 'root'))}`, `runroot = ${JSON.stringify(join(dir, 'runroot'))}`, ''].join('\n');
}

/** The environment Podman (and its conmon and cleanup processes) run with. */
function podmanEnv(labDir: string, base: Record<string, string>): Record<string, string> {
  const dir = join(labDir, 'podman');
  return {
    ...base,
    CONTAINERS_CONF: join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: join(dir, 'registries.conf'),
    XDG_RUNTIME_DIR: join(dir, 'xdg-runtime'),
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    XDG_CACHE_HOME: join(dir, 'xdg-cache'),
  };
}

function serviceArgs(dir: string, socket: string, driver: string): string[] {
  return [
    'podman',
    '--root', join(dir, 'root'),
    '--runroot', join(dir, 'runroot'),
    '--tmpdir', join(dir, 'tmp'),
    '--cgroup-manager', 'cgroupfs',
    '--runtime', 'runc',
    '--storage-driver', driver,
    '--events-backend', 'file',
    '--network-config-dir', join(dir, 'networks'),
    '--log-level', 'info',
    'system', 'service', '--time=0', `unix://${socket}`,
  ];
}

/**
 * Starts the Podman API service and resolves when /_ping answers.
 * `cgroupParent` is what the fixtures will pass per container.
 */
export async function startPodman(labDir: string, ns: LabNamespace, baseEnv: Record<string, string>, cgroupParent: string): Promise<LabEngine> {
  const dir = join(labDir, 'podman');
  const socket = join(labDir, 'podman.sock');
  const env = podmanEnv(labDir, baseEnv);
  for (const sub of ['networks', 'events', 'tmp', 'copy-tmp', 'xdg-runtime', 'xdg-config', 'xdg-data', 'xdg-cache']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'containers.conf'), containersConf(dir));
  writeFileSync(join(dir, 'registries.conf'), 'unqualified-search-registries = []\nshort-name-mode = "permissive"\n');
  const logFile = join(labDir, 'logs', 'podman.log');

  let service: Started | undefined;
  let driver = '';
  const failures: string[] = [];
  for (const candidate of ['overlay', 'vfs']) {
    writeFileSync(join(dir, 'storage.conf'), storageConf(dir, candidate));
    service = startDaemon(inNamespace(ns, serviceArgs(dir, socket, candidate)), env, logFile);
    writeFileSync(join(dir, 'service.pid'), `${service.pid}\n`);
    try {
      await waitReady(`podman service (${candidate})`, service, () => pingOnce(socket), 30_000);
      driver = candidate;
      break;
    } catch (err) {
      failures.push((err as Error).message);
      signal(service.pid, 'SIGKILL');
      await service.exited;
      rmSync(join(dir, 'root'), { recursive: true, force: true });
    }
  }
  if (!service || !driver) throw new Error(`Podman service did not start:\n${failures.join('\n\n')}`);
  const version = await apiJson<{ Version: string; ApiVersion: string }>(socket, 'GET', '/version');
  return {
    name: 'podman',
    kind: 'podman',
    socket,
    host: `unix://${socket}`,
    pid: service.pid,
    helperPids: [],
    cgroupParent,
    dataRoot: join(dir, 'root'),
    runRoot: join(dir, 'runroot'),
    storageDriver: driver,
    logFile,
    version: version.Version,
    apiVersion: version.ApiVersion,
  };
}
