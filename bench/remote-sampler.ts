// Benchmark (issue 5): berth's own CPU per tick for an SSH node's stats,
// the per-tick batched exec (createSampler over transport.readFiles) against
// the streaming sampler (createRemoteSampler: one exec channel, a record per
// tick). Both tick once a second over the same connection to the lab's sshd
// in front of docker1, with BENCH_CONTAINERS bench containers running.
//   node_modules/.bin/node bench/remote-sampler.ts   (own lab; or BERTH_LAB=…/lab.json)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteSampler, createSampler, statsBetween, type Sampler, type SampleTarget } from '../src/metrics/index.ts';
import { DockerRuntime } from '../src/runtime/docker/client.ts';
import { unixEndpoint } from '../src/runtime/docker/endpoint.ts';
import { SshTransport } from '../src/transport/ssh/transport.ts';
import { benchLab } from './lib.ts';

const COUNT = Number(process.env.BENCH_CONTAINERS ?? 50);
const TICKS = Number(process.env.BENCH_TICKS ?? 15);

/**
 * berth's CPU per tick (the whole process over the whole run: a streamed
 * record is parsed when it arrives, between the calls) and wall time per
 * sample() call, ticking once a second.
 */
async function perTick(sampler: Sampler, targets: SampleTarget[]): Promise<{ cpuMs: number; callMs: number }> {
  let prev = await sampler.sample(targets);
  for (let i = 0; i < 2; i++) prev = await sampler.sample(targets);
  let calls = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < TICKS; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = performance.now();
    const next = await sampler.sample(targets);
    statsBetween(prev, next);
    calls += performance.now() - t0;
    prev = next;
  }
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000 / TICKS, callMs: calls / TICKS };
}

const { lab, done } = await benchLab(COUNT);
const home = mkdtempSync(join(tmpdir(), 'berth-bench-remote-'));
const transport = new SshTransport({ node: 'r1', destination: lab.ssh.alias, timeoutMs: 10_000, env: { HOME: home, BERTH_SSH_CONFIG: lab.ssh.configFile }, homeDir: home });
try {
  const rt = new DockerRuntime({ node: 'r1', transport, endpoint: unixEndpoint(lab.engines.docker1.socket) });
  const running = await rt.listContainers({ all: false });
  const targets: SampleTarget[] = (await rt.inspectMany(running.map((c) => c.id))).flatMap((c) => (c.pid ? [{ id: c.id, name: c.name, node: 'r1', pid: c.pid }] : []));
  // Leave out the container that restarts every second: a new pid each time changes the file set.
  const steady = targets.filter((t) => !t.name.includes('restarting'));
  const batched = createSampler(transport);
  const before = await perTick(batched, steady);
  batched.close();
  const streamed = createRemoteSampler(transport, { intervalMs: 1000 });
  const after = await perTick(streamed, steady);
  streamed.close();
  console.log(`remote sampler, ${steady.length} containers over SSH, ${TICKS} ticks at 1 s, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`per-tick exec (batched readFiles)   berth CPU ${before.cpuMs.toFixed(2)} ms/tick   sample() ${before.callMs.toFixed(1)} ms`);
  console.log(`streaming loop (one channel)        berth CPU ${after.cpuMs.toFixed(2)} ms/tick   sample() ${after.callMs.toFixed(1)} ms`);
} finally {
  await transport.close();
  rmSync(home, { recursive: true, force: true });
  await done();
}
