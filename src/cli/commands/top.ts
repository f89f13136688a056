/**
 * `berth top REF`: the processes of a running container, as the engine's
 * `ps` sees them, printed like every berth list (table, TSV, `-o json` as
 * a ProcessList with `{node, container, pid, user, …, command}` items).
 */
import { BerthError } from '../../domain/errors.ts';
import type { CliContext } from '../framework/context.ts';
import { printList } from '../framework/output.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import { processItems, processList } from '../streams/process-list.ts';
import type { topVerb } from './specs.ts';

/** Lists the container's processes. */
export async function run(ctx: CliContext, inv: InvocationOf<typeof topVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const { ref, node, container } = await fleet.resolveContainer(inv.args.REF);
    // Engines word this differently (Podman answers with no table at all): say it once, plainly.
    if (container.state !== 'running' && container.state !== 'paused') {
      throw new BerthError('conflict', `container ${container.name} on node ${container.node} is not running (${container.state}), so it has no processes`, {
        hint: `start it first: berth start ${ref}`,
      });
    }
    const table = await node.runtime.top(container.id);
    const items = processItems(container.node, container.name, table);
    return printList(ctx, processList(table.titles, fleet.multiNode), { items, nodes: [container.node] });
  });
}
