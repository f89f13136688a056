/**
 * `berth inspect REF…`: everything berth knows about containers. Values of
 * environment variables often hold secrets, so they are masked unless
 * `--show-env` (in every output form, JSON included).
 */
import type { ContainerDetail } from '../../domain/types.ts';
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { loadYaml, renderYaml } from '../framework/output/document.ts';
import { withFleet } from '../fleet-session.ts';
import { printDocuments } from './documents.ts';
import type { inspectVerb } from './specs.ts';

/** An environment entry as shown: its value, or null with `masked: true`. */
export interface ShownEnv {
  name: string;
  value: string | null;
  masked?: true;
}

/** The detail with environment values masked unless `showEnv`. */
export function maskEnv(d: ContainerDetail, showEnv: boolean): Omit<ContainerDetail, 'env'> & { env: ShownEnv[] } {
  return { ...d, env: showEnv ? d.env : d.env.map((e) => ({ name: e.name, value: null, masked: true as const })) };
}

export async function run(ctx: CliContext, inv: InvocationOf<typeof inspectVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const targets = await fleet.resolveContainers(inv.args.REF);
    const details = await Promise.all(targets.map((t) => fleet.one(t.node, (signal) => t.node.runtime.inspectContainer(t.container.id, signal))));
    const shown = details.map((d) => maskEnv(d, inv.flags.showEnv));
    await loadYaml();
    printDocuments(ctx, 'ContainerDetail', shown, [], (d) =>
      renderYaml({ ...d, env: d.env.map((e) => `${e.name}=${e.masked ? '••••••' : e.value}`) }));
    if (!inv.flags.showEnv && shown.some((d) => d.env.length > 0) && ctx.tty.stderr) {
      ctx.stderr.write('environment values are masked; add --show-env to see them\n');
    }
    return 0;
  });
}
