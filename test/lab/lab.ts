// The test lab (DESIGN.md "Test lab"): two Docker engines and Podman's
// Docker-compatible API, real daemons on unix sockets under one fresh
// /tmp/berth-lab-XXXXXX folder, inside a private mount namespace, with
// fixture containers in known states. Nothing listens on a network and
// nothing is pulled. startLab brings it up; stopLab removes every trace.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDockerEngine } from './dockerd.ts';
import { pingOnce } from './engine-api.ts';
import { createBench, createFixtures, mainFixtures, secondFixtures } from './fixtures.ts';
import { busyboxRootfsTar, importImage, LAB_IMAGE } from './images.ts';
import { startNamespace } from './namespace.ts';
import { markDetached, sweepOrphanedLabs, writeOwner } from './owner.ts';
import { startPodman } from './podman.ts';
import { guardLab, unguardLab, wasAborted } from './signals.ts';
import { startLabSsh } from './sshd.ts';
import { teardownSync, type TeardownReport } from './teardown.ts';
import type { EngineName, FixtureIds, LabEngine, LabInfo } from './types.ts';

export type { EngineName, LabEngine, LabInfo } from './types.ts';
export type { TeardownReport } from './teardown.ts';

/** Options of startLab. */
export interface StartLabOptions {
  /** Leave the lab running after this process exits (scripts/lab.ts start). */
  detached?: boolean;
  /** Extra running containers bench-001... on docker1, for benchmarks. */
  extra?: number;
  /** Progress messages (default: none). */
  log?: (message: string) => void;
}

const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const REQUIRED = ['dockerd', 'containerd', 'containerd-shim-runc-v2', 'runc', 'podman', 'conmon', 'unshare', 'nsenter', 'sshd', 'ssh-keygen'];

function preflight(): void {
  if (process.getuid?.() !== 0) throw new Error('the test lab starts Docker and Podman daemons and must run as root');
  const missing = REQUIRED.filter((cmd) => !SYSTEM_PATH.split(':').some((d) => existsSync(join(d, cmd))));
  if (!existsSync('/bin/busybox')) missing.push('busybox (static)');
  if (missing.length) throw new Error(`test lab: missing ${missing.join(', ')}; run: sh scripts/ensure-lab-packages.sh`);
}

function withSystemPath(path: string | undefined): string {
  const parts = (path ?? '').split(':').filter(Boolean);
  for (const d of SYSTEM_PATH.split(':')) if (!parts.includes(d)) parts.push(d);
  return parts.join(':');
}

/**
 * Environment for tests' subprocesses: lab-owned home and config dirs, no
 * DOCKER_HOST, and no CONTAINERS_* (a local `podman` run with the lab's
 * storage settings from outside the lab namespace would fight the lab's
 * service; use the API or `podman --remote --url <host>`).
 */
function testEnv(dir: string): Record<string, string> {
  const home = join(dir, 'home');
  return {
    PATH: withSystemPath(process.env.PATH),
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    TMPDIR: join(dir, 'tmp'),
    LANG: 'C.UTF-8',
    TZ: 'UTC',
  };
}

/**
 * The environment for a subprocess that should talk to one lab engine:
 * lab.env plus DOCKER_HOST for that engine (the lab never sets it globally).
 */
export function engineEnv(lab: LabInfo, engine: EngineName): Record<string, string> {
  return { ...lab.env, DOCKER_HOST: lab.engines[engine].host };
}

/**
 * Starts a lab and resolves with its description (also written to
 * <dir>/lab.json). Engines start concurrently. On any failure, or if the
 * process is interrupted meanwhile, everything started so far is torn down
 * and the error carries the tail of the failing daemon's log.
 */
