// Benchmark (issue 2): `berth ps -a -o json` against `docker ps -a --format
// json` on the same engine with 100+ running containers, and berth's
// start-up (`berth --version`). Prints medians and ratios from one run.
//   node_modules/.bin/node bench/ps.ts            (starts and stops its own lab)
//   BERTH_LAB=/tmp/berth-lab-…/lab.json node_modules/.bin/node bench/ps.ts
import { join } from 'node:path';
import { benchLab, measure, ms, ROOT } from './lib.ts';

const COUNT = Number(process.env.BENCH_CONTAINERS ?? 100);
const { lab, done } = await benchLab(COUNT);
try {
  const env = { ...lab.env, PATH: process.env.PATH, DOCKER_HOST: lab.engines.docker1.host };
  const berth = join(ROOT, 'bin/berth');
  const docker = process.env.DOCKER_BIN ?? 'docker';
  const total = (await (await fetchCount(lab.engines.docker1.socket)));
  const b = measure([berth, 'ps', '-a', '-o', 'json'], env);
  const d = measure([docker, 'ps', '-a', '--format', 'json'], env);
  const v = measure([berth, '--version'], env);
  const dv = measure([docker, '--version'], env);
  console.log(`containers on the engine: ${total}`);
  console.log(`berth ps -a -o json        median ${ms(b.median)}  p95 ${ms(b.p95)}   (target < 150 ms)`);
  console.log(`docker ps -a --format json median ${ms(d.median)}  p95 ${ms(d.p95)}`);
  console.log(`ratio berth/docker: ${(b.median / d.median).toFixed(2)}`);
  console.log(`berth --version            median ${ms(v.median)}  p95 ${ms(v.p95)}   (target < 80 ms)`);
  console.log(`docker --version           median ${ms(dv.median)}`);
} finally {
  await done();
}

async function fetchCount(socket: string): Promise<number> {
  const { apiJson } = await import('../test/lab/engine-api.ts');
  return (await apiJson<unknown[]>(socket, 'GET', '/containers/json?all=1')).length;
}
