/**
 * `berth logs REF`: a container's output, demultiplexed to stdout and
 * stderr as docker shows it (TTY containers as one stream, as is), each
 * line stripped of control sequences unless `--raw`; `-f` follows until the
 * container exits, `--follow-restarts` across restarts, and a lost engine
 * is retried for `--timeout`×3 before exit 5 (streams/follow-logs.ts).
 */
import { EXIT } from '../../domain/errors.ts';
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import { readLogs } from '../streams/follow-logs.ts';
import { onInterrupt } from '../streams/interrupt.ts';
import { logPrinter } from '../streams/log-output.ts';
import { retryBudgetMs } from '../streams/retry.ts';
import { parseTail, timeFlag } from '../streams/time-arg.ts';
import type { logsVerb } from './specs.ts';

/** Prints (and follows) the logs; returns 0, 130 on Ctrl-C, or throws. */
export async function run(ctx: CliContext, inv: InvocationOf<typeof logsVerb>): Promise<number> {
  const { flags } = inv;
  const tail = parseTail(flags.tail);
  const since = timeFlag('since', flags.since, ctx.now());
  // --follow-restarts means following; asking for it alone is not a mistake worth an error.
  const follow = flags.follow || flags.followRestarts;
  return withFleet(ctx, async (fleet) => {
    const { node, container } = await fleet.resolveContainer(inv.args.REF);
    const runtime = node.runtime;
    // The framing of the log stream depends on the container's TTY.
    const detail = await fleet.one(node, (signal) => runtime.inspectContainer(container.id, signal));
    const printer = logPrinter(ctx, { node: container.node, container: container.name, timestamps: flags.timestamps, raw: flags.raw });
    const interrupt = follow ? onInterrupt() : null;
    try {
      const end = await readLogs(runtime, {
        id: container.id,
        label: `${container.name} on node ${container.node}`,
        tty: detail.tty,
        tail,
        since,
        follow,
        followRestarts: flags.followRestarts,
        startSeconds: ctx.now().getTime() / 1000,
        retryBudgetMs: retryBudgetMs(ctx.timeoutMs),
        signal: interrupt?.signal ?? new AbortController().signal,
        emit: (line) => printer.emit(line),
        note: (m) => ctx.log.debug(m),
        warn: (m) => ctx.log.warn(m),
      });
      if (end === 'removed' && flags.followRestarts) ctx.log.warn(`${container.name} on node ${container.node} was removed; nothing more to follow`);
      return interrupt?.code ?? EXIT.ok;
    } finally {
      printer.close();
      interrupt?.dispose();
    }
  });
}
