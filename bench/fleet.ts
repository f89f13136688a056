// Benchmark (issue 5): a fleet of eight SSH nodes, each a config entry in
// front of the lab's main sshd and one of its engines (docker1 or docker2,
// 50 bench containers on each):
//  - time from start to the first complete `berth ps -a -o json` over all 8
//    (eight handshakes included; target < 2 s);
//  - berth's CPU while `berth stats -o jsonl` follows all 8 for 10 s, from
//    /proc/<pid>/stat utime+stime (target < 5% of one core), through the
//    streaming sampler (one awk loop per node on the host, counted, with
//    their own CPU, since sshd runs on this machine);
//  - baseline: `docker -H ssh://root@127.0.0.1:PORT/<socket> stats
//    --no-stream` for each node, one after another.
//   node_modules/.bin/node bench/fleet.ts     (own lab; or BERTH_LAB=…/lab.json)
// docker's ssh helper runs `ssh` from PATH, and OpenSSH finds ~/.ssh through
// the password database, not $HOME; so PATH gets an `ssh` wrapper that adds
// `-F` with a config pointing at the lab's key and known_hosts. The real
// ~/.ssh is never read.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiJson } from '../test/lab/engine-api.ts';
import { createBench } from '../test/lab/fixtures.ts';
import type { LabInfo } from '../test/lab/types.ts';
import { samplerLoops } from '../test/integration/support/remote-host.ts';
import { benchLab, measure, ms, ROOT, timeOnce } from './lib.ts';

const PER_ENGINE = Number(process.env.BENCH_CONTAINERS ?? 50);
const NODES = 8;
const FOLLOW_SECONDS = Number(process.env.BENCH_FOLLOW_SECONDS ?? 10);
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim()) || 100;

/** Makes sure docker2 has bench containers too (benchLab fills docker1 only). */
async function benchOnDocker2(lab: LabInfo): Promise<void> {
  const e = lab.engines.docker2;
  const have = await apiJson<unknown[]>(e.socket, 'GET', `/containers/json?filters=${encodeURIComponent('{"label":["berth-lab.bench=1"]}')}`);
  if (have.length < PER_ENGINE) await createBench(e.socket, PER_ENGINE - have.length, e.cgroupParent);
}

/** utime+stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12 here
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** CPU seconds of the processes still alive at both ends (host-side loops). */
function cpuOf(pids: number[]): number {
  let s = 0;
  for (const p of pids) {
    try {
      s += cpuSeconds(p);
    } catch {
      // gone
    }
  }
  return s;
}

