// One Docker Engine of the lab: its own containerd and its own dockerd,
// every path inside <lab>/<name>/, reachable only at <lab>/<name>.sock.
//
// Why each setting (dockerd 20.10 / containerd 1.6 as in Debian 12):
// - We start containerd ourselves and pass --containerd. Left alone, dockerd
//   20.10 silently uses a system containerd whenever
//   /run/containerd/containerd.sock exists, and its managed containerd still
//   creates /opt/containerd (the "opt" plugin's default path). Our config
//   moves that path, disables the CRI plugin and is read instead of
//   /etc/containerd/config.toml.
// - daemon.json is lab-owned (--config-file), so /etc/docker/daemon.json is
//   never read, and sets "deprecated-key-path": otherwise dockerd 20.10
//   writes its libtrust identity to /etc/docker/key.json. That option has no
//   command-line flag in 20.10 (--deprecated-key-path is "unknown flag").
// - --bridge=none --iptables=false --ip6tables=false --ip-masq=false: no
//   host networking is touched; fixtures use network mode none.
// - --cgroup-parent=/<lab id>-<n>: containers' cgroups are easy to find
//   and remove, and tests can check them in /proc/<pid>/cgroup.
// - "shutdown-timeout": 2 keeps teardown quick.
// - overlay2 storage, falling back to vfs where overlay cannot mount.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiJson, pingOnce } from './engine-api.ts';
import { inNamespace, type LabNamespace } from './namespace.ts';
import { signal, startDaemon, waitReady, type Started } from './proc.ts';
import type { LabEngine } from './types.ts';
import { freePort, makeLabTls, type LabTls } from './tls.ts';

const DISABLED_PLUGINS = [
  'io.containerd.grpc.v1.cri',
  'io.containerd.snapshotter.v1.aufs',
  'io.containerd.snapshotter.v1.btrfs',
  'io.containerd.snapshotter.v1.devmapper',
  'io.containerd.snapshotter.v1.zfs',
];

function containerdConfig(root: string): string {
  return [
    'version = 2',
    `root = ${JSON.stringify(join(root, 'containerd', 'root'))}`,
    `state = ${JSON.stringify(join(root, 'containerd', 'state'))}`,
    `disabled_plugins = ${JSON.stringify(DISABLED_PLUGINS)}`,
    '[grpc]',
    `  address = ${JSON.stringify(join(root, 'containerd.sock'))}`,
    '[debug]',
    '  address = ""',
    '[plugins."io.containerd.internal.v1.opt"]',
    `  path = ${JSON.stringify(join(root, 'containerd', 'opt'))}`,
    '',
  ].join('\n');
}

async function startContainerd(root: string, ns: LabNamespace, env: Record<string, string>, logFile: string): Promise<Started> {
  writeFileSync(join(root, 'containerd.toml'), containerdConfig(root));
  const sock = join(root, 'containerd.sock');
  const daemon = startDaemon(inNamespace(ns, ['containerd', '--config', join(root, 'containerd.toml')]), env, logFile);
  writeFileSync(join(root, 'containerd.pid'), `${daemon.pid}\n`);
  await waitReady(`containerd for ${root}`, daemon, () => isSocket(sock), 20_000);
  return daemon;
}

function isSocket(sock: string): boolean {
  try {
    return statSync(sock).isSocket();
  } catch {
    return false;
  }
}

function dockerdArgs(root: string, socket: string, cgroupParent: string, driver: string, tcp: TcpListener | null): string[] {
  // A TCP listener with mutual TLS on loopback, for DOCKER_HOST=tcp:// with DOCKER_TLS_VERIFY.
  const tls = tcp
    ? ['-H', `tcp://127.0.0.1:${tcp.port}`, '--tlsverify', '--tlscacert', tcp.tls.caFile, '--tlscert', tcp.tls.serverCert, '--tlskey', tcp.tls.serverKey]
    : [];
  return [
    'dockerd',
    '--config-file', join(root, 'daemon.json'),
    '--containerd', join(root, 'containerd.sock'),
    '--data-root', join(root, 'data'),
    '--exec-root', join(root, 'exec'),
    '--pidfile', join(root, 'dockerd.pid'),
    '-H', `unix://${socket}`,
    `--cgroup-parent=${cgroupParent}`,
    '--bridge=none',
    '--iptables=false',
    '--ip6tables=false',
    '--ip-masq=false',
    '--userland-proxy=false',
    `--storage-driver=${driver}`,
    ...tls,
  ];
}

/** What startDockerEngine needs to know. */
export interface DockerEngineSpec {
  labDir: string;
  name: 'docker1' | 'docker2';
  ns: LabNamespace;
  env: Record<string, string>;
  cgroupParent: string;
  /** Also listen on loopback TCP with mutual TLS. */
  tcp?: boolean;
}

/** A TCP listener's port and certificates. */
interface TcpListener {
  port: number;
  tls: LabTls;
}

/**
 * Starts containerd and dockerd for one engine and resolves when /_ping
 * answers. Throws with the tail of the failing daemon's log.
 */
export async function startDockerEngine(spec: DockerEngineSpec): Promise<LabEngine> {
  const { labDir, name, ns, env, cgroupParent } = spec;
  const root = join(labDir, name);
  const socket = join(labDir, `${name}.sock`);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'daemon.json'), `${JSON.stringify({ 'deprecated-key-path': join(root, 'key.json'), 'shutdown-timeout': 2 }, null, 2)}\n`);
  const containerd = await startContainerd(root, ns, env, join(labDir, 'logs', `${name}-containerd.log`));
  const logFile = join(labDir, 'logs', `${name}-dockerd.log`);
  const tcp: TcpListener | null = spec.tcp ? { port: await freePort(), tls: makeLabTls(join(root, 'tls')) } : null;

  let dockerd: Started | undefined;
  let driver = '';
  const failures: string[] = [];
  for (const candidate of ['overlay2', 'vfs']) {
    dockerd = startDaemon(inNamespace(ns, dockerdArgs(root, socket, cgroupParent, candidate, tcp)), env, logFile);
    try {
      await waitReady(`dockerd ${name} (${candidate})`, dockerd, () => pingOnce(socket), 45_000);
      driver = candidate;
      break;
    } catch (err) {
      failures.push((err as Error).message);
      signal(dockerd.pid, 'SIGKILL');
      await dockerd.exited;
      rmSync(join(root, 'data'), { recursive: true, force: true });
    }
  }
  if (!dockerd || !driver) throw new Error(`Docker engine ${name} did not start:\n${failures.join('\n\n')}`);
  const version = await apiJson<{ Version: string; ApiVersion: string }>(socket, 'GET', '/version');
  return {
    name,
    kind: 'docker',
    socket,
    host: `unix://${socket}`,
    ...(tcp ? { tcp: { host: `tcp://127.0.0.1:${tcp.port}`, certPath: tcp.tls.client } } : {}),
    pid: dockerd.pid,
    helperPids: [containerd.pid],
    cgroupParent,
    dataRoot: join(root, 'data'),
    runRoot: join(root, 'exec'),
    storageDriver: driver,
    logFile,
    version: version.Version,
    apiVersion: version.ApiVersion,
  };
}
