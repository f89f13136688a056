// Benchmark (issue 4): the console (bin/berth with no verb) with 1,000
// containers in the store (on docker1: the lab's fixtures, 200 running
// bench containers, and created-but-never-started ones up to the total),
// driven in a pseudo-terminal without tmux (pty.ts), its screen followed by
// a small terminal emulator (screen.ts):
//  - key → frame: time from writing a key to the first output that puts its
//    effect on the screen (cursor moves, sort, view switches, filter typing,
//    enter, esc), with all 1,000 rows listed; p50 and p95 (target p95 < 30 ms);
//  - idle CPU of the console's process at the default 1 s refresh, from
//    /proc/<pid>/stat utime+stime over BENCH_IDLE_SECONDS (target < 5% of a core);
//  - RSS and peak RSS from /proc/<pid>/status at the end (target < 150 MB).
// Baselines from the same run: the pty round trip of `cat` (the floor this
// harness can measure), and `docker stats` (Docker's own live view) over the
// same window: its CPU, dockerd's and containerd's, and its RSS.
//   node_modules/.bin/node bench/console.ts     (own lab; or BERTH_LAB=…/lab.json)
// With BERTH_LAB the created containers stay for the next run (they are
// cheap); BENCH_CLEANUP=1 removes them.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { apiJson, apiOk } from '../test/lab/engine-api.ts';
import { LAB_IMAGE } from '../test/lab/images.ts';
import type { LabInfo } from '../test/lab/types.ts';
import { benchLab, ms } from './lib.ts';
import { cpuTicks, PtyConsole, statusKb } from './pty.ts';
import { keyScript, titleOf, type Step } from './console-keys.ts';