/** Follows the fleet with `berth stats -o jsonl`; berth's CPU share over the window, after a warm-up, and the host loops'. */
async function followCpu(lab: LabInfo, argv: string[], env: Record<string, string | undefined>): Promise<{ percent: number; lines: number; nodes: number; loops: number; loopsPercent: number }> {
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  const nodes = new Set<string>();
  let partial = '';
  child.stdout.on('data', (d: Buffer) => {
    partial += d.toString();
    const all = partial.split('\n');
    partial = all.pop() ?? '';
    for (const l of all) {
      lines++;
      nodes.add((JSON.parse(l) as { node: string }).node);
    }
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const sleep = (s: number): Promise<void> => new Promise((r) => setTimeout(r, s * 1000));
  try {
    // Warm-up: connections, discovery of the containers, first samples from every node (slow on a loaded machine).
    const ready = Date.now() + 60_000;
    while (nodes.size < NODES && Date.now() < ready) {
      if (child.exitCode !== null) throw new Error(`berth stats exited ${child.exitCode}: ${err}`);
      await sleep(0.5);
    }
    await sleep(2);
    const loops0 = new Map(samplerLoops(lab).map((p) => [p, cpuOf([p])]));
    const c0 = cpuSeconds(child.pid!);
    const t0 = performance.now();
    const l0 = lines;
    await sleep(FOLLOW_SECONDS);
    const c1 = cpuSeconds(child.pid!);
    const loops1 = samplerLoops(lab);
    // A loop that started meanwhile (a restart for a new file list) counts from 0.
    const host = loops1.reduce((sum, p) => sum + cpuOf([p]) - (loops0.get(p) ?? 0), 0);
    const wall = (performance.now() - t0) / 1000;
    return { percent: ((c1 - c0) / wall) * 100, lines: lines - l0, nodes: nodes.size, loops: loops1.length, loopsPercent: (host / wall) * 100 };
  } finally {
    child.kill('SIGINT');
  }
}

const { lab, done } = await benchLab(PER_ENGINE);
const work = mkdtempSync(join(tmpdir(), 'berth-bench-fleet-'));
try {
  await benchOnDocker2(lab);
  const sockets = [lab.engines.docker1.socket, lab.engines.docker2.socket];
  const config = join(work, 'berth.yaml');
  writeFileSync(config, ['nodes:', ...Array.from({ length: NODES }, (_, i) => `  - {name: n${i + 1}, ssh: ${lab.ssh.alias}, socket: ${sockets[i % 2]}}`), ''].join('\n'));
  const env = { ...lab.env, PATH: process.env.PATH, BERTH_SSH_CONFIG: lab.ssh.configFile };
  const berth = join(ROOT, 'bin/berth');

  // One checked run: all eight nodes answered, nothing missing.
  const check = spawnSync(berth, ['--config', config, 'ps', '-a', '-o', 'json'], { env });
  const doc = JSON.parse(check.stdout.toString()) as { items: { node: string }[]; errors: unknown[] };
  if (check.status !== 0 || doc.errors.length > 0) throw new Error(`berth ps failed (${check.status}): ${check.stderr.toString()}`);
  console.error('bench: timing berth ps -a -o json over 8 nodes…');
  const ps = measure([berth, '--config', config, 'ps', '-a', '-o', 'json'], env, 7);
  console.error(`bench: following with berth stats -o jsonl for ${FOLLOW_SECONDS}s…`);
  const follow = await followCpu(lab, [berth, '--config', config, 'stats', '-o', 'jsonl'], env);

  // Baseline: docker's own ssh helper, node after node.
  mkdirSync(join(work, 'bin'));
  const sshConfig = join(work, 'ssh_config');
  writeFileSync(sshConfig, [
    'Host 127.0.0.1',
    '  User root',
    `  IdentityFile ${lab.ssh.identityFile}`,
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    `  UserKnownHostsFile ${lab.ssh.knownHostsFile}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '',
  ].join('\n'));
  writeFileSync(join(work, 'bin/ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${sshConfig}' "$@"\n`);
  chmodSync(join(work, 'bin/ssh'), 0o755);
  const docker = process.env.DOCKER_BIN ?? 'docker';
  const denv = { ...lab.env, HOME: work, DOCKER_CONFIG: join(work, 'docker'), PATH: `${join(work, 'bin')}:${process.env.PATH ?? ''}` };
  // docker stats opens one connection, so one ssh process and handshake, per container: a single round.
  // BENCH_SKIP_DOCKER=1 leaves the baseline out (it takes minutes and loads the machine).
  const perNode = process.env.BENCH_SKIP_DOCKER === '1' ? [] : Array.from({ length: NODES }, (_, i) => timeOnce([docker, '-H', `ssh://root@127.0.0.1:${lab.ssh.port}${sockets[i % 2]}`, 'stats', '--no-stream'], denv));
  const dockerTotal = perNode.reduce((a, b) => a + b, 0);

  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`fleet: ${NODES} SSH nodes via ${lab.ssh.alias} (127.0.0.1:${lab.ssh.port}), ${doc.items.length} containers in all (${PER_ENGINE} bench containers per engine)`);
  console.log(`berth ps -a -o json, 8 nodes, cold start   median ${ms(ps.median)}  p95 ${ms(ps.p95)}   (target < 2000 ms)`);
  console.log(`berth stats -o jsonl following 8 nodes     ${follow.percent.toFixed(2)}% of one core over ${FOLLOW_SECONDS}s, ${follow.lines} lines from ${follow.nodes} nodes   (target < 5%)`);
  console.log(`  host side: ${follow.loops} streaming sampler loops (one per node), ${follow.loopsPercent.toFixed(2)}% of one core together (awk, without its sleep children)`);
  if (perNode.length > 0) {
    console.log(`docker -H ssh://… stats --no-stream ×8     ${ms(dockerTotal)} for the 8, one after another (per node ${perNode.map((x) => (x / 1000).toFixed(1)).join(', ')} s)`);
    console.log(`berth's first complete fleet table came ${(dockerTotal / ps.median).toFixed(1)}x sooner than the docker baseline's`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  await done();
}
