/** `berth ps` on top of the framework: gather, then printList. */
import type { CliContext } from '../../../../src/cli/framework/context.ts';
import { printList } from '../../../../src/cli/framework/output.ts';
import { defineList } from '../../../../src/cli/framework/output/columns.ts';
import type { InvocationOf } from '../../../../src/cli/framework/registry.ts';
import type { Container } from '../../../../src/domain/types.ts';
import { fakeFleet } from './fleet.ts';
import type { psVerb } from './specs.ts';

export const containerList = defineList<Container>({
  kind: 'Container',
  columns: [
    { header: 'NODE', value: (c) => c.node },
    { header: 'NAME', value: (c) => c.name },
    { header: 'STATE', value: (c) => c.state, tone: (c) => (c.state === 'running' ? 'ok' : 'muted') },
    { header: 'CREATED', value: (c) => c.createdAt, human: 'ago' },
    { header: 'IMAGE', value: (c) => c.image, wide: true },
  ],
  name: (c) => `${c.node}/${c.name}`,
  id: (c) => c.id,
});

export function run(ctx: CliContext, inv: InvocationOf<typeof psVerb>): Promise<number> {
  // In berth: const { results, errors } = await fanout(selectNodes(ctx.config.nodes, …), ctx.timeoutMs, …)
  const items = fakeFleet.containers.filter((c) => inv.flags.all || c.state === 'running');
  return Promise.resolve(printList(ctx, containerList, { items, errors: fakeFleet.failures, nodes: fakeFleet.nodes }));
}
