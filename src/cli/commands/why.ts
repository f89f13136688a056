/**
 * `berth why REF`: why a container stopped, died or keeps restarting, in
 * one look — state, exit code and what it usually means, OOM kill, restart
 * count and policy, start and finish times, the runtime's own error, the
 * health-check log, and the last lines it printed.
 */
import type { ContainerDetail } from '../../domain/types.ts';
import { formatAgo } from '../../util/units.ts';
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import { printDocuments } from './documents.ts';
import type { whyVerb } from './specs.ts';

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

function human(d: Diagnosis, now: Date): string {
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
  return `${lines.join('\n')}\n`;
}

export async function run(ctx: CliContext, inv: InvocationOf<typeof whyVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const t = await fleet.resolveContainer(inv.args.REF);
    const rt = t.node.runtime;
    const d = await fleet.one(t.node, (signal) => rt.inspectContainer(t.container.id, signal));
    const lastLines: Diagnosis['lastLines'] = [];
    if (inv.flags.tail > 0) {
      await fleet.one(t.node, async (signal) => {
        for await (const l of rt.logs(d.id, { tail: inv.flags.tail, timestamps: true, tty: d.tty }, signal)) {
          lastLines.push({ stream: l.stream, at: l.at, line: l.data.toString('utf8').replace(/\r?\n$/, '') });
        }
      });
    }
    const diagnosis: Diagnosis = {
      id: d.id, name: d.name, node: d.node, state: d.state, status: d.status, exitCode: d.exitCode,
      exitMeaning: d.state === 'running' || d.state === 'created' ? null : exitMeaning(d.exitCode, d.oomKilled),
      oomKilled: d.oomKilled, restartCount: d.restartCount,
      restartPolicy: d.restartPolicy ? `${d.restartPolicy.name}${d.restartPolicy.maximumRetryCount > 0 ? `:${d.restartPolicy.maximumRetryCount}` : ''}` : null,
      startedAt: d.startedAt, finishedAt: d.finishedAt, error: d.error, health: d.health, healthLog: d.healthLog,
      memoryLimitBytes: d.memoryLimitBytes, lastLines,
    };
    printDocuments(ctx, 'Diagnosis', [diagnosis], [], (x) => human(x, ctx.now()));
    return 0;
  });
}
