// The fixture containers every lab has, in known states, so integration
// tests can assert on real engine answers. All run the lab image with
// network mode none. Long-running ones exit promptly on SIGTERM (a trap), so
// `stop` in tests and teardown are quick.
import { apiJson, apiOk } from './engine-api.ts';
import { LAB_IMAGE } from './images.ts';
import { sleep } from './proc.ts';
import type { FixtureIds } from './types.ts';

/** Label on every container the lab creates; value is the fixture name or "bench". */
export const FIXTURE_LABEL = 'berth-lab.fixture';

const LOOP = 'trap "exit 0" TERM; while :; do sleep 1; done';
const MiB = 1024 * 1024;

/** The state a fixture is left in. */
type Goal = 'running' | 'exited' | 'paused' | 'started';

interface FixtureSpec {
  name: string;
  cmd: string[];
  goal: Goal;
  labels?: Record<string, string>;
  hostConfig?: Record<string, unknown>;
  tty?: boolean;
  /**
   * Docker only: start again until the engine records the OOM kill. dockerd
   * 20.10 sets OOMKilled from containerd's OOM event, which can arrive after
   * it has handled the exit; then the flag stays false for that run.
   */
  untilOomKilled?: boolean;
}

function compose(service: string): Record<string, string> {
  return {
    'com.docker.compose.project': 'shop',
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': '1',
    'com.docker.compose.oneoff': 'False',
  };
}

/**
 * The fixtures of docker1 and podman (same names on both):
 * - lab-web, lab-worker: running; compose project "shop", services web / worker.
 * - lab-memlimit: running with a 64 MiB memory limit.
 * - lab-exited: printed "bye" (stdout) and "oops" (stderr), exited with code 3.
 * - lab-paused: running, then paused.
 * - lab-oom: 16 MiB limit (swap the same), `tail /dev/zero` runs past it;
 *   Docker reports OOMKilled true, exit 137. Podman 4.3 reports exit 137 but
 *   OOMKilled false on this cgroup v1 host.
 * - lab-restarting: restart policy always, prints "tick" and exits 1. Docker
 *   restarts it with back-off; Podman 4.3 has no back-off (dozens of
 *   restarts a second), so there it sleeps 1 s before exiting.
 * - lab-tty: Tty and OpenStdin, prints "tty-line" every second.
 * - lab-logs: 50 lines at once ("line 1".."line 50" on stdout, "err 1"..
 *   "err 50" on stderr), then one more of each every second.
 */