export async function startLab(options: StartLabOptions = {}): Promise<LabInfo> {
  const t0 = Date.now();
  const log = options.log ?? (() => {});
  const phases: Record<string, number> = {};
  const mark = (phase: string) => {
    phases[phase] = Date.now() - t0;
    log(`${phase} after ${phases[phase]} ms`);
  };
  preflight();
  sweepOrphanedLabs();
  const dir = mkdtempSync('/tmp/berth-lab-');
  writeOwner(dir, false);
  guardLab(dir);
  const check = () => {
    if (wasAborted(dir)) throw new Error(`lab start interrupted; ${dir} was torn down`);
  };
  try {
    for (const sub of ['logs', 'home/.docker', 'home/.config', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
    const id = dir.slice('/tmp/'.length);
    const daemonEnv = { PATH: SYSTEM_PATH, HOME: join(dir, 'home'), TMPDIR: join(dir, 'tmp'), LANG: 'C.UTF-8' };
    const ns = await startNamespace(dir, daemonEnv);
    mark('namespace');
    check();
    const ssh = await startLabSsh(dir, ns);
    mark('ssh');
    check();
    const tar = busyboxRootfsTar();

    const fixtures = {} as Record<EngineName, FixtureIds>;
    const engines = {} as Record<EngineName, LabEngine>;
    const bringUp = async (name: EngineName, start: () => Promise<LabEngine>, specs: ReturnType<typeof mainFixtures>, perContainerParent: boolean) => {
      try {
        const engine = await start();
        engines[name] = engine;
        mark(`${name} up`);
        check();
        await importImage(engine.socket, tar);
        check();
        fixtures[name] = await createFixtures(engine.socket, specs, perContainerParent ? engine.cgroupParent : null);
        mark(`${name} fixtures`);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`, { cause: err });
      }
    };
    const results = await Promise.allSettled([
      bringUp('docker1', () => startDockerEngine({ labDir: dir, name: 'docker1', ns, env: daemonEnv, cgroupParent: `/${id}-d1` }), mainFixtures('docker'), false),
      bringUp('docker2', () => startDockerEngine({ labDir: dir, name: 'docker2', ns, env: daemonEnv, cgroupParent: `/${id}-d2`, tcp: true }), secondFixtures(), false),
      bringUp('podman', () => startPodman(dir, ns, daemonEnv, `/${id}-podman`), mainFixtures('podman'), true),
    ]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) throw new Error(failed.map((f) => (f.reason as Error).message).join('\n\n'));
    check();

    const bench = options.extra ? await createBench(engines.docker1.socket, options.extra, null) : [];
    if (options.extra) mark(`${options.extra} bench containers`);

    const info: LabInfo = {
      dir,
      id,
      infoFile: join(dir, 'lab.json'),
      startedAt: new Date().toISOString(),
      startMs: Date.now() - t0,
      phases,
      detached: options.detached ?? false,
      mountNamespace: ns,
      engines,
      image: LAB_IMAGE,
      fixtures,
      ssh,
      bench,
      env: testEnv(dir),
    };
    writeLabInfo(info);
    if (options.detached) {
      markDetached(dir);
      unguardLab(dir);
    }
    return info;
  } catch (err) {
    unguardLab(dir);
    const report = teardownSync(dir);
    const left = report.leftovers.length ? `\n(teardown left: ${report.leftovers.join(', ')})` : '';
    throw new Error(`test lab failed to start: ${(err as Error).message}${left}`, { cause: err });
  }
}

/** Writes <dir>/lab.json, the file BERTH_LAB points at. */
export function writeLabInfo(info: LabInfo): void {
  writeFileSync(info.infoFile, `${JSON.stringify(info, null, 2)}\n`);
}

/** Reads a lab.json (BERTH_LAB) and checks that its three engines answer. */
export async function readLabInfo(file: string): Promise<LabInfo> {
  const info = JSON.parse(readFileSync(file, 'utf8')) as LabInfo;
  const down: string[] = [];
  for (const engine of Object.values(info.engines)) if (!(await pingOnce(engine.socket))) down.push(`${engine.name} (${engine.socket})`);
  if (down.length) throw new Error(`lab ${file} is not running: no answer from ${down.join(', ')}`);
  return info;
}

/**
 * Stops the lab and removes every trace: processes, mounts, folder, cgroups.
 * Accepts the LabInfo or just the folder; safe after a partial start and
 * when called twice.
 */
export async function stopLab(lab: LabInfo | string): Promise<TeardownReport> {
  const dir = typeof lab === 'string' ? lab : lab.dir;
  unguardLab(dir);
  return teardownSync(dir);
}

/** Whether all three engines answer /_ping. */
export function labAlive(lab: LabInfo): Promise<boolean> {
  return Promise.all(Object.values(lab.engines).map((e) => pingOnce(e.socket))).then((ok) => ok.every(Boolean));
}
