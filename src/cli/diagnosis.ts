/**
 * Why a container stopped, died or keeps restarting, in one look: state,
 * exit code and what it usually means, OOM kill, restart count and policy,
 * start and finish times, the runtime's own error, the health-check log,
 * and the last lines it printed. Shared by `berth why` and the console's
 * why tab, so both state the same facts in the same words.
 */
import type { ContainerDetail } from '../domain/types.ts';
import type { RuntimeSource } from '../runtime/types.ts';
import { formatAgo } from '../util/units.ts';

/** The diagnosis item (`-o json`: kind DiagnosisList). */
export interface Diagnosis {
  id: string;
  name: string;
  node: string;
  state: ContainerDetail['state'];
  status: string;
  exitCode: number | null;
  exitMeaning: string | null;
  oomKilled: boolean | null;
  restartCount: number | null;
  restartPolicy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  health: ContainerDetail['health'];
  healthLog: ContainerDetail['healthLog'];
  memoryLimitBytes: number | null;
  lastLines: { stream: 'stdout' | 'stderr'; at: string | null; line: string }[];
}

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM' };

/** What an exit code usually means (shell and runtime conventions). */
export function exitMeaning(code: number | null, oomKilled: boolean | null): string | null {
  if (code === null) return null;
  if (code === 0) return 'exited normally';
  if (code === 125) return 'the runtime could not run the container';
  if (code === 126) return 'the command could not be executed (permission or not executable)';
  if (code === 127) return 'the command was not found';
  if (code > 128 && code < 160) {
    const sig = code - 128;
    const name = SIGNALS[sig] ?? `signal ${sig}`;
    if (sig === 9) return oomKilled ? `killed by ${name}: the kernel's OOM killer (memory limit reached)` : `killed by ${name} (docker kill, a stop timeout, or the OOM killer)`;
    if (sig === 15) return `terminated by ${name} (a stop or restart)`;
    return `terminated by ${name}`;
  }
  return 'the program reported an error';
}

/** The diagnosis of an inspected container and the lines it printed last. */
export function diagnosisOf(d: ContainerDetail, lastLines: Diagnosis['lastLines']): Diagnosis {
  return {
    id: d.id, name: d.name, node: d.node, state: d.state, status: d.status, exitCode: d.exitCode,
    exitMeaning: d.state === 'running' || d.state === 'created' ? null : exitMeaning(d.exitCode, d.oomKilled),
    oomKilled: d.oomKilled, restartCount: d.restartCount,
    restartPolicy: d.restartPolicy ? `${d.restartPolicy.name}${d.restartPolicy.maximumRetryCount > 0 ? `:${d.restartPolicy.maximumRetryCount}` : ''}` : null,
    startedAt: d.startedAt, finishedAt: d.finishedAt, error: d.error, health: d.health, healthLog: d.healthLog,
    memoryLimitBytes: d.memoryLimitBytes, lastLines,
  };
}

/** Runs one call to the node (the scripted verbs bound it by --timeout; the console by its pane's life). */
export type NodeCall = <T>(fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** Inspects the container and reads its last `tail` log lines (none when `tail` is 0). */
export async function diagnose(rt: RuntimeSource, id: string, tail: number, call: NodeCall): Promise<Diagnosis> {
  const d = await call((signal) => rt.inspectContainer(id, signal));
  const lastLines: Diagnosis['lastLines'] = [];
  if (tail > 0) {
    await call(async (signal) => {
      for await (const l of rt.logs(d.id, { tail, timestamps: true, tty: d.tty }, signal)) {
        lastLines.push({ stream: l.stream, at: l.at, line: l.data.toString('utf8').replace(/\r?\n$/, '') });
      }
    });
  }
  return diagnosisOf(d, lastLines);
}

/**
 * The diagnosis for people, one string per line (`berth why` prints them;
 * the console's why tab shows them). Not sanitised: callers do, as the
 * names, errors, health output and log lines come from the container.
 */
export function diagnosisLines(d: Diagnosis, now: Date): string[] {
  const when = (t: string | null): string => (t === null ? '–' : `${t} (${formatAgo(t, now)})`);
  const lines = [
    `${d.node}/${d.name} (${d.id.slice(0, 12)})`,
    `  state:         ${d.state}  ${d.status}`,
    `  exit code:     ${d.exitCode ?? '–'}${d.exitMeaning ? `  ${d.exitMeaning}` : ''}`,
    `  OOM killed:    ${d.oomKilled === null ? '–' : d.oomKilled ? 'yes' : 'no'}${d.memoryLimitBytes ? `  (memory limit ${d.memoryLimitBytes} bytes)` : ''}`,
    `  restarts:      ${d.restartCount ?? '–'}  (policy: ${d.restartPolicy ?? '–'})`,
    `  started:       ${when(d.startedAt)}`,
    `  finished:      ${when(d.finishedAt)}`,
  ];
  if (d.error) lines.push(`  runtime error: ${d.error}`);
  if (d.health !== null || d.healthLog.length > 0) {
    lines.push(`  health:        ${d.health ?? '–'}`);
    for (const h of d.healthLog.slice(-5)) lines.push(`    ${h.end ?? h.start ?? '–'}  exit ${h.exitCode ?? '–'}  ${h.output.trim().replace(/\s*\n\s*/g, ' | ')}`);
  }
  lines.push(d.lastLines.length === 0 ? '  last lines:    (none)' : `  last ${d.lastLines.length} lines:`);
  for (const l of d.lastLines) lines.push(`    ${l.stream === 'stderr' ? '!' : ' '} ${l.line}`);
  return lines;
}