export function mainFixtures(kind: 'docker' | 'podman'): FixtureSpec[] {
  const logs =
    'i=1; while [ $i -le 50 ]; do echo "line $i"; echo "err $i" >&2; i=$((i+1)); done; ' +
    'trap "exit 0" TERM; while :; do echo "line $i"; echo "err $i" >&2; i=$((i+1)); sleep 1; done';
  return [
    { name: 'lab-web', cmd: ['sh', '-c', LOOP], goal: 'running', labels: compose('web') },
    { name: 'lab-worker', cmd: ['sh', '-c', LOOP], goal: 'running', labels: compose('worker') },
    { name: 'lab-memlimit', cmd: ['sh', '-c', LOOP], goal: 'running', hostConfig: { Memory: 64 * MiB } },
    { name: 'lab-exited', cmd: ['sh', '-c', 'echo bye; echo oops >&2; exit 3'], goal: 'exited' },
    { name: 'lab-paused', cmd: ['sh', '-c', LOOP], goal: 'paused' },
    { name: 'lab-oom', cmd: ['tail', '/dev/zero'], goal: 'exited', hostConfig: { Memory: 16 * MiB, MemorySwap: 16 * MiB }, ...(kind === 'docker' ? { untilOomKilled: true } : {}) },
    {
      name: 'lab-restarting',
      cmd: ['sh', '-c', kind === 'docker' ? 'echo tick; exit 1' : 'echo tick; sleep 1; exit 1'],
      goal: 'started',
      hostConfig: { RestartPolicy: { Name: 'always' } },
    },
    { name: 'lab-tty', cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do echo tty-line; sleep 1; done'], goal: 'running', tty: true },
    { name: 'lab-logs', cmd: ['sh', '-c', logs], goal: 'running' },
  ];
}

/** docker2's fixtures: lab-web (a name shared with docker1 and podman) and lab-other. */
export function secondFixtures(): FixtureSpec[] {
  return [
    { name: 'lab-web', cmd: ['sh', '-c', LOOP], goal: 'running', labels: compose('web') },
    { name: 'lab-other', cmd: ['sh', '-c', LOOP], goal: 'running' },
  ];
}

interface Inspect {
  Id: string;
  State: { Status: string; Running: boolean; Paused: boolean; ExitCode: number; OOMKilled?: boolean };
}

async function create(socket: string, spec: FixtureSpec, cgroupParent: string | null): Promise<string> {
  const body = {
    Image: LAB_IMAGE,
    Cmd: spec.cmd,
    Tty: spec.tty ?? false,
    OpenStdin: spec.tty ?? false,
    Labels: { [FIXTURE_LABEL]: spec.name, ...spec.labels },
    HostConfig: { NetworkMode: 'none', ...(cgroupParent ? { CgroupParent: cgroupParent } : {}), ...spec.hostConfig },
  };
  const res = await apiJson<{ Id: string }>(socket, 'POST', `/containers/create?name=${encodeURIComponent(spec.name)}`, { body });
  return res.Id;
}

async function inspect(socket: string, id: string): Promise<Inspect> {
  return apiJson<Inspect>(socket, 'GET', `/containers/${id}/json`);
}

async function waitFor(socket: string, spec: FixtureSpec, id: string, ok: (s: Inspect['State']) => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { State } = await inspect(socket, id);
    if (ok(State)) return;
    if (Date.now() > deadline) throw new Error(`fixture ${spec.name} on ${socket} did not reach ${spec.goal}: ${JSON.stringify(State)}`);
    await sleep(100);
  }
}

async function bringUp(socket: string, spec: FixtureSpec, id: string): Promise<void> {
  await apiOk(socket, 'POST', `/containers/${id}/start`, {}, [304]);
  if (spec.goal === 'running') await waitFor(socket, spec, id, (s) => s.Running && !s.Paused);
  if (spec.goal === 'exited') await waitFor(socket, spec, id, (s) => s.Status === 'exited');
  for (let again = 0; spec.untilOomKilled && again < 5 && (await inspect(socket, id)).State.OOMKilled !== true; again++) {
    await apiOk(socket, 'POST', `/containers/${id}/start`, {}, [304]);
    await waitFor(socket, spec, id, (s) => s.Status === 'exited');
  }
  if (spec.goal === 'paused') {
    await waitFor(socket, spec, id, (s) => s.Running);
    await apiOk(socket, 'POST', `/containers/${id}/pause`);
    await waitFor(socket, spec, id, (s) => s.Paused);
  }
}

/**
 * Creates and starts `specs` on the engine at `socket`, concurrently, and
 * resolves when each is in its state. `cgroupParent` is passed per container
 * (needed on Podman, which has no daemon-wide cgroup parent).
 */
export async function createFixtures(socket: string, specs: FixtureSpec[], cgroupParent: string | null): Promise<FixtureIds> {
  const ids: FixtureIds = {};
  await Promise.all(
    specs.map(async (spec) => {
      const id = await create(socket, spec, cgroupParent);
      ids[spec.name] = id;
      await bringUp(socket, spec, id);
    }),
  );
  return ids;
}

/** Creates `count` running containers bench-001... for benchmarks, 16 at a time. */
export async function createBench(socket: string, count: number, cgroupParent: string | null): Promise<string[]> {
  const width = Math.max(3, String(count).length);
  const names = Array.from({ length: count }, (_, i) => `bench-${String(i + 1).padStart(width, '0')}`);
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const spec: FixtureSpec = { name, cmd: ['sh', '-c', LOOP], goal: 'running', labels: { 'berth-lab.bench': '1' } };
      const id = await create(socket, spec, cgroupParent);
      await apiOk(socket, 'POST', `/containers/${id}/start`, {}, [304]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, count) }, worker));
  return names;
}
