/** `berth images`: images of every selected node. */
import type { Image } from '../../domain/types.ts';
import type { CliContext } from '../framework/context.ts';
import { printList } from '../framework/output.ts';
import { defineList, type Column } from '../framework/output/columns.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import type { imagesVerb } from './specs.ts';

/** Short id as docker prints it: 12 hex digits without `sha256:`. */
function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The image list; NODE leads when several nodes are shown. */
export function imageList(multiNode: boolean) {
  const columns: Column<Image>[] = [
    ...(multiNode ? [{ header: 'NODE', value: (i: Image) => i.node }] : []),
    { header: 'IMAGE ID', value: (i) => shortId(i.id) },
    { header: 'TAGS', value: (i) => (i.tags.length === 0 ? '<none>' : i.tags.join(', ')), maxWidth: 60, tone: (i) => (i.dangling ? 'muted' : undefined) },
    { header: 'SIZE', value: (i) => i.sizeBytes, human: 'bytes', align: 'right' },
    { header: 'SHARED', value: (i) => i.sharedBytes, human: 'bytes', align: 'right', wide: true },
    { header: 'UNIQUE', value: (i) => i.uniqueBytes, human: 'bytes', align: 'right', wide: true },
    { header: 'CONTAINERS', value: (i) => i.containers, align: 'right', wide: true },
    { header: 'CREATED', value: (i) => i.createdAt, human: 'ago' },
  ];
  return defineList<Image>({ kind: 'Image', columns, name: (i) => `${i.node}/${i.tags[0] ?? shortId(i.id)}`, id: (i) => i.id });
}

export async function run(ctx: CliContext, _inv: InvocationOf<typeof imagesVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const { results, errors } = await fleet.each((n, signal) => n.runtime.listImages(signal));
    const items = results.flatMap((r) => r.value);
    return printList(ctx, imageList(fleet.multiNode), { items, errors, nodes: fleet.nodeNames });
  });
}
