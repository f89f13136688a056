// Developer tool for the test lab (test/lab/lab.ts): start one that keeps
// running after this command exits, so tests, benchmarks and hands-on
// checks can reuse it (BERTH_LAB=<dir>/lab.json), and stop it again.
//
//   node_modules/.bin/node scripts/lab.ts start [--extra N]
//   node_modules/.bin/node scripts/lab.ts env <labdir|lab.json> [--test-env]
//   node_modules/.bin/node scripts/lab.ts stop <labdir|lab.json>
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { startLab, stopLab, type LabInfo } from '../test/lab/lab.ts';

const USAGE = `usage:
  node scripts/lab.ts start [--extra N]   start a lab that outlives this command; prints its lab.json
  node scripts/lab.ts env <labdir> [--test-env]
                                          shell exports: BERTH_LAB and each engine's host
                                          (--test-env: the environment tests give subprocesses)
  node scripts/lab.ts stop <labdir>       stop the lab and remove every trace of it`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Accepts the lab folder or its lab.json. */
function labDir(arg: string | undefined): string {
  if (!arg) fail(USAGE);
  const path = resolve(arg);
  return existsSync(path) && statSync(path).isFile() ? dirname(path) : path;
}

function readInfo(dir: string): LabInfo {
  try {
    return JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as LabInfo;
  } catch (err) {
    return fail(`no lab.json in ${dir}: ${(err as Error).message}`, 1);
  }
}

async function start(args: string[]): Promise<void> {
  let extra = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--extra') {
      extra = Number(args[++i]);
      if (!Number.isInteger(extra) || extra < 0) fail('--extra needs a whole number of containers');
    } else fail(USAGE);
  }
  const info = await startLab({ detached: true, extra, log: (m) => console.error(`lab: ${m}`) });
  console.error(`lab: started in ${info.startMs} ms; engines:`);
  for (const e of Object.values(info.engines)) console.error(`  ${e.name.padEnd(8)} ${e.kind} ${e.version}  ${e.host}`);
  console.error(`reuse it with: BERTH_LAB=${info.infoFile}   stop it with: node scripts/lab.ts stop ${info.dir}`);
  console.log(info.infoFile);
}

function env(args: string[]): void {
  const info = readInfo(labDir(args[0]));
  if (args[1] === '--test-env') {
    for (const [k, v] of Object.entries(info.env)) console.log(`export ${k}=${shq(v)}`);
    return;
  }
  console.log(`export BERTH_LAB=${shq(info.infoFile)}`);
  for (const e of Object.values(info.engines)) console.log(`export BERTH_LAB_${e.name.toUpperCase()}_HOST=${shq(e.host)}`);
  console.log(`# e.g. docker -H "$BERTH_LAB_DOCKER1_HOST" ps -a`);
}

async function stop(args: string[]): Promise<void> {
  const report = await stopLab(labDir(args[0]));
  console.error(`lab: stopped ${report.dir} in ${report.ms} ms (${report.killed} processes killed after the engines stopped, ${report.unmounted} mounts removed)`);
  if (report.leftovers.length) fail(`lab: could not remove: ${report.leftovers.join(', ')}`, 1);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'start') await start(rest);
  else if (command === 'env') env(rest);
  else if (command === 'stop') await stop(rest);
  else fail(USAGE);
} catch (err) {
  fail(`lab: ${(err as Error).message}`, 1);
}
