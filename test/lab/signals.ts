// Tear labs down when the process that owns them is interrupted (Ctrl-C,
// SIGTERM, SIGHUP) or exits without calling stopLab. The daemons run in
// their own session, so only this process sees the signal and it can stop
// them in order. Teardown is synchronous, so it also works in 'exit'.
import { teardownSync } from './teardown.ts';

const guarded = new Set<string>();
const aborted = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

function tearAll(why: string): void {
  for (const dir of [...guarded]) {
    guarded.delete(dir);
    aborted.add(dir);
    try {
      const report = teardownSync(dir);
      process.stderr.write(`berth lab: ${why}: tore down ${dir} in ${report.ms} ms${report.leftovers.length ? `; left: ${report.leftovers.join(', ')}` : ''}\n`);
    } catch (err) {
      process.stderr.write(`berth lab: ${why}: teardown of ${dir} failed: ${(err as Error).message}\n`);
    }
  }
}

function onSignal(sig: NodeJS.Signals): void {
  tearAll(`got ${sig}`);
  uninstall();
  // If nobody else (e.g. vitest) handles this signal, die of it as we would have.
  if (process.listenerCount(sig) === 0) process.exit(CODES[sig] ?? 1);
}

function onExit(): void {
  tearAll('process exiting');
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const sig of SIGNALS) process.on(sig, onSignal);
  process.on('exit', onExit);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const sig of SIGNALS) process.off(sig, onSignal);
  process.off('exit', onExit);
}

/** Tear `dir` down if this process is interrupted or exits before unguardLab. */
export function guardLab(dir: string): void {
  guarded.add(dir);
  install();
}

/** The lab is torn down elsewhere now (stopLab) or deliberately left running (scripts/lab.ts start). */
export function unguardLab(dir: string): void {
  guarded.delete(dir);
  if (guarded.size === 0) uninstall();
}

/** Whether an interrupt already tore `dir` down; startLab checks this between steps. */
export function wasAborted(dir: string): boolean {
  return aborted.has(dir);
}
