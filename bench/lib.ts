// Shared bits of the benchmarks: a lab with N extra running containers
// (reused via BERTH_LAB when given), timing of whole commands, medians.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { apiJson } from '../test/lab/engine-api.ts';
import { createBench } from '../test/lab/fixtures.ts';
import { readLabInfo, startLab, stopLab, type LabInfo } from '../test/lab/lab.ts';

/** Repository root. */
export const ROOT = resolve(import.meta.dirname, '..');

/** A lab with at least `extra` bench containers on docker1, and how to end it. */
export async function benchLab(extra: number): Promise<{ lab: LabInfo; done: () => Promise<void> }> {
  if (process.env.BERTH_LAB) {
    const lab = await readLabInfo(process.env.BERTH_LAB);
    const have = await apiJson<unknown[]>(lab.engines.docker1.socket, 'GET', `/containers/json?filters=${encodeURIComponent('{"label":["berth-lab.bench=1"]}')}`);
    if (have.length === 0) lab.bench = await createBench(lab.engines.docker1.socket, extra, lab.engines.docker1.cgroupParent);
    else if (have.length < extra) throw new Error(`the lab has ${have.length} bench containers, fewer than ${extra}: start one with 'scripts/lab.ts start --extra ${extra}'`);
    return { lab, done: async () => undefined };
  }
  const lab = await startLab({ extra, log: (m) => console.error(`lab: ${m}`) });
  return { lab, done: async () => void (await stopLab(lab)) };
}

/** Wall time of one run of argv, in ms; throws when it fails. */
export function timeOnce(argv: readonly string[], env: Record<string, string | undefined>): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

/** Median and 95th percentile of `runs` timings after one warm-up. */
export function measure(argv: readonly string[], env: Record<string, string | undefined>, runs = 15): { median: number; p95: number } {
  timeOnce(argv, env);
  const xs = Array.from({ length: runs }, () => timeOnce(argv, env)).sort((a, b) => a - b);
  return { median: xs[Math.floor(xs.length / 2)]!, p95: xs[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]! };
}

/** `12.3 ms`. */
export function ms(x: number): string {
  return `${x.toFixed(1)} ms`;
}
