/** `berth volumes [--size]`: volumes of every selected node; sizes only when asked (the engine walks every file). */
import type { Volume } from '../../domain/types.ts';
import type { CliContext } from '../framework/context.ts';
import { printList } from '../framework/output.ts';
import { defineList, type Column } from '../framework/output/columns.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import type { volumesVerb } from './specs.ts';

/** The volume list. */
export function volumeList(multiNode: boolean) {
  const columns: Column<Volume>[] = [
    ...(multiNode ? [{ header: 'NODE', value: (v: Volume) => v.node }] : []),
    { header: 'NAME', value: (v) => v.name, maxWidth: 64 },
    { header: 'DRIVER', value: (v) => v.driver },
    { header: 'IN USE', value: (v) => v.inUse },
    { header: 'SIZE', value: (v) => v.sizeBytes, human: 'bytes', align: 'right' },
    { header: 'MOUNTPOINT', value: (v) => v.mountpoint, wide: true },
  ];
  return defineList<Volume>({ kind: 'Volume', columns, name: (v) => `${v.node}/${v.name}`, id: (v) => v.name });
}

export async function run(ctx: CliContext, inv: InvocationOf<typeof volumesVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const { results, errors } = await fleet.each((n, signal) => (inv.flags.size ? n.runtime.volumeUsage(signal) : n.runtime.listVolumes(signal)));
    return printList(ctx, volumeList(fleet.multiNode), { items: results.flatMap((r) => r.value), errors, nodes: fleet.nodeNames });
  });
}
