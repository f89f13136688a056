// Benchmark (issue 3): `berth stats --no-stream -o json` against `docker
// stats --no-stream` at 100 running containers in one run; the memory each
// reports per container; and the CPU time berth's sampler spends per tick.
//   node_modules/.bin/node bench/stats.ts     (own lab; or BERTH_LAB=…/lab.json)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createLocalSampler, statsBetween, type SampleTarget } from '../src/metrics/index.ts';
import { DockerRuntime } from '../src/runtime/docker/client.ts';
import { unixEndpoint } from '../src/runtime/docker/endpoint.ts';
import { LocalTransport } from '../src/transport/local.ts';
import { benchLab, measure, ms, ROOT } from './lib.ts';

const COUNT = Number(process.env.BENCH_CONTAINERS ?? 100);
const UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, kB: 1000, MB: 1e6, GB: 1e9 };

const { lab, done } = await benchLab(COUNT);
try {
  const env = { ...lab.env, PATH: process.env.PATH, DOCKER_HOST: lab.engines.docker1.host };
  const docker = process.env.DOCKER_BIN ?? 'docker';
  const b = measure([join(ROOT, 'bin/berth'), 'stats', '--no-stream', '-o', 'json'], env, 7);
  const d = measure([docker, 'stats', '--no-stream'], env, 3);

  // Memory, same moment as near as two commands allow.
  const berthOut = spawnSync(join(ROOT, 'bin/berth'), ['stats', '--no-stream', '-o', 'json'], { env }).stdout.toString();
  const dockerOut = spawnSync(docker, ['stats', '--no-stream', '--format', '{{.Name}}\t{{.MemUsage}}'], { env }).stdout.toString();
  const ours = new Map((JSON.parse(berthOut).items as { name: string; memory: { workingSetBytes: number } }[]).map((i) => [i.name, i.memory.workingSetBytes]));
  const diffs: number[] = [];
  for (const line of dockerOut.trim().split('\n')) {
    const [name, usage] = line.split('\t');
    const m = /^([\d.]+)([A-Za-z]+)/.exec(usage ?? '');
    if (!m || !ours.has(name!)) continue;
    diffs.push(Math.abs(Number(m[1]) * (UNITS[m[2]!] ?? NaN) - ours.get(name!)!));
  }
  diffs.sort((x, y) => x - y);

  // CPU per tick of the sampler itself, in this process.
  const rt = new DockerRuntime({ node: 'local', transport: new LocalTransport(), endpoint: unixEndpoint(lab.engines.docker1.socket) });
  const running = await rt.listContainers({ all: false });
  const targets: SampleTarget[] = (await rt.inspectMany(running.map((c) => c.id))).flatMap((c) => (c.pid ? [{ id: c.id, name: c.name, node: 'local', pid: c.pid }] : []));
  await rt.close();
  const sampler = createLocalSampler(new LocalTransport());
  let prev = await sampler.sample(targets);
  for (let i = 0; i < 5; i++) prev = await sampler.sample(targets);
  const ticks = 30;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < ticks; i++) {
    const next = await sampler.sample(targets);
    statsBetween(prev, next);
    prev = next;
  }
  const cpu = process.cpuUsage(cpu0);
  sampler.close();

  console.log(`running containers: ${targets.length}`);
  console.log(`berth stats --no-stream -o json   median ${ms(b.median)}  p95 ${ms(b.p95)}`);
  console.log(`docker stats --no-stream          median ${ms(d.median)}`);
  console.log(`speed-up: ${(d.median / b.median).toFixed(1)}x   (target >= 5x)`);
  console.log(`memory |berth - docker| over ${diffs.length} containers: median ${(diffs[Math.floor(diffs.length / 2)] ?? NaN) / 1024} KiB, max ${(diffs.at(-1) ?? NaN) / 1024} KiB`);
  console.log(`sampler CPU per tick (${targets.length} containers): ${((cpu.user + cpu.system) / 1000 / ticks).toFixed(2)} ms   (target < 10 ms)`);
} finally {
  await done();
}
