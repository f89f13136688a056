/** `berth networks`: networks of every selected node. */
import type { Network } from '../../domain/types.ts';
import type { CliContext } from '../framework/context.ts';
import { printList } from '../framework/output.ts';
import { defineList, type Column } from '../framework/output/columns.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import type { networksVerb } from './specs.ts';

/** The network list. */
export function networkList(multiNode: boolean) {
  const columns: Column<Network>[] = [
    ...(multiNode ? [{ header: 'NODE', value: (n: Network) => n.node }] : []),
    { header: 'NETWORK ID', value: (n) => n.id.slice(0, 12) },
    { header: 'NAME', value: (n) => n.name },
    { header: 'DRIVER', value: (n) => n.driver },
    { header: 'SCOPE', value: (n) => n.scope },
    { header: 'CONTAINERS', value: (n) => n.containers, align: 'right' },
  ];
  return defineList<Network>({ kind: 'Network', columns, name: (n) => `${n.node}/${n.name}`, id: (n) => n.id });
}

export async function run(ctx: CliContext, _inv: InvocationOf<typeof networksVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const { results, errors } = await fleet.each((n, signal) => n.runtime.listNetworks(signal));
    return printList(ctx, networkList(fleet.multiNode), { items: results.flatMap((r) => r.value), errors, nodes: fleet.nodeNames });
  });
}
