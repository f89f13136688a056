/**
 * `berth ps`: containers of every selected node. Tables come from the list
 * call alone; the structured outputs and `-o wide` also inspect each
 * container (8 at a time) so exit codes, start and finish times, restarts
 * and OOM flags are real values rather than nulls. A container removed
 * between the list and its inspect is simply left out.
 */
import type { Container } from '../../domain/types.ts';
import { byText } from '../../util/compare.ts';
import { summaryOf } from '../../fleet/live-sync.ts';
import type { CliContext } from '../framework/context.ts';
import { printList } from '../framework/output.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import { containerList } from './container-list.ts';
import type { psVerb } from './specs.ts';

/** Output modes that show fields only inspect knows. */
const DETAILED = new Set(['json', 'yaml', 'jsonl', 'wide']);

export async function run(ctx: CliContext, inv: InvocationOf<typeof psVerb>): Promise<number> {
  const detailed = DETAILED.has(ctx.output.mode);
  return withFleet(ctx, async (fleet) => {
    const { results, errors } = await fleet.each(async (node, signal): Promise<Container[]> => {
      const listed = await node.runtime.listContainers({ all: inv.flags.all }, signal);
      if (!detailed) return listed;
      const details = await node.runtime.inspectMany(listed.map((c) => c.id), signal);
      // Keep the list's image name (the reference the user ran) and its order.
      const byId = new Map(details.map((d) => [d.id, d]));
      return listed.flatMap((c) => {
        const d = byId.get(c.id);
        return d ? [{ ...summaryOf(d), image: c.image, status: c.status }] : [];
      });
    });
    const items = results.flatMap((r) => r.value).sort((a, b) => byText(a.node, b.node) || byText(b.createdAt ?? '', a.createdAt ?? ''));
    return printList(ctx, containerList(fleet.multiNode), { items, errors, nodes: fleet.nodeNames });
  });
}
