/**
 * `berth events`: every selected node's engine events at once, printed as
 * they arrive (`-o jsonl` one event per line). A node that cannot be
 * reached at the start is reported and the others stream; a node lost
 * mid-stream is retried for `--timeout`×3 while the others keep going
 * (streams/follow-events.ts). Ends at `--until` once every node delivered
 * up to it (exit 0, or 1 if some node was lost), on Ctrl-C with 130 as
 * docker does, or with 5 when every node is lost for good.
 */
import { BerthError } from '../../domain/errors.ts';
import { nodeError, type NodeError } from '../../fleet/fanout.ts';
import type { CliContext } from '../framework/context.ts';
import { exitCodeForFailures } from '../framework/errors-out.ts';
import { openItemStream } from '../framework/output.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import { eventList } from '../streams/event-list.ts';
import { followEvents } from '../streams/follow-events.ts';
import { onInterrupt } from '../streams/interrupt.ts';
import { retryBudgetMs } from '../streams/retry.ts';
import { timeFlag } from '../streams/time-arg.ts';
import type { eventsVerb } from './specs.ts';

/** Streams the events; resolves to the exit code. */
export async function run(ctx: CliContext, inv: InvocationOf<typeof eventsVerb>): Promise<number> {
  const now = ctx.now();
  const since = timeFlag('since', inv.flags.since, now);
  const until = timeFlag('until', inv.flags.until, now);
  if (since !== undefined && until !== undefined && until < since) {
    throw new BerthError('usage', '--until is before --since', { hint: 'give an --until later than --since' });
  }
  return withFleet(ctx, async (fleet) => {
    // Open every node under its deadline first: an unreachable one is an error now, not a retry loop.
    const opened = await fleet.each(async (node, signal) => {
      await node.runtime.negotiate(signal);
      return node;
    });
    const stream = openItemStream(ctx, eventList(fleet.multiNode));
    const failures: NodeError[] = [...opened.errors];
    for (const f of opened.errors) stream.error(f);
    const interrupt = onInterrupt();
    let finished = 0;
    try {
      await Promise.all(
        opened.results.map(async ({ node, value }) => {
          try {
            await followEvents(value.runtime, {
              node,
              since,
              until,
              startSeconds: now.getTime() / 1000,
              retryBudgetMs: retryBudgetMs(ctx.timeoutMs),
              signal: interrupt.signal,
              emit: (e) => stream.item(e),
              warn: (m) => ctx.log.warn(m),
              note: (m) => ctx.log.debug(m),
            });
            finished++;
          } catch (err) {
            if (interrupt.signal.aborted) return;
            const f = nodeError(node, err);
            failures.push(f);
            stream.error(f);
          }
        }),
      );
    } finally {
      interrupt.dispose();
      stream.close();
    }
    if (interrupt.code !== null) return interrupt.code;
    return exitCodeForFailures(failures, finished > 0);
  });
}