const RUNNING = Number(process.env.BENCH_CONTAINERS ?? 200);
const TOTAL = Number(process.env.BENCH_TOTAL ?? 1000);
const PRESSES = Number(process.env.BENCH_PRESSES ?? 150);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const ROWS = 50;
const COLS = 200;
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim()) || 100;
const IDLE_LABEL = 'berth-lab.bench-idle';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Creates never-started containers on docker1 until it holds `total`; returns how many were made. */
async function fillTo(lab: LabInfo, total: number): Promise<number> {
  const socket = lab.engines.docker1.socket;
  const all = await apiJson<{ Names: string[] }[]>(socket, 'GET', '/containers/json?all=1');
  const taken = new Set(all.flatMap((c) => c.Names.map((n) => n.replace(/^\//, ''))));
  const queue: string[] = [];
  for (let i = 1; queue.length < total - all.length; i++) {
    const name = `bench-idle-${String(i).padStart(4, '0')}`;
    if (!taken.has(name)) queue.push(name);
  }
  const made = queue.length;
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const body = { Image: LAB_IMAGE, Cmd: ['true'], Labels: { [IDLE_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } };
      await apiJson(socket, 'POST', `/containers/create?name=${encodeURIComponent(name)}`, { body });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return made;
}

async function removeIdle(lab: LabInfo): Promise<void> {
  const socket = lab.engines.docker1.socket;
  const ids = (await apiJson<{ Id: string }[]>(socket, 'GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [IDLE_LABEL] }))}`)).map((c) => c.Id);
  const worker = async (): Promise<void> => {
    for (let id = ids.shift(); id; id = ids.shift()) await apiOk(socket, 'DELETE', `/containers/${id}?force=true`, {}, [404]);
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** CPU share of `pids` (one core = 100) over `seconds`, and what `during` returned. */
async function cpuOver(pids: readonly number[], seconds: number): Promise<number[]> {
  const c0 = pids.map(cpuTicks);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const wall = (performance.now() - t0) / 1000;
  return pids.map((p, i) => ((cpuTicks(p) - c0[i]!) / CLK_TCK / wall) * 100);
}

/** p-th percentile of sorted numbers. */
function pct(xs: readonly number[], p: number): number {
  return xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((xs.length * p) / 100) - 1))]!;
}

function summary(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${ms(pct(s, 50))}  p95 ${ms(pct(s, 95))}  max ${ms(s.at(-1)!)}  (n=${s.length})`;
}

/** The pty round trip of one byte through `cat`: the floor under any key → frame figure here. */
async function ptyFloor(env: Record<string, string | undefined>, n: number): Promise<number[]> {
  const spawnCat = spawnSync('sh', ['-c', 'command -v cat']).stdout.toString().trim();
  const con = new PtyConsole(env, [], 5, 40, `stty raw -echo; exec ${spawnCat}`);
  await sleep(300);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const col = i % 30;
    out.push(await con.press(ch, (lines) => lines.join('').length > col, `echo of ${ch}`));
    if (col === 29) {
      await con.press('\r', () => true, 'return');
      con.screen.write('\u001b[2J\u001b[H');
    }
    await sleep(20);
  }
  con.child.kill('SIGKILL');
  return out;
}

const { lab, done } = await benchLab(RUNNING);
const env = { ...lab.env, PATH: process.env.PATH, DOCKER_HOST: lab.engines.docker1.host, TERM: 'xterm-256color' };
let con: PtyConsole | null = null;
try {
  const made = await fillTo(lab, TOTAL);
  const socket = lab.engines.docker1.socket;
  const total = (await apiJson<unknown[]>(socket, 'GET', '/containers/json?all=1')).length;
  const running = (await apiJson<unknown[]>(socket, 'GET', '/containers/json')).length;
  console.error(`bench: docker1 holds ${total} containers, ${running} running (${made} created now); load ${load()}`);

  // Start-up to a full table with numbers in it.
  const t0 = performance.now();
  con = new PtyConsole(env, [], ROWS, COLS);
  const count = (lines: string[]): number => Number(/^\S+ \[\d\] (?:\d+\/)?(\d+)/.exec(titleOf(lines))?.[1] ?? 0);
  await con.waitFor((l) => count(l) >= total - 5 && l.some((x) => /bench-\d+ .* \d+\.\d%/.test(x)), 'all containers, with CPU figures', 90_000);
  const firstTable = performance.now() - t0;
  const pid = con.consolePid();
  const d1 = lab.engines.docker1;
  const watched = [pid, d1.pid, ...d1.helperPids];

  // Idle with all 1,000 rows (what the console opens on), then with the running ones only.
  await sleep(5000);
  const b0 = con.bytes;
  const idleAll = await cpuOver(watched, IDLE_SECONDS);
  const idleAllBytes = (con.bytes - b0) / IDLE_SECONDS;
  await con.press('a', (l) => titleOf(l).includes('running only'), 'running containers only');
  await sleep(3000);
  const b1 = con.bytes;
  const idle = await cpuOver([pid], IDLE_SECONDS);
  const idleBytes = (con.bytes - b1) / IDLE_SECONDS;
  const tAll = await con.press('a', (l) => titleOf(l).includes('· all') && count(l) >= total - 5, 'all containers listed');
  await sleep(1000);

  const byKind = new Map<string, number[]>();
  const steps: Step[] = keyScript(ROWS);
  let rng = 12345;
  const random = (): number => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const cpuKeys0 = cpuTicks(pid);
  const tKeys0 = performance.now();
  for (let i = 0, n = 0; n < PRESSES; i = (i + 1) % steps.length) {
    const step = steps[i]!;
    // An operator's pace: 5–15 keys a second, never in step with the stats tick.
    await sleep(60 + random() * 140);
    const before = con.screen.lines();
    const t = await con.press(step.keys, (lines) => step.shows(lines, before), step.what);
    if (process.env.BENCH_VERBOSE) console.error(`bench: ${n} ${JSON.stringify(step.keys)} ${step.what}: ${ms(t)}`);
    const list = byKind.get(step.kind) ?? [];
    list.push(t);
    byKind.set(step.kind, list);
    n++;
  }
  const keysCpu = ((cpuTicks(pid) - cpuKeys0) / CLK_TCK / ((performance.now() - tKeys0) / 1000)) * 100;
  const rss = statusKb(pid, 'VmRSS') / 1024;
  const hwm = statusKb(pid, 'VmHWM') / 1024;
  await con.quit();
  con = null;

  // Baselines.
  const floor = await ptyFloor(env, 100);
  const docker = process.env.DOCKER_BIN ?? 'docker';
  const ds = new PtyConsole(env, [], ROWS, COLS, `exec ${docker} stats`);
  await ds.waitFor((l) => l.filter((x) => /bench-\d+/.test(x)).length > 10, 'docker stats to list containers', 60_000);
  await sleep(5000);
  const dsPid = ds.childPid('docker');
  const dsIdle = await cpuOver([dsPid, d1.pid, ...d1.helperPids], IDLE_SECONDS);
  const dsRss = statusKb(dsPid, 'VmRSS') / 1024;
  ds.child.kill('SIGKILL');

  const all = [...byKind.values()].flat();
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  console.log(`console benchmark: docker1 holds ${total} containers (${running} running), pty ${COLS}x${ROWS}, refresh 1 s; load average at the end ${load()}`);
  console.log(`start-up to all rows with CPU figures         ${ms(firstTable)}; 'a' back to all ${total} rows ${ms(tAll)}`);
  console.log(`key → frame, all rows listed                  ${summary(all)}   (target p95 < 30 ms)`);
  for (const [kind, xs] of byKind) console.log(`  ${kind.padEnd(44)} ${summary(xs)}`);
  console.log(`  floor: pty round trip of one byte via cat   ${summary(floor)}`);
  console.log(`idle CPU, all ${total} rows listed (the default)  ${idleAll[0]!.toFixed(2)}% of one core, ${(idleAllBytes / 1024).toFixed(1)} KiB/s to the terminal   (target < 5%)`);
  console.log(`idle CPU, running only (${running} rows)          ${idle[0]!.toFixed(2)}% of one core, ${(idleBytes / 1024).toFixed(1)} KiB/s to the terminal`);
  console.log(`CPU while keys were pressed                   ${keysCpu.toFixed(1)}% of one core`);
  console.log(`RSS at the end                                ${rss.toFixed(0)} MB, peak ${hwm.toFixed(0)} MB   (target < 150 MB)`);
  console.log(`engine CPU during berth's idle window        dockerd+containerd ${sum(idleAll.slice(1)).toFixed(2)}% of one core`);
  console.log(`baseline docker stats (live, ${running} running)   ${dsIdle[0]!.toFixed(2)}% of one core, dockerd+containerd ${sum(dsIdle.slice(1)).toFixed(2)}%, RSS ${dsRss.toFixed(0)} MB`);
} finally {
  if (con) con.child.kill('SIGKILL');
  if (process.env.BERTH_LAB && process.env.BENCH_CLEANUP === '1') await removeIdle(lab);
  await done();
}
